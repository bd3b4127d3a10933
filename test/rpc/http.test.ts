/**
 * RPC over HTTP on 127.0.0.1: POST with avro/binary and a Content-Length, keep-alive, a
 * handshake on every request, and the server's answers to requests that are not Avro RPC.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, Protocol, RpcError, Server, connect, frame, httpTransport, listen } from '../../src/rpc/index.js';
import type { Listener } from '../../src/rpc/index.js';
import { deframe } from '../../src/rpc/framing.js';

const protocol = Protocol.parse({
  protocol: 'Echo',
  messages: {
    echo: { request: [{ name: 's', type: 'string' }], response: 'string' },
    note: { request: [], response: 'null', 'one-way': true },
  },
});
const server = new Server(protocol, { echo: async ({ s }) => s, note: () => null });

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

async function start(): Promise<Listener> {
  const l = await listen('http://127.0.0.1:0/', server);
  open.push(l);
  return l;
}

/** A raw POST; resolves with status, headers and body. */
function post(port: number, body: Uint8Array | undefined, opts: { method?: string; chunked?: boolean } = {}) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1', port, path: '/', method: opts.method ?? 'POST',
      headers: opts.chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': body?.length ?? 0 },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(parts), headers: res.headers }));
    });
    if (opts.chunked && body) {
      req.write(body.subarray(0, 3));
      req.end(body.subarray(3));
    } else {
      req.end(body);
    }
  });
}

describe('RPC over HTTP', () => {
  it('calls work, concurrently, over kept-alive connections', async () => {
    const l = await start();
    const client = connect(`http://127.0.0.1:${l.port}/`, protocol);
    open.push(client);
    expect(await client.send('echo', { s: 'a' })).toBe('a');
    for (let i = 0; i < 20; i++) await client.send('echo', { s: `${i}` });
    expect(l.connections).toBe(1);
    const many = await Promise.all(Array.from({ length: 50 }, (_, i) => client.send('echo', { s: `${i}` })));
    expect(many).toEqual(Array.from({ length: 50 }, (_, i) => `${i}`));
    expect(await client.send('note', {})).toBeNull();
  });

  it('requests are POSTs of avro/binary with a Content-Length (never chunked)', async () => {
    const seen: Record<string, unknown>[] = [];
    const http = createServer((req, res) => {
      seen.push({ method: req.method, ...req.headers });
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', async () => {
        const out = (await server.respond(deframe(Buffer.concat(parts))))!;
        res.writeHead(200, { 'Content-Type': 'avro/binary' });
        res.end(out); // no Content-Length: read until the end, as from Python's server
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    open.push({ close: () => new Promise<void>((r) => { http.closeAllConnections(); http.close(() => r()); }) });
    const client = new Client(protocol, httpTransport(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`));
    open.push(client);
    expect(await client.send('echo', { s: 'x' })).toBe('x');
    expect(seen[0]).toMatchObject({ method: 'POST', 'content-type': 'avro/binary' });
    expect(Number(seen[0]!['content-length'])).toBeGreaterThan(0);
    expect(seen[0]!['transfer-encoding']).toBeUndefined();
  });

  it('the server reads chunked request bodies too', async () => {
    const l = await start();
    const client = new Client(protocol, {
      stateful: false, remoteName: 'chunked',
      request: async (framed) => {
        const res = await post(l.port, framed, { chunked: true });
        expect(res.status).toBe(200);
        expect(res.headers['content-length']).toBe(String(res.body.length));
        return deframe(res.body);
      },
      close: async () => {},
    });
    expect(await client.send('echo', { s: 'chunky' })).toBe('chunky');
  });

  it('answers what is not Avro RPC with an HTTP error and goes on serving', async () => {
    const l = await start();
    expect((await post(l.port, undefined, { method: 'GET' })).status).toBe(405);
    expect((await post(l.port, new Uint8Array([1, 2, 3]))).status).toBe(400);
    const garbage = await post(l.port, frame(new Uint8Array([0xff, 0xff, 0xff])));
    expect(garbage.status).toBe(400);
    expect(garbage.body.toString()).toMatch(/handshake/);
    expect((await post(l.port, new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0]))).status).toBe(400);
    const client = connect(`http://127.0.0.1:${l.port}/`, protocol);
    open.push(client);
    expect(await client.send('echo', { s: 'still here' })).toBe('still here');
  });

  it('an HTTP error status rejects the call with the status and text', async () => {
    const http = createServer((_req, res) => {
      res.writeHead(503);
      res.end('busy');
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    open.push({ close: () => new Promise<void>((r) => { http.closeAllConnections(); http.close(() => r()); }) });
    const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`, protocol);
    open.push(client);
    const e = await client.send('echo', { s: 'x' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RpcError);
    expect((e as Error).message).toMatch(/HTTP 503.*busy/);
  });

  it('an aborted HTTP call rejects with the signal reason', async () => {
    const slow = new Server(protocol, { echo: ({ s }) => new Promise((r) => setTimeout(() => r(s), 300)) });
    const l = await listen('http://127.0.0.1:0/', slow);
    open.push(l);
    const client = connect(`http://127.0.0.1:${l.port}/`, protocol, { timeoutMs: 30 });
    open.push(client);
    await expect(client.send('echo', { s: 'x' })).rejects.toThrow(/no reply within 30 ms/);
  });
});
