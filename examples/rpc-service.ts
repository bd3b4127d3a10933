/**
 * An Avro RPC service written as a decorated class: its protocol comes from the class, a
 * server calls its methods, and a typed client has the same methods, returning Promises.
 * Declared errors arrive as instances of their class; other exceptions as the system error.
 *
 *   npm run build && npx tsc -p tsconfig.examples.json && node dist/examples/rpc-service.js
 *
 * (Decorator metadata needs tsc: tsx/esbuild do not emit it.)
 */
import { AvroMessage, AvroRecord, AvroService, Field, Param, clientOf, protocolOf, serve } from 'avrokit/decorators/rpc';
import { RpcRemoteError } from 'avrokit/rpc';
import type { CallContext } from 'avrokit/rpc';

@AvroRecord({ namespace: 'org.example.mail' })
class Letter {
  @Field() to!: string;
  @Field() from!: string;
  @Field() body!: string;
}

@AvroRecord({ namespace: 'org.example.mail' })
class Receipt {
  @Field() id!: string;
  @Field() sentAt!: Date;
  @Field('int') words!: number;
}

/** A declared error: an Avro `error` record, and a real Error on both sides. */
@AvroRecord({ namespace: 'org.example.mail', error: true })
class Undeliverable extends Error {
  @Field() recipient!: string;
  @Field() reason!: string;

  constructor(recipient: string, reason: string) {
    super(`cannot deliver to ${recipient}: ${reason}`);
    this.recipient = recipient;
    this.reason = reason;
  }
}

@AvroService({ protocol: 'Mail', namespace: 'org.example.mail', doc: 'A tiny mail service.' })
class MailService {
  private sent = 0;
  readonly log: string[] = [];

  /** Promise<Receipt> hides Receipt at run time, so the response is named. */
  @AvroMessage({ response: () => Receipt, errors: [Undeliverable] })
  async send(@Param('letter', () => Letter) letter: Letter, ctx?: CallContext): Promise<Receipt> {
    if (!letter.to.includes('@')) throw new Undeliverable(letter.to, 'not an address');
    if (letter.body === '') throw new Error('empty letters jam the machine'); // not declared
    const trace = ctx?.metadata.get('trace');
    this.log.push(`sent to ${letter.to}${trace ? ` (trace ${new TextDecoder().decode(trace)})` : ''}`);
    return Object.assign(new Receipt(), { id: `r-${++this.sent}`, sentAt: new Date(Date.UTC(2026, 2, 1, 9)), words: letter.body.split(/\s+/).length });
  }

  /** A plain return type is inferred from the declaration, as are the parameters' types. */
  @AvroMessage()
  count(@Param('domain') domain: string): number {
    return this.log.filter((l) => l.includes(`@${domain}`)).length;
  }

  /** One-way: the caller does not wait. */
  @AvroMessage({ oneWay: true })
  note(@Param('text') text: string): void {
    this.log.push(`note: ${text}`);
  }
}

const protocol = protocolOf(MailService);
console.log(`protocol ${protocol.name}: messages ${[...protocol.messages.keys()].join(', ')}; types ${[...protocol.registry.keys()].join(', ')}`);
console.log(`MD5 ${protocol.hashHex}; ${protocol.toString().length} characters of JSON`);

const service = new MailService();
for (const scheme of ['tcp', 'http']) {
  const listener = await serve(service, `${scheme}://127.0.0.1:0/`);
  const mail = clientOf(MailService, `${scheme}://127.0.0.1:${listener.port}/`, { timeoutMs: 5000 });
  try {
    const letter = Object.assign(new Letter(), { to: 'grace@example.org', from: 'ada@example.org', body: 'See you at the lab' });
    const receipt = await mail.send(letter, { metadata: { trace: new TextEncoder().encode(scheme) } });
    console.log(`${scheme}: receipt ${receipt.id} (a Receipt: ${receipt instanceof Receipt}), ${receipt.words} words, sent ${receipt.sentAt.toISOString()}`);
    try {
      await mail.send(Object.assign(new Letter(), { to: 'nobody', from: 'ada@example.org', body: 'hello?' }));
    } catch (e) {
      if (!(e instanceof Undeliverable)) throw e;
      console.log(`${scheme}: declared error: an Undeliverable (an Error: ${e instanceof Error}) for ${e.recipient}: ${e.reason}`);
    }
    try {
      await mail.send(Object.assign(new Letter(), { to: 'grace@example.org', from: 'ada@example.org', body: '' }));
    } catch (e) {
      if (!(e instanceof RpcRemoteError)) throw e;
      console.log(`${scheme}: undeclared error: system error ${JSON.stringify(e.value)}`);
    }
    await mail.note(`hello over ${scheme}`);
    console.log(`${scheme}: letters to example.org so far: ${await mail.count('example.org')}`);
  } finally {
    await mail.$close();
    await listener.close();
  }
}
console.log(`server log: ${service.log.join('; ')}`);
