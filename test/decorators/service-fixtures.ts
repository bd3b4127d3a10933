/**
 * A decorated mail service shared by the service tests: records, an error class, a request/
 * response message, one with two parameters and a default, a one-way message, and one that
 * fails with an exception it does not declare.
 */
import { AvroMessage, AvroRecord, AvroService, Field, Param, avroEnum, nullable } from '../../decorators/rpc.js';
import type { CallContext } from '../../src/rpc/index.js';

@AvroRecord({ namespace: 'org.example.mail' })
export class Letter {
  @Field('string') to!: string;
  @Field('string') from!: string;
  @Field('string') body!: string;

  /** A method: decoded letters are real instances. */
  summary(): string {
    return `${this.from} → ${this.to}: ${this.body}`;
  }
}

/** A numeric enum: its Avro symbols are the member names, its values stay numbers (a conversion). */
export enum Priority {
  Low,
  High,
}
avroEnum(Priority, 'Priority', { namespace: 'org.example.mail' });

@AvroRecord({ namespace: 'org.example.mail' })
export class Receipt {
  @Field('string') id!: string;
  @Field('timestamp-millis') at!: Date;
  @Field(() => [Letter]) letters!: Letter[];
}

/** A declared error that is a real `Error` (stack, instanceof Error) and an Avro error record. */
@AvroRecord({ namespace: 'org.example.mail', error: true })
export class MailError extends Error {
  @Field('string') reason!: string;
  @Field('int') code!: number;

  constructor(reason: string, code: number) {
    super(reason);
    this.reason = reason;
    this.code = code;
  }
}

/** A declared error that is a plain record class. */
@AvroRecord({ namespace: 'org.example.mail' })
export class Throttled {
  @Field('int') retryAfterMs!: number;
}

@AvroService({ protocol: 'Mail', namespace: 'org.example.mail', doc: 'Sends letters.' })
export class MailService {
  readonly outbox: Letter[] = [];
  readonly pinged: string[] = [];
  lastMetadata: ReadonlyMap<string, Uint8Array> | undefined;
  onPing: ((note: string) => void) | undefined;

  @AvroMessage({ response: () => Receipt, errors: [MailError, Throttled], doc: 'Sends one letter.' })
  async send(@Param('letter', () => Letter) letter: Letter, ctx?: CallContext): Promise<Receipt> {
    this.lastMetadata = ctx?.metadata;
    if (letter.to === '') throw new MailError('no recipient', 400);
    if (letter.to === 'busy') throw Object.assign(new Throttled(), { retryAfterMs: 250 });
    if (letter.to === 'crash') throw new TypeError('the mail room is on fire');
    this.outbox.push(letter);
    return Object.assign(new Receipt(), { id: `r${this.outbox.length}`, at: new Date(Date.UTC(2026, 0, 2)), letters: [letter] });
  }

  @AvroMessage({ response: 'int' })
  count(@Param('to', nullable('string')) to: string | null, @Param('max', 'int', { default: 100 }) max?: number): number {
    return Math.min(this.outbox.filter((l) => to === null || l.to === to).length, max ?? 100);
  }

  @AvroMessage()
  greeting(@Param('name') name: string): string {
    return `hello ${name}`;
  }

  @AvroMessage({ oneWay: true })
  ping(@Param('note', 'string') note: string): void {
    this.pinged.push(note);
    this.onPing?.(note);
  }

  @AvroMessage({ name: 'priority_of', response: () => Priority })
  async priorityOf(@Param('letter', () => Letter) letter: Letter): Promise<Priority> {
    return letter.body.includes('!') ? Priority.High : Priority.Low;
  }

  /** Not a message: not in the protocol, not on clients. */
  helper(): string {
    return 'internal';
  }
}
