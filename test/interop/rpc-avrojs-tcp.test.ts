/**
 * RPC over TCP against avro-js (Apache's JavaScript Avro, a devDependency), both ways, on
 * simple.avpr: an avro-js stateful emitter calls our server, and our client calls an avro-js
 * stateful listener. Both speak the spec's framing on a socket with one handshake per
 * connection; avro-js hashes protocols its own way, so a first connection takes NONE then
 * retry. avro-js's own conventions (call ids in metadata, a protocol text without "one-way")
 * are described in ./avrojs/peer.ts; the tests show how each meets ours.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { ByteReader } from '../../src/wire/reader.js';
import { Client, Protocol, RpcRemoteError, RpcTimeoutError, Server, listen, tcpTransport } from '../../src/rpc/index.js';
import type { Connection, Handler, Listener, ServerSession, StatefulTransport } from '../../src/rpc/index.js';
import { readHandshakeResponse } from '../../src/rpc/handshake.js';
import { deframe } from '../../src/rpc/framing.js';
import { readMetadata } from '../../src/rpc/metadata.js';
import { ByteWriter } from '../../src/wire/writer.js';
import { describeIfPeer } from './peers/index.js';
import { sharedAvro } from '../schema/shared-data.js';
import {
  avroJs, avroJsHash, avroJsProtocol, avroJsTcpCaller, echoAvroJsIds, int32, listenAvroJsTcp,
} from './avrojs/peer.js';
import type { AvroJsCaller, AvroJsServer } from './avrojs/peer.js';

const SHARED = sharedAvro('RPC interop with avro-js over TCP');
const SIMPLE = join(SHARED ?? '', 'share/test/schemas/simple.avpr');
const TEST_ERROR = 'org.apache.avro.test.TestError';
const hash16 = Buffer.from('0123456789abcdef', 'latin1');
const record = { name: 'Foo', kind: 'BAR', hash: hash16 };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Our simple.avpr handlers; `acks` counts one-way calls. */
function simpleHandlers(acks: { n: number }): Record<string, Handler> {
  return {
    hello: ({ greeting }) => {
      if (greeting === 'crash') throw new Error('crashed on purpose');
      return `Hello, ${greeting}`;
    },
    echo: ({ record: r }) => r,
    add: async ({ arg1, arg2 }) => {
      // Later calls finish first, so replies in request order are the server's doing.
      await new Promise((r) => setTimeout(r, Math.max(0, 20 - arg1)));
      return arg1 + arg2;
    },
    echoBytes: ({ data }) => data,
    error: () => {
      throw { message: 'intentional' };
    },
    ack: () => {
      acks.n++;
      return null;
    },
  };
}

/** Our TCP server of simple.avpr; `matches` collects the handshake match of each connection's handshakes. */
async function ourServer(
  handlers: Record<string, Handler>, options: ConstructorParameters<typeof Server>[2] = {}, protocol = Protocol.parse(readFileSync(SIMPLE, 'utf8')),
): Promise<{ listener: Listener; matches: string[] }> {
  const server = new Server(protocol, handlers, options);
  const matches: string[] = [];
  const respond = server.respond.bind(server);
  server.respond = (bytes: Uint8Array, session?: ServerSession) => {
    const handshaking = session?.remote === undefined;
    const out = respond(bytes, session);
    // Only messages before the session is established carry a handshake response.
    if (handshaking) void Promise.resolve(out).then((b) => b && matches.push(readHandshakeResponse(new ByteReader(b.subarray(4))).match));
    return out;
  };
  const listener = await listen('tcp://127.0.0.1:0', server);
  cleanups.push(() => listener.close());
  return { listener, matches };
}

function track(c: AvroJsCaller): AvroJsCaller {
  cleanups.push(() => c.close());
  return c;
}

describeIfPeer(avroJs(), 'avro-js stateful emitter → avrokit TCP server', () => {
  if (!SHARED) return;

  it('simple.avpr: NONE then retry, then calls; values, declared errors; avro-js call ids echoed through CallContext metadata', async () => {
    const acks = { n: 0 };
    const { listener, matches } = await ourServer(echoAvroJsIds(simpleHandlers(acks)));
    const js = track(avroJsTcpCaller(avroJsProtocol(SIMPLE), listener.port));
    expect(await js.call('hello', { greeting: 'bob' })).toEqual({ response: 'Hello, bob' });
    expect(await js.call('add', { arg1: 40, arg2: 2 })).toEqual({ response: 42 });
    expect(await js.call('echo', { record })).toEqual({ response: record });
    expect(await js.call('echoBytes', { data: Buffer.from([0, 255]) })).toEqual({ response: Buffer.from([0, 255]) });
    expect(await js.call('error', {})).toEqual({ error: { [TEST_ERROR]: { message: 'intentional' } } });
    expect(await js.call('hello', { greeting: 'again' })).toEqual({ response: 'Hello, again' });
    // avro-js sends a bare handshake without its protocol, gets NONE with ours, resends with its own.
    expect(js.handshakes).toEqual(['NONE', 'BOTH']);
    expect(matches).toEqual(['NONE', 'BOTH']);
    expect(js.errors).toEqual([]);
    // A second connection guesses avro-js's own hash again; we know its protocol by now.
    const again = track(avroJsTcpCaller(avroJsProtocol(SIMPLE), listener.port));
    expect(await again.call('add', { arg1: 1, arg2: 2 })).toEqual({ response: 3 });
    expect(again.handshakes).toEqual(['CLIENT']);
    expect(matches).toEqual(['NONE', 'BOTH', 'CLIENT']);
  });

  it('calls in flight on one connection get their own replies, in order, even when handlers finish out of order', async () => {
    const { listener } = await ourServer(echoAvroJsIds(simpleHandlers({ n: 0 })));
    const js = track(avroJsTcpCaller(avroJsProtocol(SIMPLE), listener.port));
    // Handshake first: avro-js parks calls made before it on one listener each.
    expect(await js.call('add', { arg1: 0, arg2: 0 })).toEqual({ response: 0 });
    const sums = await Promise.all(Array.from({ length: 20 }, (_, i) => js.call('add', { arg1: i, arg2: 100 })));
    expect(sums).toEqual(Array.from({ length: 20 }, (_, i) => ({ response: i + 100 })));
    expect(js.errors).toEqual([]);
  });

  it('one-way: avro-js sends its protocol without "one-way", so we follow that declaration and answer; avro-js then reports an orphan response', async () => {
    const acks = { n: 0 };
    const { listener } = await ourServer(echoAvroJsIds(simpleHandlers(acks)));
    const js = track(avroJsTcpCaller(avroJsProtocol(SIMPLE), listener.port));
    expect(await js.call('add', { arg1: 1, arg2: 1 })).toEqual({ response: 2 }); // handshake done
    js.notify('ack', {});
    // The next call's reply comes after the ack's: replies are in order.
    expect(await js.call('hello', { greeting: 'after ack' })).toEqual({ response: 'Hello, after ack' });
    expect(acks.n).toBe(1);
    expect(js.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^orphan response: \d+$/)]);
  });

  it('one-way with knownProtocols naming avro-js\'s hash of simple.avpr: BOTH at once, and ack gets no reply', async () => {
    const acks = { n: 0 };
    const ptcl = avroJsProtocol(SIMPLE);
    const simple = Protocol.parse(readFileSync(SIMPLE, 'utf8'));
    // The server's own Protocol object: the cache knows "ours" by identity.
    const { listener, matches } = await ourServer(echoAvroJsIds(simpleHandlers(acks)), { knownProtocols: [[avroJsHash(ptcl), simple]] }, simple);
    const js = track(avroJsTcpCaller(ptcl, listener.port));
    js.notify('ack', {});
    js.notify('ack', {});
    expect(await js.call('hello', { greeting: 'bob' })).toEqual({ response: 'Hello, bob' });
    expect(acks.n).toBe(2);
    expect(js.handshakes).toEqual(['BOTH']);
    expect(matches).toEqual(['BOTH']);
    expect(js.errors).toEqual([]);
  });

  it('with replies matched in order (no call ids, as Java and Python clients): system errors, and the server goes on', async () => {
    const { listener } = await ourServer({
      ...simpleHandlers({ n: 0 }),
      // A response that does not fit "int" is the server's failure: a system error too.
      add: ({ arg1 }) => (arg1 < 0 ? 'not an int' : arg1),
    });
    const js = track(avroJsTcpCaller(avroJsProtocol(SIMPLE), listener.port, { inOrder: true }));
    const outcomes = await Promise.all([
      js.call('hello', { greeting: 'crash' }),
      js.call('add', { arg1: -1, arg2: 0 }),
      js.call('error', {}),
      js.call('hello', { greeting: 'still here' }),
    ]);
    expect(outcomes).toEqual([
      { error: { string: 'crashed on purpose' } },
      { error: { string: expect.stringContaining('the server\'s response to "add" does not fit its schema') } },
      { error: { [TEST_ERROR]: { message: 'intentional' } } },
      { response: 'Hello, still here' },
    ]);
    expect(js.handshakes).toEqual(['NONE', 'BOTH']);
    expect(js.errors).toEqual([]);
  });
});

/*
 * Metadata a handler put in `ctx.responseMetadata` goes out with the system error its
 * undeclared exception becomes (as Java's Responder does): avro-js's stateful emitter matches
 * replies by the `id` metadata entry, so without it a system error would never reach its
 * caller. (It was once dropped; this is the regression test.)
 */
it('metadata a handler set goes out with the system error its undeclared exception becomes', () => {
  const protocol = Protocol.parse({
    protocol: 'P',
    messages: { hello: { request: [{ name: 'greeting', type: 'string' }], response: 'string' } },
  });
  const server = new Server(protocol, {
    hello: (_req, ctx) => {
      ctx.responseMetadata.set('id', new Uint8Array([0, 0, 0, 7]));
      throw new Error('not declared');
    },
  });
  const w = new ByteWriter(64);
  w.writeLong(0); // empty request metadata
  w.writeString('hello');
  w.writeString('bob');
  // An established stateful session: no handshake before the call.
  const reply = server.respond(w.buf.subarray(0, w.pos), { remote: protocol }) as Uint8Array;
  const r = new ByteReader(deframe(reply));
  const metadata = readMetadata(r);
  expect(r.readBoolean()).toBe(true); // an error…
  expect(r.readLong()).toBe(0); // …the system string
  expect(r.readString()).toBe('not declared');
  expect([...metadata.get('id')!]).toEqual([0, 0, 0, 7]);
});

/** An avro-js TCP server of simple.avpr; `acks` counts one-way calls it received. */
async function avroJsServer(acks: { n: number }): Promise<AvroJsServer> {
  const ptcl = avroJsProtocol(SIMPLE);
  ptcl
    .on('hello', (req: { greeting: string }, _l, cb) => {
      if (req.greeting === 'crash') cb!(new Error('avro-js crashed on purpose'));
      else cb!(null, `Hello, ${req.greeting}`);
    })
    .on('echo', (req: { record: unknown }, _l, cb) => cb!(null, req.record))
    .on('add', (req: { arg1: number; arg2: number }, _l, cb) => cb!(null, req.arg1 + req.arg2))
    .on('echoBytes', (req: { data: Buffer }, _l, cb) => cb!(null, req.data))
    .on('error', (_req, _l, cb) => cb!({ [TEST_ERROR]: { message: 'intentional error from avro-js' } }))
    .on('ack', () => {
      acks.n++; // one-way on a stateful listener: no callback
    });
  const s = await listenAvroJsTcp(ptcl);
  cleanups.push(() => s.close());
  return s;
}

/** avro-js's stateful listener drops calls without a non-zero `id` in their metadata. */
const ID = { metadata: { id: int32(1) } };

describeIfPeer(avroJs(), 'avrokit TCP client → avro-js stateful listener', () => {
  if (!SHARED) return;

  it('simple.avpr: NONE then retry, then calls; values, declared and system errors, one-way; a second client gets CLIENT', async () => {
    const acks = { n: 0 };
    const js = await avroJsServer(acks);
    const simple = Protocol.parse(readFileSync(SIMPLE, 'utf8'));
    const client = new Client(simple, tcpTransport({ port: js.port }), { timeoutMs: 5_000 });
    cleanups.push(() => client.close());
    expect(await client.send('hello', { greeting: 'bob' }, ID)).toBe('Hello, bob');
    expect(await client.send('add', { arg1: 40, arg2: 2 }, ID)).toBe(42);
    expect(await client.send('echo', { record }, ID)).toEqual(record);
    expect([...(await client.send('echoBytes', { data: new Uint8Array([0, 255]) }, ID)) as Uint8Array]).toEqual([0, 255]);
    const declared = (await client.send('error', {}, ID).catch((x: unknown) => x)) as RpcRemoteError;
    expect(declared).toBeInstanceOf(RpcRemoteError);
    expect(declared.errorType).toBe(TEST_ERROR);
    expect(declared.value).toEqual({ message: 'intentional error from avro-js' });
    const system = (await client.send('hello', { greeting: 'crash' }, ID).catch((x: unknown) => x)) as RpcRemoteError;
    expect(system).toBeInstanceOf(RpcRemoteError);
    expect(system.isSystem).toBe(true);
    expect(system.value).toBe('avro-js crashed on purpose');
    expect(await client.send('ack', {}, ID)).toBeNull(); // one-way: nothing to wait for
    expect(await client.send('hello', { greeting: 'again' }, ID)).toBe('Hello, again');
    expect(acks.n).toBe(1);
    // Our opening ping guesses our own hash as the server's: NONE, then we resend with our protocol.
    expect(js.handshakes).toEqual(['NONE', 'BOTH']);
    // The protocol avro-js sent back is its own text: full names, no "one-way".
    expect(client.remoteProtocol.name).toBe('org.apache.avro.test.Simple');
    expect(client.remoteProtocol.messages.get('ack')!.oneWay).toBe(false);
    expect(js.errors).toEqual([]);

    const again = new Client(simple, tcpTransport({ port: js.port }), { timeoutMs: 5_000 });
    cleanups.push(() => again.close());
    expect(await again.send('add', { arg1: 1, arg2: 2 }, ID)).toBe(3);
    expect(js.handshakes).toEqual(['NONE', 'BOTH', 'CLIENT']);
  });

  it('after avro-js drops the connection, the next call reconnects and handshakes with the hash learned (BOTH)', async () => {
    const js = await avroJsServer({ n: 0 });
    const tcp = tcpTransport({ port: js.port });
    const opened: Connection[] = [];
    const transport: StatefulTransport = { ...tcp, connect: async (signal) => {
      const c = await tcp.connect(signal);
      opened.push(c);
      return c;
    } };
    const client = new Client(Protocol.parse(readFileSync(SIMPLE, 'utf8')), transport, { timeoutMs: 5_000 });
    cleanups.push(() => client.close());
    expect(await client.send('add', { arg1: 1, arg2: 1 }, ID)).toBe(2);
    js.dropConnections();
    // A call made before the client sees the close would fail with RpcConnectionError.
    await vi.waitFor(() => expect(opened[0]!.closed).toBe(true), { timeout: 5_000 });
    expect(await client.send('add', { arg1: 2, arg2: 2 }, ID)).toBe(4);
    expect(js.handshakes).toEqual(['NONE', 'BOTH', 'BOTH']);
    expect(opened.length).toBe(2);
  });

  it('a call without an `id` in its metadata is dropped by avro-js: our call times out', async () => {
    const js = await avroJsServer({ n: 0 });
    const simple = Protocol.parse(readFileSync(SIMPLE, 'utf8'));
    const client = new Client(simple, tcpTransport({ port: js.port }));
    cleanups.push(() => client.close());
    const lost = await client.send('add', { arg1: 1, arg2: 1 }, { timeoutMs: 300 }).catch((x: unknown) => x);
    expect(lost).toBeInstanceOf(RpcTimeoutError);
    expect(js.errors.map((e) => e.message)).toEqual(['invalid metadata: missing ID']);
    // That connection is now out of step (replies are matched in order and this one never
    // comes); the server is fine, as a new client shows.
    const fresh = new Client(simple, tcpTransport({ port: js.port }), { timeoutMs: 5_000 });
    cleanups.push(() => fresh.close());
    expect(await fresh.send('add', { arg1: 2, arg2: 3 }, ID)).toBe(5);
  });
});
