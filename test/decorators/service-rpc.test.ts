/**
 * A decorated service served with `serve(instance, uri)` and called with `clientOf(Class, uri)`
 * over TCP and HTTP on 127.0.0.1: class instances both ways, a declared error thrown by the
 * implementation arrives as an instance of its class, an undeclared exception as the system
 * error string (and the server goes on), one-way messages, defaults, enums through their
 * conversion, the call context, and the client's types.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { clientOf, protocolOf, serve, serverOf } from '../../decorators/rpc.js';
import type { ServiceClient } from '../../decorators/rpc.js';
import { Client, Protocol, RpcRemoteError, Server, connect, listen } from '../../src/rpc/index.js';
import type { CallOptions, Listener } from '../../src/rpc/index.js';
import { Letter, MailError, MailService, Priority, Receipt, Throttled } from './service-fixtures.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

const letter = (to: string, body = 'hi'): Letter => Object.assign(new Letter(), { to, from: 'ada', body });

async function start(scheme: string, service = new MailService()): Promise<{ service: MailService; mail: ServiceClient<MailService>; listener: Listener }> {
  const errors: unknown[] = [];
  const listener = await serve(service, `${scheme}://127.0.0.1:0/`, { onError: (e) => errors.push(e) });
  const mail = clientOf(MailService, `${scheme}://127.0.0.1:${listener.port}/`, { timeoutMs: 10_000 });
  open.push(listener, { close: () => mail.$close() });
  return { service, mail, listener };
}

describe('typed clients of decorated services', () => {
  it('have the class methods with the same parameters, returning Promises; a CallContext parameter becomes CallOptions', () => {
    type Mail = ServiceClient<MailService>;
    expectTypeOf<Mail['send']>().toEqualTypeOf<(letter: Letter, options?: CallOptions) => Promise<Receipt>>();
    expectTypeOf<Mail['count']>().toEqualTypeOf<(to: string | null, max?: number, options?: CallOptions) => Promise<number>>();
    expectTypeOf<Mail['ping']>().toEqualTypeOf<(note: string, options?: CallOptions) => Promise<void>>();
    expectTypeOf<Mail['priorityOf']>().returns.toEqualTypeOf<Promise<Priority>>();
    expectTypeOf<Mail['$client']>().toEqualTypeOf<Client>();
    // Properties are not methods.
    expectTypeOf<Mail>().not.toHaveProperty('outbox');
  });
});

for (const scheme of ['tcp', 'http']) {
  describe(`a decorated service over ${scheme.toUpperCase()}`, () => {
    it('sends class instances both ways', async () => {
      const { service, mail } = await start(scheme);
      const receipt = await mail.send(letter('bob'));
      expect(receipt).toBeInstanceOf(Receipt);
      expect(receipt.at).toEqual(new Date(Date.UTC(2026, 0, 2)));
      expect(receipt.letters[0]).toBeInstanceOf(Letter);
      expect(receipt.letters[0]!.summary()).toBe('ada → bob: hi');
      expect(service.outbox[0]).toBeInstanceOf(Letter);
      expect(await mail.greeting('grace')).toBe('hello grace');
      expect(await mail.priorityOf(letter('bob', 'now!'))).toBe(Priority.High);
      expect(await mail.priorityOf(letter('bob', 'later'))).toBe(Priority.Low);
    });

    it('fills parameters left out from their defaults', async () => {
      const { mail } = await start(scheme);
      await mail.send(letter('bob'));
      await mail.send(letter('bob'));
      await mail.send(letter('eve'));
      expect(await mail.count('bob')).toBe(2);
      expect(await mail.count(null)).toBe(3);
      expect(await mail.count(null, 1)).toBe(1);
    });

    it('rejects with an instance of the declared error class the implementation threw', async () => {
      const { mail } = await start(scheme);
      const e = await mail.send(letter('')).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(MailError);
      expect(e).toBeInstanceOf(Error);
      expect(e).toMatchObject({ reason: 'no recipient', code: 400 });
      const err = e as MailError;
      expect(err.name).toBe('MailError');
      expect(err.message).toMatch(/^send: remote org\.example\.mail\.MailError: .*no recipient/);
      expect(err.stack).toMatch(/^MailError: send: remote/);
      expect(err.cause).toBeInstanceOf(RpcRemoteError);
      // A plain record class works the same.
      const t = await mail.send(letter('busy')).catch((x: unknown) => x);
      expect(t).toBeInstanceOf(Throttled);
      expect(t).toEqual(Object.assign(new Throttled(), { retryAfterMs: 250 }));
    });

    it('turns an undeclared exception into the system error string and goes on serving', async () => {
      const errors: unknown[] = [];
      const listener = await serve(new MailService(), `${scheme}://127.0.0.1:0/`, { onError: (e) => errors.push(e) });
      const mail = clientOf(MailService, `${scheme}://127.0.0.1:${listener.port}/`);
      open.push(listener, { close: () => mail.$close() });
      const e = (await mail.send(letter('crash')).catch((x: unknown) => x)) as RpcRemoteError;
      expect(e).toBeInstanceOf(RpcRemoteError);
      expect(e.isSystem).toBe(true);
      expect(e.value).toBe('the mail room is on fire');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(TypeError);
      expect(await mail.greeting('again')).toBe('hello again');
    });

    it('delivers one-way messages without a response', async () => {
      const service = new MailService();
      const heard = new Promise<string>((resolve) => (service.onPing = resolve));
      const { mail } = await start(scheme, service);
      await expect(mail.ping('are you there?')).resolves.toBeUndefined();
      expect(await heard).toBe('are you there?');
      expect(await mail.greeting('after ping')).toBe('hello after ping');
      expect(service.pinged).toEqual(['are you there?']);
    });

    it('passes call options (metadata) and gives the method the CallContext', async () => {
      const { service, mail } = await start(scheme);
      await mail.send(letter('bob'), { metadata: { trace: new Uint8Array([1, 2]) }, timeoutMs: 5000 });
      expect([...(service.lastMetadata?.get('trace') ?? [])]).toEqual([1, 2]);
    });
  });
}

describe('servers and clients of decorated services', () => {
  it('serverOf gives a plain Server for the protocol, which a plain client of protocolOf calls', async () => {
    const server = serverOf(new MailService());
    expect(server).toBeInstanceOf(Server);
    expect(server.protocol).toBe(protocolOf(MailService));
    const listener = await listen('tcp://127.0.0.1:0', server);
    const client = connect(`tcp://127.0.0.1:${listener.port}`, protocolOf(MailService));
    open.push(listener, client);
    expect(await client.send('greeting', { name: 'raw' })).toBe('hello raw');
    expect(await client.send('priority_of', { letter: letter('x', '!') })).toBe(Priority.High);
    const e = (await client.send('send', { letter: letter('') }).catch((x: unknown) => x)) as RpcRemoteError;
    expect(e.errorType).toBe('org.example.mail.MailError');
    expect(e.value).toBeInstanceOf(MailError);
    // clientOf also takes that client.
    const mail = clientOf(MailService, client);
    expect(mail.$client).toBe(client);
    expect(await mail.greeting('shared')).toBe('hello shared');
  });

  it('an implementation may subclass the decorated service', async () => {
    class FriendlyMail extends MailService {
      override greeting(name: string): string {
        return `hi ${name}!`;
      }
    }
    expect(protocolOf(FriendlyMail).toString()).toBe(protocolOf(MailService).toString());
    const listener = await serve(new FriendlyMail(), 'http://127.0.0.1:0/');
    const mail = clientOf(MailService, `http://127.0.0.1:${listener.port}/`);
    open.push(listener, { close: () => mail.$close() });
    expect(await mail.greeting('ada')).toBe('hi ada!');
  });

  it('refuses a class where an instance is due, and a client of another protocol', () => {
    expect(() => serverOf(MailService)).toThrow(/serverOf takes an instance of the service: serverOf\(new MailService\(\)\)/);
    const transport = { stateful: false as const, remoteName: 'x', request: async () => new Uint8Array(), close: async () => {} };
    const echo = Protocol.parse({ protocol: 'Echo', messages: { echo: { request: [{ name: 's', type: 'string' }], response: 'string' } } });
    expect(() => clientOf(MailService, new Client(echo, transport))).toThrow(/a client of protocol Echo, not of this service's \(org\.example\.mail\.Mail\)/);
    // The same protocol with other options (here: interpreted codecs) is fine.
    expect(() => clientOf(MailService, new Client(protocolOf(MailService, { codegen: false }), transport))).not.toThrow();
  });
});
