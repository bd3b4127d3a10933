/**
 * `protocolOf(ServiceClass)`: the protocol JSON of a decorated service (named types declared
 * in `types` in order of first use, declared errors as Avro `error`s, defaults, one-way),
 * what it carries besides the JSON (record classes, conversions, long mode), and the mistakes
 * the service decorators report where the class is defined.
 */
import { describe, expect, it } from 'vitest';
import {
  AvroDecoratorError, AvroMessage, AvroRecord, AvroService, Field, Param, protocolOf,
} from '../../decorators/rpc.js';
import { Protocol } from '../../src/rpc/index.js';
import { Letter, MailError, MailService, Priority, Receipt } from './service-fixtures.js';

describe('protocolOf', () => {
  it('gives the protocol JSON of a decorated service', () => {
    expect(protocolOf(MailService).toJSON()).toEqual({
      protocol: 'Mail',
      namespace: 'org.example.mail',
      doc: 'Sends letters.',
      types: [
        {
          type: 'record', name: 'org.example.mail.Letter',
          fields: [{ name: 'to', type: 'string' }, { name: 'from', type: 'string' }, { name: 'body', type: 'string' }],
        },
        {
          type: 'record', name: 'org.example.mail.Receipt',
          fields: [
            { name: 'id', type: 'string' },
            { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
            { name: 'letters', type: { type: 'array', items: 'org.example.mail.Letter' } },
          ],
        },
        { type: 'error', name: 'org.example.mail.MailError', fields: [{ name: 'reason', type: 'string' }, { name: 'code', type: 'int' }] },
        // Declared as a plain @AvroRecord, listed in errors: declared as an error all the same.
        { type: 'error', name: 'org.example.mail.Throttled', fields: [{ name: 'retryAfterMs', type: 'int' }] },
        { type: 'enum', name: 'org.example.mail.Priority', symbols: ['Low', 'High'], logicalType: 'ts-enum' },
      ],
      messages: {
        send: {
          doc: 'Sends one letter.',
          request: [{ name: 'letter', type: 'org.example.mail.Letter' }],
          response: 'org.example.mail.Receipt',
          errors: ['org.example.mail.MailError', 'org.example.mail.Throttled'],
        },
        count: {
          request: [{ name: 'to', type: ['null', 'string'] }, { name: 'max', type: 'int', default: 100 }],
          response: 'int',
        },
        greeting: { request: [{ name: 'name', type: 'string' }], response: 'string' },
        ping: { request: [{ name: 'note', type: 'string' }], response: 'null', 'one-way': true },
        priority_of: { request: [{ name: 'letter', type: 'org.example.mail.Letter' }], response: 'org.example.mail.Priority' },
      },
    });
  });

  it('is built once per class, and its JSON parses back to the same protocol', () => {
    const p = protocolOf(MailService);
    expect(protocolOf(MailService)).toBe(p);
    expect(p).toBeInstanceOf(Protocol);
    const again = Protocol.parse(p.toString());
    expect(again.hashHex).toBe(p.hashHex);
    expect([...p.messages.keys()]).toEqual(['send', 'count', 'greeting', 'ping', 'priority_of']);
    expect(p.messages.get('ping')!.oneWay).toBe(true);
    expect(p.messages.get('send')!.errorNames).toEqual(['org.example.mail.MailError', 'org.example.mail.Throttled']);
  });

  it('carries the record classes, the error classes and the conversions', () => {
    const send = protocolOf(MailService).messages.get('send')!;
    const receipt = Object.assign(new Receipt(), { id: 'r1', at: new Date(7), letters: [Object.assign(new Letter(), { to: 'a', from: 'b', body: 'c' })] });
    const back = send.responseType.fromBuffer(send.responseType.toBuffer(receipt)) as Receipt;
    expect(back).toBeInstanceOf(Receipt);
    expect(back.letters[0]).toBeInstanceOf(Letter);
    expect(back.at).toEqual(new Date(7));
    const err = send.errorType.fromBuffer(send.errorType.toBuffer(new MailError('x', 1)));
    expect(err).toBeInstanceOf(MailError);
    // The numeric TS enum travels as its symbol and comes back as its number.
    const priority = protocolOf(MailService).messages.get('priority_of')!.responseType;
    expect([...priority.toBuffer(Priority.High)]).toEqual([2]);
    expect(priority.fromBuffer(new Uint8Array([2]))).toBe(Priority.High);
  });

  it('applies conversions given on parameters and responses', () => {
    const url = { logicalType: 'url', fromAvro: (s: string) => new URL(s), toAvro: (u: URL) => u.href };
    @AvroService({ protocol: 'Links' })
    class Links {
      @AvroMessage({ response: 'string' })
      canonical(@Param('link', 'string', { conversion: url }) link: URL): string {
        return link.href;
      }
    }
    const m = protocolOf(Links).messages.get('canonical')!;
    expect(m.toJSON().request).toEqual([{ name: 'link', type: { type: 'string', logicalType: 'url' } }]);
    const back = m.requestType.fromBuffer(m.requestType.toBuffer({ link: new URL('https://example.org/a/../b') })) as { link: unknown };
    expect(back.link).toBeInstanceOf(URL);
    expect((back.link as URL).href).toBe('https://example.org/b');
    expect(m.requestType.isValid({ link: 'https://example.org/' })).toBe(false);
  });

  it('declares types given up front first, and names each type once', () => {
    @AvroRecord()
    class Unused {
      @Field('int') n!: number;
    }
    @AvroRecord()
    class Node {
      @Field('string') label!: string;
      @Field(() => [Node]) children!: Node[];
    }
    @AvroService({ protocol: 'org.tree.Trees', types: () => [Unused], meta: { version: '2' } })
    class Trees {
      @AvroMessage({ response: () => Node, meta: { idempotent: true } })
      grow(@Param('seed', () => Node) seed: Node, @Param('depth', 'long', { doc: 'levels' }) depth: bigint): Promise<Node> {
        return Promise.resolve(depth > 0n ? seed : seed);
      }
    }
    const p = protocolOf(Trees);
    expect(p.toJSON()).toEqual({
      protocol: 'Trees', namespace: 'org.tree', version: '2',
      types: [
        { type: 'record', name: 'org.tree.Unused', fields: [{ name: 'n', type: 'int' }] },
        {
          type: 'record', name: 'org.tree.Node',
          fields: [{ name: 'label', type: 'string' }, { name: 'children', type: { type: 'array', items: 'org.tree.Node' } }],
        },
      ],
      messages: {
        grow: {
          idempotent: true,
          request: [{ name: 'seed', type: 'org.tree.Node' }, { name: 'depth', type: 'long', doc: 'levels' }],
          response: 'org.tree.Node',
        },
      },
    });
    // A parameter declared bigint makes the protocol read longs as bigints.
    const grow = p.messages.get('grow')!;
    const req = grow.requestType.fromBuffer(grow.requestType.toBuffer({ seed: { label: 'a', children: [] }, depth: 3n })) as { depth: unknown };
    expect(req.depth).toBe(3n);
  });

  it('keeps the namespaces of types from elsewhere and writes them by full name', () => {
    @AvroRecord({ namespace: 'com.other' })
    class Money {
      @Field('string') amount!: string;
    }
    @AvroService({ protocol: 'Bank', namespace: 'org.bank' })
    class Bank {
      @AvroMessage({ response: () => Money })
      balance(@Param('account') account: string): Money {
        return Object.assign(new Money(), { amount: account });
      }
    }
    expect(protocolOf(Bank).toJSON()).toMatchObject({
      types: [{ type: 'record', name: 'com.other.Money', fields: [{ name: 'amount', type: 'string' }] }],
      messages: { balance: { request: [{ name: 'account', type: 'string' }], response: 'com.other.Money' } },
    });
  });
});

describe('service decorator mistakes', () => {
  const fails = (define: () => unknown, message: RegExp): void => {
    let error: unknown;
    try {
      define();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AvroDecoratorError);
    expect((error as Error).message).toMatch(message);
  };

  it('a parameter without a name', () => {
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage({ response: 'string' })
        a(x: string): string {
          return x;
        }
      }
      return S;
    }, /^S\.a: its parameters have no names: name each with @Param\('name', type\)/);
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage({ response: 'string' })
        a(@Param('x') x: string, y: number): string {
          return x + y;
        }
      }
      return S;
    }, /^S\.a: parameter 1 has no @Param; the parameter after the message's parameters receives the CallContext/);
  });

  it('an async method without a response type', () => {
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage()
        async a(): Promise<string> {
          return 'x';
        }
      }
      return S;
    }, /^S\.a: the response type is unknown: a Promise<T> return type hides T at run time; write @AvroMessage\(\{ response: 'string' \}\)/);
  });

  it('a parameter whose type cannot be inferred', () => {
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage({ response: 'null' })
        a(@Param('x') x: string | null): void {
          void x;
        }
      }
      return S;
    }, /^S\.a: parameter x: cannot infer its type: TypeScript records Object for it.*write @Param\('x', type\)/);
  });

  it('one-way messages with a response or errors', () => {
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage({ oneWay: true, response: 'string' })
        a(): void {}
      }
      return S;
    }, /^S\.a: a one-way message has no response/);
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage({ oneWay: true, errors: [MailError] })
        a(): void {}
      }
      return S;
    }, /^S\.a: a one-way message cannot declare errors/);
  });

  it('two methods with one message name, a $-method, an invalid name, an unknown option', () => {
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage({ name: 'x' }) a(): void {}
        @AvroMessage({ name: 'x' }) b(): void {}
      }
      return S;
    }, /^S\.b: message name "x" is also used by method a/);
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage() $a(): void {}
      }
      return S;
    }, /^S\.\$a: a message method may not start with \$/);
    fails(() => {
      @AvroService({ protocol: 'my-service' })
      class S {}
      return S;
    }, /^S: "my-service" is not a valid protocol name/);
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage({ response: 'int', retries: 3 } as never) a(): number {
          return 1;
        }
      }
      return S;
    }, /^S\.a: @AvroMessage: unknown option "retries"/);
  });

  it('parameters given twice, and types that are not named', () => {
    fails(() => {
      @AvroService()
      class S {
        @AvroMessage({ response: 'string', request: { x: 'string' } })
        a(@Param('x') x: string): string {
          return x;
        }
      }
      return S;
    }, /^S\.a: parameters are given both with @Param and in request; keep one/);
    @AvroService({ types: () => ['int'] })
    class T {}
    fails(() => protocolOf(T), /^T: @AvroService types lists named types only \(record classes, enums, fixed\), not "int"/);
  });

  it('@Param without @AvroMessage, and a class that is not a service', () => {
    fails(() => {
      @AvroService()
      class S {
        a(@Param('x') x: string): string {
          return x;
        }
      }
      return S;
    }, /^S\.a: @Param on a method without @AvroMessage/);
    fails(() => protocolOf(Letter), /^Letter: is not a service: decorate it \(or a parent\) with @AvroService\(\)/);
  });

  it('errors that are not records, and thunks that name nothing (found at first use)', () => {
    @AvroService()
    class S {
      @AvroMessage({ response: 'null', errors: ['string'] })
      a(): void {}
    }
    fails(() => protocolOf(S), /^S\.a: errors\[0\] is "string", not a record: declared errors are record classes/);
    let Later: unknown;
    @AvroService()
    class T {
      @AvroMessage({ response: 'null' })
      a(@Param('x', () => Later as never) x: unknown): void {
        void x;
      }
    }
    fails(() => protocolOf(T), /^T\.a\(x\): the type thunk returned undefined/);
    Later = undefined;
  });
});
