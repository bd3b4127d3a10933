/**
 * RPC against python3-avro's avro.ipc over HTTP, both ways, on simple.avpr and mail.avpr:
 * Python's Requestor (HTTPTransceiver) calls our server, and our client calls a Python
 * Responder behind http.server. Python hashes protocols differently, so the first call takes
 * NONE then retry, later calls match BOTH, and a second client that guesses the server's hash
 * wrong gets CLIENT.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ByteReader } from '../../src/wire/reader.js';
import { Client, Protocol, RpcRemoteError, Server, httpTransport, listen } from '../../src/rpc/index.js';
import type { Listener, StatelessTransport } from '../../src/rpc/index.js';
import { readHandshakeResponse } from '../../src/rpc/handshake.js';
import { PYTHON, REPO_ROOT, describeIfPeer, pythonAvro } from './peers/index.js';
import { sharedAvro } from '../schema/shared-data.js';

const SHARED = sharedAvro('RPC interop with python3-avro');
const PEER = join(REPO_ROOT, 'test/rpc/python/rpc_peer.py');
const schemas = (name: string): string => join(SHARED ?? '', 'share/test/schemas', name);
const hex = (s: string): { $bytes: string } => ({ $bytes: Buffer.from(s, 'latin1').toString('hex') });

/** Runs rpc_peer.py call and resolves with its results. */
function pythonCalls(url: string, protocol: string, calls: { message: string; request: unknown }[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [PEER, 'call', url, protocol]);
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`rpc_peer.py call exited ${code}: ${err}`));
      else resolve((JSON.parse(out) as { results: unknown[] }).results);
    });
    child.stdin.end(JSON.stringify({ calls }));
  });
}

/** A Python responder of `protocol`; `log` collects the handshake match of each request. */
interface PythonServer {
  url: string;
  log: { match: string; message: string }[];
  child: ChildProcessWithoutNullStreams;
}
function pythonServer(protocol: string): Promise<PythonServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [PEER, 'serve', protocol]);
    const log: { match: string; message: string }[] = [];
    let buf = '';
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('Port: ')) resolve({ url: `http://127.0.0.1:${line.slice(6)}/`, log, child });
        else if (line) log.push(JSON.parse(line) as { match: string; message: string });
      }
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`rpc_peer.py serve exited ${code}`)));
  });
}

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

const record = { name: 'Foo', kind: 'BAR', hash: '0123456789abcdef' };

describeIfPeer(pythonAvro(), 'python3-avro Requestor → avrokit server (HTTP)', () => {
  if (!SHARED) return;
  let listener: Listener;
  const matches: string[] = [];
  beforeAll(async () => {
    const simple = Protocol.parse(await import('node:fs').then((fs) => fs.readFileSync(schemas('simple.avpr'), 'utf8')));
    const server = new Server(simple, {
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
      ack: () => null,
    });
    const respond = server.respond.bind(server);
    server.respond = (bytes, session) => {
      const out = respond(bytes, session);
      void Promise.resolve(out).then((b) => b && matches.push(readHandshakeResponse(new ByteReader(b.subarray(4))).match));
      return out;
    };
    listener = await listen('http://127.0.0.1:0/', server);
  });
  afterAll(() => listener?.close());

  it('simple.avpr: NONE then retry, then BOTH; values, bytes, declared and system errors', async () => {
    const url = `http://127.0.0.1:${listener.port}/`;
    const results = await pythonCalls(url, schemas('simple.avpr'), [
      { message: 'hello', request: { greeting: 'bob' } },
      { message: 'add', request: { arg1: 40, arg2: 2 } },
      { message: 'echo', request: { record: { ...record, hash: hex(record.hash) } } },
      { message: 'echoBytes', request: { data: hex('\x00\xff') } },
      { message: 'error', request: {} },
      { message: 'hello', request: { greeting: 'crash' } },
      { message: 'ack', request: {} },
      { message: 'hello', request: { greeting: 'again' } },
    ]);
    expect(results).toEqual([
      { response: 'Hello, bob' },
      { response: 42 },
      { response: { ...record, hash: hex(record.hash) } },
      { response: hex('\x00\xff') },
      { error: { message: 'intentional' } },
      { error: 'crashed on purpose' },
      { response: null },
      { response: 'Hello, again' },
    ]);
    expect(matches).toEqual(['NONE', ...Array(8).fill('BOTH')]);
    // A second Python process knows nothing: it guesses its own hash as ours, we know its protocol.
    matches.length = 0;
    expect(await pythonCalls(url, schemas('simple.avpr'), [{ message: 'add', request: { arg1: 1, arg2: 1 } }, { message: 'add', request: { arg1: 2, arg2: 2 } }]))
      .toEqual([{ response: 2 }, { response: 4 }]);
    expect(matches).toEqual(['CLIENT', 'BOTH']);
  });

  it('mail.avpr: request/response and one-way messages', async () => {
    const mail = Protocol.parse(await import('node:fs').then((fs) => fs.readFileSync(schemas('mail.avpr'), 'utf8')));
    const seen: unknown[] = [];
    const l = await listen('http://127.0.0.1:0/', new Server(mail, {
      send: ({ message }) => `Sent to ${message.to}`,
      fireandforget: ({ message }) => {
        seen.push(message);
        return null;
      },
    }));
    try {
      const m = { to: 'wife', from: 'me', body: 'I love you!' };
      const results = await pythonCalls(`http://127.0.0.1:${l.port}/`, schemas('mail.avpr'), [
        { message: 'send', request: { message: m } },
        { message: 'fireandforget', request: { message: m } },
      ]);
      expect(results).toEqual([{ response: 'Sent to wife' }, { response: null }]);
      expect(seen).toEqual([m]);
    } finally {
      await l.close();
    }
  });
});

describeIfPeer(pythonAvro(), 'avrokit client → python3-avro Responder (HTTP)', () => {
  if (!SHARED) return;
  const peers: PythonServer[] = [];
  afterAll(() => {
    for (const p of peers) p.child.kill();
  });

  it('simple.avpr: NONE then retry, then BOTH; a second client gets CLIENT; errors arrive typed', async () => {
    const py = await pythonServer(schemas('simple.avpr'));
    peers.push(py);
    const simple = Protocol.parse(await import('node:fs').then((fs) => fs.readFileSync(schemas('simple.avpr'), 'utf8')));
    const matches: string[] = [];
    const client = new Client(simple, recording(py.url, matches));
    try {
      expect(await client.send('hello', { greeting: 'bob' })).toBe('Hello, bob');
      expect(await client.send('add', { arg1: 40, arg2: 2 })).toBe(42);
      const r = { ...record, hash: Buffer.from(record.hash, 'latin1') };
      expect(await client.send('echo', { record: r })).toEqual(r);
      expect([...(await client.send('echoBytes', { data: new Uint8Array([0, 255]) })) as Uint8Array]).toEqual([0, 255]);
      const e = (await client.send('error', {}).catch((x: unknown) => x)) as RpcRemoteError;
      expect(e).toBeInstanceOf(RpcRemoteError);
      expect(e.errorType).toBe('org.apache.avro.test.TestError');
      expect(e.value).toEqual({ message: 'intentional error from python' });
      expect(await client.send('ack', {})).toBeNull();
      expect(matches).toEqual(['NONE', 'BOTH', 'BOTH', 'BOTH', 'BOTH', 'BOTH', 'BOTH']);
      expect(client.remoteProtocol.messages.has('hello')).toBe(true);
    } finally {
      await client.close();
    }
    const second: string[] = [];
    const again = new Client(simple, recording(py.url, second));
    try {
      expect(await again.send('add', { arg1: 1, arg2: 2 })).toBe(3);
      expect(await again.send('add', { arg1: 1, arg2: 3 })).toBe(4);
      expect(second).toEqual(['CLIENT', 'BOTH']);
    } finally {
      await again.close();
    }
    expect(py.log.map((x) => x.match)).toEqual(['NONE', ...Array(6).fill('BOTH'), 'CLIENT', 'BOTH']);
  });

  it('mail.avpr: send and fire-and-forget', async () => {
    const py = await pythonServer(schemas('mail.avpr'));
    peers.push(py);
    const mail = Protocol.parse(await import('node:fs').then((fs) => fs.readFileSync(schemas('mail.avpr'), 'utf8')));
    const client = new Client(mail, httpTransport(py.url));
    try {
      const m = { to: 'wife', from: 'me', body: 'I love you!' };
      expect(await client.send('send', { message: m })).toBe('Sent message to wife from me with body I love you!');
      expect(await client.send('fireandforget', { message: m })).toBeNull();
    } finally {
      await client.close();
    }
  });
});
