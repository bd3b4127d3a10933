/**
 * RPC over HTTP against avro-js (Apache's JavaScript Avro, a devDependency), both ways, on
 * simple.avpr: an avro-js stateless emitter POSTs to our server, and our client POSTs to an
 * avro-js stateless listener behind node:http (adapters in ./avrojs/peer.ts). Every request
 * carries a handshake; avro-js hashes protocols its own way, so the first call takes NONE then
 * retry and later ones match BOTH. Stateless avro-js ignores call ids, and every request gets
 * a response, one-way messages included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ByteReader } from '../../src/wire/reader.js';
import { Client, Protocol, RpcRemoteError, Server, httpTransport, listen } from '../../src/rpc/index.js';
import type { ServerSession, StatelessTransport } from '../../src/rpc/index.js';
import { readHandshakeResponse } from '../../src/rpc/handshake.js';
import { describeIfPeer } from './peers/index.js';
import { sharedAvro } from '../schema/shared-data.js';
import { avroJs, avroJsHttpCaller, avroJsProtocol, listenAvroJsHttp } from './avrojs/peer.js';

const SHARED = sharedAvro('RPC interop with avro-js over HTTP');
const SIMPLE = join(SHARED ?? '', 'share/test/schemas/simple.avpr');
const TEST_ERROR = 'org.apache.avro.test.TestError';
const record = { name: 'Foo', kind: 'BAR', hash: Buffer.from('0123456789abcdef', 'latin1') };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An HTTP transport that records the handshake match of each response. */
function recording(url: string, matches: string[]): StatelessTransport {
  const t = httpTransport(url);
  return {
    stateful: false,
    remoteName: t.remoteName,
    request: async (framed, signal) => {
      const reply = await t.request(framed, signal);
      matches.push(readHandshakeResponse(new ByteReader(reply)).match);
      return reply;
    },
    close: () => t.close(),
  };
}

describeIfPeer(avroJs(), 'avro-js stateless emitter → avrokit HTTP server', () => {
  if (!SHARED) return;

  it('simple.avpr: NONE then retry, then BOTH; values, declared and system errors, one-way answered; a second emitter gets CLIENT', async () => {
    const acks = { n: 0 };
    const server = new Server(Protocol.parse(readFileSync(SIMPLE, 'utf8')), {
      hello: ({ greeting }) => {
        if (greeting === 'crash') throw new Error('crashed on purpose');
        return `Hello, ${greeting}`;
      },
      echo: ({ record: r }) => r,
      add: ({ arg1, arg2 }) => arg1 + arg2,
      echoBytes: ({ data }) => data,
      error: () => {
        throw { message: 'intentional' };
      },
      ack: () => {
        acks.n++;
        return null;
      },
    });
    const matches: string[] = [];
    const respond = server.respond.bind(server);
    server.respond = (bytes: Uint8Array, session?: ServerSession) => {
      const out = respond(bytes, session);
      void Promise.resolve(out).then((b) => b && matches.push(readHandshakeResponse(new ByteReader(b.subarray(4))).match));
      return out;
    };
    const listener = await listen('http://127.0.0.1:0/', server);
    cleanups.push(() => listener.close());
    const url = `http://127.0.0.1:${listener.port}/`;

    const ptcl = avroJsProtocol(SIMPLE);
    const js = avroJsHttpCaller(ptcl, url);
    expect(await js.call('hello', { greeting: 'bob' })).toEqual({ response: 'Hello, bob' });
    expect(await js.call('add', { arg1: 40, arg2: 2 })).toEqual({ response: 42 });
    expect(await js.call('echo', { record })).toEqual({ response: record });
    expect(await js.call('echoBytes', { data: Buffer.from([0, 255]) })).toEqual({ response: Buffer.from([0, 255]) });
    expect(await js.call('error', {})).toEqual({ error: { [TEST_ERROR]: { message: 'intentional' } } });
    expect(await js.call('hello', { greeting: 'crash' })).toEqual({ error: { string: 'crashed on purpose' } });
    // Stateless: avro-js waits for a response to a one-way message, and gets one.
    expect(await js.call('ack', {})).toEqual({ response: null });
    expect(acks.n).toBe(1);
    // Calls in flight at once: each is its own POST.
    expect(await Promise.all([1, 2, 3].map((i) => js.call('add', { arg1: i, arg2: i })))).toEqual([2, 4, 6].map((n) => ({ response: n })));
    // avro-js's first request names its own hash as ours and has no protocol: NONE; it resends with it.
    expect(js.handshakes).toEqual(['NONE', ...Array(10).fill('BOTH')]);
    expect(matches).toEqual(js.handshakes);
    expect(js.errors).toEqual([]);

    // A new emitter (its own protocol object) guesses its hash as ours again; we know its protocol.
    const again = avroJsHttpCaller(avroJsProtocol(SIMPLE), url);
    expect(await again.call('add', { arg1: 1, arg2: 2 })).toEqual({ response: 3 });
    expect(await again.call('add', { arg1: 2, arg2: 2 })).toEqual({ response: 4 });
    expect(again.handshakes).toEqual(['CLIENT', 'BOTH']);
  });
});

describeIfPeer(avroJs(), 'avrokit HTTP client → avro-js stateless listener', () => {
  if (!SHARED) return;

  it('simple.avpr: NONE then retry, then BOTH; values, declared and system errors, one-way; a second client gets CLIENT', async () => {
    const acks = { n: 0 };
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
      .on('ack', (_req, _l, cb) => {
        acks.n++;
        cb?.(null, null); // a stateless listener answers one-way messages too
      });
    const js = await listenAvroJsHttp(ptcl);
    cleanups.push(() => js.close());
    const url = `http://127.0.0.1:${js.port}/`;

    const simple = Protocol.parse(readFileSync(SIMPLE, 'utf8'));
    const matches: string[] = [];
    const client = new Client(simple, recording(url, matches), { timeoutMs: 5_000 });
    cleanups.push(() => client.close());
    expect(await client.send('hello', { greeting: 'bob' })).toBe('Hello, bob');
    expect(await client.send('add', { arg1: 40, arg2: 2 })).toBe(42);
    expect(await client.send('echo', { record })).toEqual(record);
    expect([...(await client.send('echoBytes', { data: new Uint8Array([0, 255]) })) as Uint8Array]).toEqual([0, 255]);
    const declared = (await client.send('error', {}).catch((x: unknown) => x)) as RpcRemoteError;
    expect(declared).toBeInstanceOf(RpcRemoteError);
    expect(declared.errorType).toBe(TEST_ERROR);
    expect(declared.value).toEqual({ message: 'intentional error from avro-js' });
    const system = (await client.send('hello', { greeting: 'crash' }).catch((x: unknown) => x)) as RpcRemoteError;
    expect(system).toBeInstanceOf(RpcRemoteError);
    expect(system.isSystem).toBe(true);
    expect(system.value).toBe('avro-js crashed on purpose');
    expect(await client.send('ack', {})).toBeNull();
    expect(acks.n).toBe(1);
    expect(await Promise.all([1, 2, 3].map((i) => client.send('add', { arg1: i, arg2: i })))).toEqual([2, 4, 6]);
    // Our first request guesses our own hash as the server's: NONE (avro-js does not know ours), then BOTH.
    expect(matches).toEqual(['NONE', ...Array(10).fill('BOTH')]);
    expect(js.handshakes).toEqual(matches);
    expect(client.remoteProtocol.name).toBe('org.apache.avro.test.Simple');
    expect(js.errors).toEqual([]);

    const second: string[] = [];
    const again = new Client(simple, recording(url, second), { timeoutMs: 5_000 });
    cleanups.push(() => again.close());
    expect(await again.send('add', { arg1: 1, arg2: 2 })).toBe(3);
    expect(await again.send('add', { arg1: 1, arg2: 3 })).toBe(4);
    expect(second).toEqual(['CLIENT', 'BOTH']);
  });
});
