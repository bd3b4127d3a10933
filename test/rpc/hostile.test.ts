/**
 * Hostile peers on 127.0.0.1: oversize frames, garbage, unknown protocols and messages, a
 * client that stops mid-frame, a thousand idle connections, a client that never reads. Each
 * time the server answers with an error or closes that one connection, and goes on serving a
 * well-behaved client. Every loop is bounded in count and time.
 */
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ByteReader } from '../../src/wire/reader.js';
import { ByteWriter } from '../../src/wire/writer.js';
import { Client, FrameDecoder, Protocol, Server, frame, handshakeRequestType, serveTcp, tcpTransport } from '../../src/rpc/index.js';
import type { Listener, TcpServeOptions } from '../../src/rpc/index.js';
import { readHandshakeResponse } from '../../src/rpc/handshake.js';
import { readMetadata, writeMetadata } from '../../src/rpc/metadata.js';

const protocol = Protocol.parse({
  protocol: 'Blob',
  messages: {
    echo: { request: [{ name: 's', type: 'string' }], response: 'string' },
    blob: { request: [{ name: 'size', type: 'int' }], response: 'bytes' },
  },
});

let calls = 0;
const server = new Server(protocol, {
  echo: ({ s }) => s,
  blob: ({ size }) => {
    calls++;
    return new Uint8Array(size);
  },
});

const open: { close(): Promise<void> }[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const x of open.splice(0)) await x.close();
});

async function start(options: TcpServeOptions = {}): Promise<{ listener: Listener; client: Client }> {
  const listener = await serveTcp(server, options);
  const client = new Client(protocol, tcpTransport({ port: listener.port }));
  open.push(client, listener);
  return { listener, client };
}

/** A raw socket to the listener; resolves once connected. */
function raw(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = netConnect({ host: '127.0.0.1', port }, () => resolve(s));
    s.on('error', reject);
    sockets.push(s);
  });
}

/** Resolves when the server closes `s` (rejects if it stays open `ms` milliseconds). */
function closedWithin(s: Socket, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.destroyed || s.readableEnded) return resolve();
    const t = setTimeout(() => reject(new Error(`connection still open after ${ms} ms`)), ms);
    s.on('close', () => {
      clearTimeout(t);
      resolve();
    });
    s.resume();
  });
}

/** Handshake (our protocol, hashes matching) + call of `name`, framed. */
function call(name: string, write: (w: ByteWriter) => void, hash = protocol.hash): Uint8Array {
  const w = new ByteWriter();
  handshakeRequestType().encodeInto({ clientHash: hash, clientProtocol: null, serverHash: protocol.hash, meta: null }, w);
  writeMetadata(w, undefined);
  w.writeString(name);
  write(w);
  return frame(w.buf.subarray(0, w.pos));
}

/** The first reply message on `s`. */
function reply(s: Socket): Promise<Uint8Array> {
  const d = new FrameDecoder();
  return new Promise((resolve, reject) => {
    s.on('data', (c: Buffer) => {
      const [m] = d.push(c);
      if (m) resolve(m);
    });
    s.on('close', () => reject(new Error('closed without a reply')));
  });
}

describe('hostile input over TCP', () => {
  it('a frame past maxMessageBytes closes that connection before its bytes are read', async () => {
    const { listener, client } = await start({ maxMessageBytes: 1024 });
    const s = await raw(listener.port);
    s.write(new Uint8Array([0x7f, 0xff, 0xff, 0xff, 1, 2, 3]));
    await closedWithin(s, 2000);
    expect(await client.send('echo', { s: 'fine' })).toBe('fine');
  });

  it('garbage bytes close that connection; the server goes on', async () => {
    const { listener, client } = await start();
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let i = 0; i < 5; i++) {
      const s = await raw(listener.port);
      // Garbage inside valid framing reaches the handshake reader; garbage framing hits the limit.
      const junk = Uint8Array.from({ length: 64 }, rand);
      s.write(i % 2 === 0 ? frame(junk) : junk);
      await closedWithin(s, 2000);
    }
    expect(await client.send('echo', { s: 'fine' })).toBe('fine');
  });

  it('a handshake under an unknown protocol hash is answered NONE with our protocol', async () => {
    const { listener } = await start();
    const s = await raw(listener.port);
    s.write(call('echo', (w) => w.writeString('x'), new Uint8Array(16).fill(9)));
    const hs = readHandshakeResponse(new ByteReader(await reply(s)));
    expect(hs.match).toBe('NONE');
    expect(hs.serverProtocol).toBe(protocol.toString());
  });

  it('an unknown message and undecodable parameters get a system error; the connection goes on', async () => {
    const { listener } = await start();
    const s = await raw(listener.port);
    const d = new FrameDecoder();
    const replies: Uint8Array[] = [];
    s.on('data', (c: Buffer) => replies.push(...d.push(c)));
    s.write(call('nope', () => {}));
    const bad = new ByteWriter();
    writeMetadata(bad, undefined);
    bad.writeString('echo');
    bad.writeLong(1000); // a string length past the end
    s.write(frame(bad.buf.subarray(0, bad.pos)));
    const good = new ByteWriter();
    writeMetadata(good, undefined);
    good.writeString('echo');
    good.writeString('ok');
    s.write(frame(good.buf.subarray(0, good.pos)));
    for (let i = 0; i < 100 && replies.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    const errors = replies.map((m, i) => {
      const r = new ByteReader(m);
      if (i === 0) readHandshakeResponse(r);
      readMetadata(r);
      const isError = r.readBoolean();
      if (isError) r.readLong();
      return [isError, r.readString()];
    });
    expect(errors[0]).toEqual([true, expect.stringMatching(/unknown message "nope"/)]);
    expect(errors[1]).toEqual([true, expect.stringMatching(/cannot read the request of "echo"/)]);
    expect(errors[2]).toEqual([false, 'ok']);
  });

  it('a client that stops mid-frame is closed after messageTimeoutMs', async () => {
    const { listener, client } = await start({ messageTimeoutMs: 200 });
    const s = await raw(listener.port);
    s.write(call('echo', (w) => w.writeString('x')).subarray(0, 20));
    expect(await client.send('echo', { s: 'meanwhile' })).toBe('meanwhile');
    await closedWithin(s, 3000);
  });

  it('a thousand idle connections neither stop service nor outlive idleTimeoutMs', async () => {
    const { listener, client } = await start({ idleTimeoutMs: 500 });
    const idle: Socket[] = [];
    for (let i = 0; i < 1000; i++) idle.push(await raw(listener.port));
    expect(await client.send('echo', { s: 'served' })).toBe('served');
    await Promise.all(idle.map((s) => closedWithin(s, 5000)));
    // The server side of a connection may close a moment after the client side sees it.
    for (let i = 0; i < 50 && listener.connections > 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(listener.connections).toBeLessThanOrEqual(1);
  });

  it('connections past maxConnections are refused; those within are served', async () => {
    const { listener } = await start({ maxConnections: 20 });
    const extra: Socket[] = [];
    for (let i = 0; i < 30; i++) extra.push(await raw(listener.port));
    await new Promise((r) => setTimeout(r, 100));
    expect(listener.connections).toBeLessThanOrEqual(20);
  });

  it('a client that sends calls but never reads is paused: bounded work and memory', async () => {
    const { listener, client } = await start({ maxBufferedBytes: 1 << 20 });
    const s = await raw(listener.port);
    s.pause(); // never reads its replies
    calls = 0;
    const one = (first: boolean): Uint8Array => {
      const w = new ByteWriter();
      if (first) handshakeRequestType().encodeInto({ clientHash: protocol.hash, clientProtocol: null, serverHash: protocol.hash, meta: null }, w);
      writeMetadata(w, undefined);
      w.writeString('blob');
      w.writeInt(256 * 1024);
      return frame(w.buf.subarray(0, w.pos));
    };
    // 2,000 calls asking for 256 KiB each: 500 MiB of replies if nothing pushed back.
    s.write(one(true));
    for (let i = 1; i < 2000; i++) s.write(one(false));
    await new Promise((r) => setTimeout(r, 500));
    const served = calls;
    expect(served).toBeLessThan(200);
    expect(await client.send('echo', { s: 'still fast' })).toBe('still fast');
    await new Promise((r) => setTimeout(r, 200));
    expect(calls - served).toBeLessThan(5);
  });
});

describe('hostile input over HTTP', () => {
  it('a body past maxMessageBytes gets 413, by Content-Length or as it streams in', async () => {
    const { serveHttp } = await import('../../src/rpc/index.js');
    const { request } = await import('node:http');
    const listener = await serveHttp(server, { maxMessageBytes: 1024 });
    open.push(listener);
    const post = (body: Uint8Array, chunked: boolean) =>
      new Promise<number>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1', port: listener.port, method: 'POST', path: '/',
          headers: chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': body.length },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await post(new Uint8Array(100_000), false)).toBe(413);
    const oversizeFrame = new Uint8Array(100_000);
    oversizeFrame.set([0, 1, 0, 0]); // one 65,536-byte buffer
    expect(await post(oversizeFrame, true)).toBe(413);
    const client = new Client(protocol, (await import('../../src/rpc/index.js')).httpTransport(`http://127.0.0.1:${listener.port}/`));
    open.push(client);
    expect(await client.send('echo', { s: 'fine' })).toBe('fine');
  });
});
