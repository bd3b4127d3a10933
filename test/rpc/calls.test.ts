/**
 * Client and server cores over an in-memory stateless transport: the handshake paths, schema
 * resolution between different protocols, declared and undeclared errors, unknown messages.
 */
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../src/wire/reader.js';
import { ByteWriter } from '../../src/wire/writer.js';
import {
  Client, Protocol, RpcError, RpcHandshakeError, RpcRemoteError, Server, handshakeRequestType,
} from '../../src/rpc/index.js';
import { deframe, endFrame, startFrame } from '../../src/rpc/framing.js';
import { readHandshakeRequest, readHandshakeResponse } from '../../src/rpc/handshake.js';
import { writeMetadata } from '../../src/rpc/metadata.js';
import { memoryTransport } from './helpers.js';

const calc = (extra: Record<string, unknown> = {}) => ({
  protocol: 'Calc',
  namespace: 'test.calc',
  types: [
    { type: 'error', name: 'DivideByZero', fields: [{ name: 'dividend', type: 'int' }] },
    { type: 'record', name: 'Pair', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }] },
  ],
  messages: {
    add: { request: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }], response: 'int' },
    div: { request: [{ name: 'p', type: 'Pair' }], response: 'int', errors: ['DivideByZero'] },
    crash: { request: [], response: 'null' },
    bad: { request: [], response: 'int' },
    log: { request: [{ name: 'line', type: 'string' }], response: 'null', 'one-way': true },
    ...extra,
  },
});

function calcServer(protocol: Protocol, onError?: (e: unknown) => void): Server {
  return new Server(protocol, {
    add: ({ a, b }, ctx) => a + b + (ctx.metadata.has('plus-one') ? 1 : 0),
    div: ({ p }) => {
      if (p.b === 0) throw { dividend: p.a };
      return Math.trunc(p.a / p.b);
    },
    crash: () => {
      throw new TypeError('cannot read properties of undefined');
    },
    bad: () => 'not an int',
    log: () => null,
  }, onError ? { onError } : {});
}

describe('calls between a client and a server of the same protocol', () => {
  const protocol = Protocol.parse(calc());

  it('the first request already matches BOTH: no protocol text is sent', async () => {
    const log: { request: Uint8Array; response: Uint8Array }[] = [];
    const client = new Client(protocol, memoryTransport(calcServer(protocol), log));
    expect(await client.call['add']!({ a: 2, b: 3 })).toBe(5);
    expect(await client.send('add', { a: 2, b: 3 }, { metadata: { 'plus-one': new Uint8Array(0) } })).toBe(6);
    expect(log).toHaveLength(2);
    for (const { request, response } of log) {
      expect(readHandshakeRequest(new ByteReader(request)).clientProtocol).toBeNull();
      expect(readHandshakeResponse(new ByteReader(response)).match).toBe('BOTH');
    }
  });

  it('a declared error arrives as an RpcRemoteError carrying the record', async () => {
    const client = new Client(protocol, memoryTransport(calcServer(protocol)));
    expect(await client.send('div', { p: { a: 7, b: 2 } })).toBe(3);
    const e = await client.send('div', { p: { a: 7, b: 0 } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RpcRemoteError);
    expect((e as RpcRemoteError).errorType).toBe('test.calc.DivideByZero');
    expect((e as RpcRemoteError).value).toEqual({ dividend: 7 });
    expect((e as RpcRemoteError).isSystem).toBe(false);
  });

  it('declared errors decode as instances of the class registered for them', async () => {
    class DivideByZero {
      dividend = 0;
    }
    const typed = Protocol.parse(calc(), { constructors: { 'test.calc.DivideByZero': DivideByZero } });
    const server = new Server(typed, {
      div: ({ p }) => {
        const e = new DivideByZero();
        e.dividend = p.a;
        throw e;
      },
    });
    const e = await new Client(typed, memoryTransport(server)).send('div', { p: { a: 1, b: 0 } }).catch((x: unknown) => x);
    expect((e as RpcRemoteError).value).toBeInstanceOf(DivideByZero);
    expect((e as RpcRemoteError).value).toMatchObject({ dividend: 1 });
  });

  it('an undeclared exception arrives as the system error string, is reported, and the server goes on', async () => {
    const reported: unknown[] = [];
    const client = new Client(protocol, memoryTransport(calcServer(protocol, (e) => reported.push(e))));
    const e = await client.send('crash', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RpcRemoteError);
    expect((e as RpcRemoteError).isSystem).toBe(true);
    expect((e as RpcRemoteError).value).toBe('cannot read properties of undefined');
    expect(reported).toHaveLength(1);
    expect(await client.send('add', { a: 1, b: 1 })).toBe(2);
  });

  it('a plain Error whose fields fit a declared error is still an undeclared exception', async () => {
    const p = Protocol.parse({
      protocol: 'P', types: [{ type: 'error', name: 'Oops', fields: [{ name: 'message', type: 'string' }] }],
      messages: { m: { request: [], response: 'null', errors: ['Oops'] } },
    });
    const server = new Server(p, { m: () => { throw new Error('boom'); } });
    const e = (await new Client(p, memoryTransport(server)).send('m', {}).catch((x: unknown) => x)) as RpcRemoteError;
    expect(e.isSystem).toBe(true);
    expect(e.value).toBe('boom');
  });

  it('a response that does not fit its schema becomes a system error naming the message', async () => {
    const client = new Client(protocol, memoryTransport(calcServer(protocol)));
    const e = (await client.send('bad', {}).catch((x: unknown) => x)) as RpcRemoteError;
    expect(e.isSystem).toBe(true);
    expect(e.value).toMatch(/response to "bad" does not fit its schema/);
  });

  it('a request that does not fit its schema fails before anything is sent', async () => {
    const log: { request: Uint8Array; response: Uint8Array }[] = [];
    const client = new Client(protocol, memoryTransport(calcServer(protocol), log));
    await expect(client.send('add', { a: 'x', b: 1 })).rejects.toThrow(/a/);
    await expect(client.send('nope' as string, {})).rejects.toThrow(RpcError);
    expect(log).toHaveLength(0);
  });

  it('a message without a handler is answered with a system error', async () => {
    const server = new Server(protocol, { add: ({ a, b }) => a + b });
    const e = (await new Client(protocol, memoryTransport(server)).send('div', { p: { a: 1, b: 1 } }).catch((x: unknown) => x)) as RpcRemoteError;
    expect(e.value).toMatch(/not implemented/);
  });

  it('over a stateless transport a one-way message still gets its (empty) response', async () => {
    const client = new Client(protocol, memoryTransport(calcServer(protocol)));
    expect(await client.send('log', { line: 'hi' })).toBeNull();
  });

  it('ping completes a handshake without calling a message', async () => {
    const client = new Client(protocol, memoryTransport(calcServer(protocol)));
    await client.ping();
    expect(client.remoteProtocol).toBe(protocol);
  });
});

describe('calls between different protocols (NONE, retry, resolution)', () => {
  // The server has grown: add takes an optional third parameter and returns a long; div
  // declares a second error; the client still has the old protocol plus a message the server lacks.
  const serverProtocol = Protocol.parse({
    ...calc(),
    types: [...calc().types, { type: 'error', name: 'Overflow', fields: [] }],
    messages: {
      ...calc().messages,
      add: { request: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }, { name: 'c', type: 'int', default: 100 }], response: 'int' },
      div: { request: [{ name: 'p', type: 'Pair' }], response: 'int', errors: ['Overflow', 'DivideByZero'] },
    },
  });
  const clientProtocol = Protocol.parse(calc({
    add: { request: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }], response: 'long' },
    gone: { request: [], response: 'null' },
  }));
  const server = new Server(serverProtocol, {
    add: ({ a, b, c }) => a + b + c,
    div: ({ p }) => {
      if (p.b === 0) throw { dividend: p.a };
      return p.a / p.b;
    },
  });

  it('the first call takes NONE then retry; later calls match BOTH', async () => {
    const log: { request: Uint8Array; response: Uint8Array }[] = [];
    const client = new Client(clientProtocol, memoryTransport(server, log));
    expect(await client.send('add', { a: 1, b: 2 })).toBe(103);
    expect(await client.send('add', { a: 1, b: 2 })).toBe(103);
    const matches = log.map((x) => readHandshakeResponse(new ByteReader(x.response)).match);
    expect(matches).toEqual(['NONE', 'BOTH', 'BOTH']);
    const sent = log.map((x) => readHandshakeRequest(new ByteReader(x.request)));
    expect(sent.map((h) => h.clientProtocol === clientProtocol.toString())).toEqual([false, true, false]);
    expect(client.remoteProtocol.toString()).toBe(serverProtocol.toString());
  });

  it('errors are matched by name across different error unions', async () => {
    const client = new Client(clientProtocol, memoryTransport(server));
    const e = (await client.send('div', { p: { a: 5, b: 0 } }).catch((x: unknown) => x)) as RpcRemoteError;
    expect(e.errorType).toBe('test.calc.DivideByZero');
    expect(e.value).toEqual({ dividend: 5 });
  });

  it('a message the server does not declare gets a system error, and the server goes on', async () => {
    const client = new Client(clientProtocol, memoryTransport(server));
    const e = (await client.send('gone', {}).catch((x: unknown) => x)) as RpcRemoteError;
    expect(e.isSystem).toBe(true);
    expect(e.value).toMatch(/unknown message "gone"/);
    expect(await client.send('add', { a: 0, b: 0 })).toBe(100);
  });

  it('a client protocol sent under another hash is used but not cached under that hash', async () => {
    const request = (withProtocol: boolean): Uint8Array => {
      const w = new ByteWriter();
      const at = startFrame(w);
      handshakeRequestType().encodeInto({
        clientHash: new Uint8Array(16).fill(7),
        clientProtocol: withProtocol ? clientProtocol.toString() : null,
        serverHash: serverProtocol.hash,
        meta: null,
      }, w);
      writeMetadata(w, undefined);
      w.writeString('');
      endFrame(w, at);
      return deframe(w.buf.subarray(0, w.pos));
    };
    const s = new Server(serverProtocol);
    const first = readHandshakeResponse(new ByteReader(deframe((await s.respond(request(true)))!)));
    expect(first.match).toBe('BOTH');
    const second = readHandshakeResponse(new ByteReader(deframe((await s.respond(request(false)))!)));
    expect(second.match).toBe('NONE');
  });

  it('an invalid client protocol is refused with NONE and the reason; the client reports it', async () => {
    const broken = Protocol.parse({ protocol: 'Calc', namespace: 'test.calc', messages: { add: { request: [], response: 'int' } } });
    Object.defineProperty(broken, 'toString', { value: () => '{"protocol": "Calc", "types": [42]}' });
    const client = new Client(broken, memoryTransport(server));
    const e = await client.send('add', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RpcHandshakeError);
    expect((e as Error).message).toMatch(/invalid client protocol: types\[0\]/);
  });
});
