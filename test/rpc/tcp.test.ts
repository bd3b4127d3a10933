/**
 * RPC over TCP on 127.0.0.1: one handshake per connection, pipelined calls answered in order,
 * one-way messages, timeouts, cancellation, and reconnecting after a drop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  Client, Protocol, RpcConnectionError, RpcTimeoutError, Server, connect, listen, serveTcp, tcpTransport,
} from '../../src/rpc/index.js';
import type { Listener } from '../../src/rpc/index.js';

const protocol = Protocol.parse({
  protocol: 'Echo',
  messages: {
    echo: { request: [{ name: 'n', type: 'int' }, { name: 'delayMs', type: 'int', default: 0 }], response: 'int' },
    note: { request: [{ name: 'text', type: 'string' }], response: 'null', 'one-way': true },
    count: { request: [], response: 'int' },
  },
});

interface EchoService {
  echo: { request: { n: number; delayMs?: number }; response: number };
  note: { request: { text: string }; response: null };
  count: { request: Record<string, never>; response: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function echoServer(): { server: Server<EchoService>; notes: string[] } {
  const notes: string[] = [];
  const server = new Server<EchoService>(protocol, {
    echo: async ({ n, delayMs }) => {
      if (delayMs) await sleep(delayMs);
      return n;
    },
    note: ({ text }) => {
      notes.push(text);
      return null;
    },
    count: () => notes.length,
  });
  return { server, notes };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

async function setup(): Promise<{ listener: Listener; client: Client<EchoService>; notes: string[] }> {
  const { server, notes } = echoServer();
  const listener = await listen('tcp://127.0.0.1:0', server);
  const client = connect<EchoService>(`tcp://127.0.0.1:${listener.port}`, protocol);
  open.push(client, listener);
  return { listener, client, notes };
}

describe('RPC over TCP', () => {
  it('many calls in flight on one connection come back matched to their requests', async () => {
    const { client, listener } = await setup();
    // Handlers finish out of order (random delays); replies must still pair with their calls.
    const ns = Array.from({ length: 300 }, (_, i) => i);
    const got = await Promise.all(ns.map((n) => client.call.echo({ n, delayMs: (n * 7) % 13 })));
    expect(got).toEqual(ns);
    expect(listener.connections).toBe(1);
  });

  it('a ping on an open connection is answered with an empty message; calls stay in step', async () => {
    const { client } = await setup();
    await client.ping();
    await client.ping();
    expect(await client.call.echo({ n: 7 })).toBe(7);
  });

  it('one-way messages get no reply, in order with the calls around them', async () => {
    const { client } = await setup();
    await client.call.echo({ n: 1 });
    await Promise.all([client.call.note({ text: 'a' }), client.call.note({ text: 'b' })]);
    expect(await client.call.count({})).toBe(2);
  });

  it('the first one-way message of a connection still gets the handshake reply', async () => {
    const { client, notes } = await setup();
    expect(await client.call.note({ text: 'first' })).toBeNull();
    expect(await client.call.count({})).toBe(1);
    expect(notes).toEqual(['first']);
  });

  it('sequential calls do not stall (Nagle is off and writes go out every tick)', async () => {
    const { client } = await setup();
    const start = Date.now();
    for (let i = 0; i < 200; i++) await client.call.echo({ n: i });
    // With Nagle and delayed ACKs each call would wait ~40 ms (8 s in all).
    expect(Date.now() - start).toBeLessThan(4000);
  });

  it('a call past its timeout rejects with RpcTimeoutError; the connection stays usable', async () => {
    const { client } = await setup();
    const e = await client.call.echo({ n: 1, delayMs: 300 }, { timeoutMs: 30 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RpcTimeoutError);
    expect(await client.call.echo({ n: 2 })).toBe(2);
  });

  it('an aborted call rejects with the signal reason at once; its late reply is dropped', async () => {
    const { client } = await setup();
    const ac = new AbortController();
    const call = client.call.echo({ n: 1, delayMs: 200 }, { signal: ac.signal });
    setTimeout(() => ac.abort(new Error('user gave up')), 20);
    await expect(call).rejects.toThrow('user gave up');
    expect(await client.call.echo({ n: 3 })).toBe(3);
    await expect(client.call.echo({ n: 4 }, { signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it('calls waiting when the connection drops reject; the next call reconnects', async () => {
    const { server } = echoServer();
    let listener = await serveTcp(server);
    const port = listener.port;
    const client = new Client<EchoService>(protocol, tcpTransport({ port }));
    open.push(client);
    expect(await client.call.echo({ n: 1 })).toBe(1);
    const pending = client.call.echo({ n: 2, delayMs: 500 });
    await sleep(50);
    await listener.close();
    await expect(pending).rejects.toBeInstanceOf(RpcConnectionError);
    listener = await serveTcp(server, { port });
    open.push(listener);
    expect(await client.call.echo({ n: 5 })).toBe(5);
  });

  it('a connection refused rejects with RpcConnectionError', async () => {
    const listener = await serveTcp(echoServer().server);
    const port = listener.port;
    await listener.close();
    const client = new Client(protocol, tcpTransport({ port }));
    open.push(client);
    await expect(client.send('echo', { n: 1 })).rejects.toBeInstanceOf(RpcConnectionError);
  });

  it('clients of different protocols take the NONE path once per connection', async () => {
    const { listener } = await setup();
    const older = Protocol.parse({ protocol: 'Echo', messages: { echo: { request: [{ name: 'n', type: 'int' }], response: 'long' } } });
    const client = connect(`tcp://127.0.0.1:${listener.port}`, older);
    open.push(client);
    expect(await Promise.all([1, 2, 3].map((n) => client.send('echo', { n })))).toEqual([1, 2, 3]);
    expect(client.remoteProtocol.toString()).toBe(protocol.toString());
  });
});
