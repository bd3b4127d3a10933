/**
 * python3-avro's RPC transcripts (vectors/py_rpc_transcripts.json): the exact handshake and
 * call bytes of a Python requestor and responder on simple.avpr, read and written by us, and
 * replayed against our server and our client.
 */
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../src/wire/reader.js';
import { ByteWriter } from '../../src/wire/writer.js';
import {
  Client, Protocol, RpcRemoteError, Server, handshakeRequestType, handshakeResponseType,
} from '../../src/rpc/index.js';
import type { StatelessTransport } from '../../src/rpc/index.js';
import { deframe } from '../../src/rpc/framing.js';
import { hashKey, readHandshakeRequest, readHandshakeResponse } from '../../src/rpc/handshake.js';
import { readMetadata, writeMetadata } from '../../src/rpc/metadata.js';
import { readSharedJson } from '../schema/shared-data.js';
import { SHARED, fromHex, hex, simpleHandlers, simpleProtocol } from './helpers.js';

interface Transcript {
  scenario: string;
  message: string;
  request: Record<string, unknown>;
  client_protocol_md5: string;
  server_protocol_md5: string;
  exchanges: { request_hex: string; response_hex: string }[];
  result: { response?: unknown; error?: unknown };
}

const describeShared = SHARED ? describe : describe.skip;

/** JSON bytes in the vectors are strings of code points 0-255. */
const latin1 = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const fixValues = (message: string, v: Record<string, unknown>): Record<string, unknown> =>
  message === 'echoBytes' ? { data: latin1(v['data'] as string) } : v;

describeShared("python3-avro's RPC transcripts", () => {
  const transcripts = readSharedJson<Transcript[]>(SHARED!, 'vectors', 'py_rpc_transcripts.json');
  const simple = simpleProtocol();
  const differs = transcripts.find((t) => t.scenario === 'client-protocol-differs' && t.exchanges.length === 2)!;
  // The Python client's protocol: simple.avpr plus a message only it has, as its retry sent it.
  const pyClientProtocol = Protocol.parse(readHandshakeRequest(new ByteReader(fromHex(differs.exchanges[1]!.request_hex))).clientProtocol!);

  it('lists the scenarios this test relies on', () => {
    expect(transcripts.map((t) => `${t.scenario}/${t.message}`)).toEqual([
      'same-protocol/hello', 'same-protocol/add', 'client-protocol-differs/hello', 'client-protocol-differs/add',
      'errors-and-oneway/error', 'errors-and-oneway/ack', 'errors-and-oneway/echoBytes',
    ]);
    expect(pyClientProtocol.messages.has('extraClientOnly')).toBe(true);
  });

  for (const t of transcripts) {
    it(`${t.scenario}/${t.message}: every request and response decodes and re-encodes to the same bytes`, () => {
      const clientProtocol = t.client_protocol_md5 === t.server_protocol_md5 ? simple : pyClientProtocol;
      for (const x of t.exchanges) {
        const req = fromHex(x.request_hex);
        const r = new ByteReader(req);
        const hs = readHandshakeRequest(r);
        expect(hashKey(hs.clientHash)).toBe(t.client_protocol_md5);
        const meta = readMetadata(r);
        const name = r.readString();
        expect(name).toBe(t.message);
        const params = clientProtocol.message(name)!.requestType.decodeFrom(r);
        expect(r.remaining).toBe(0);
        expect(params).toEqual(fixValues(t.message, t.request));
        const w = new ByteWriter();
        handshakeRequestType().encodeInto(hs, w);
        writeMetadata(w, meta);
        w.writeString(name);
        clientProtocol.message(name)!.requestType.encodeInto(params, w);
        expect(hex(w.buf.subarray(0, w.pos))).toBe(x.request_hex);

        const res = fromHex(x.response_hex);
        const rr = new ByteReader(res);
        const hsr = readHandshakeResponse(rr);
        const wr = new ByteWriter();
        handshakeResponseType().encodeInto(hsr, wr);
        if (hsr.match === 'NONE') {
          expect(hashKey(hsr.serverHash!)).toBe(t.server_protocol_md5);
          expect(rr.remaining).toBe(0);
        } else {
          const m = simple.message(name)!;
          writeMetadata(wr, readMetadata(rr));
          const isError = rr.readBoolean();
          wr.writeBoolean(isError);
          if (isError) {
            const index = rr.readLong();
            const value = m.errorBranches[index]!.decodeFrom(rr);
            expect(value).toEqual(t.result.error);
            wr.writeLong(index);
            m.errorBranches[index]!.encodeInto(value, wr);
          } else {
            const value = m.responseType.decodeFrom(rr);
            expect(value).toEqual(t.message === 'echoBytes' ? latin1(t.result.response as string) : t.result.response);
            m.responseType.encodeInto(value, wr);
          }
        }
        expect(rr.remaining).toBe(0);
        expect(hex(wr.buf.subarray(0, wr.pos))).toBe(x.response_hex);
      }
    });
  }

  it("our server answers Python's requests with Python's bytes (its hash of simple.avpr made known)", async () => {
    const handlers = { ...simpleHandlers(), error: () => { throw new Error('intentional error from error'); } };
    const server = new Server(simple, handlers, { knownProtocols: [[transcripts[0]!.server_protocol_md5, simple]] });
    for (const t of transcripts) {
      for (const x of t.exchanges) {
        const out = deframe((await server.respond(fromHex(x.request_hex)))!);
        const hs = readHandshakeResponse(new ByteReader(out));
        if (hs.match === 'BOTH') {
          expect(hex(out), `${t.scenario}/${t.message}`).toBe(x.response_hex);
        } else {
          // Python wrote its own text and hash of the protocol; we write ours.
          expect(hs.match).toBe('NONE');
          expect(hs.serverProtocol).toBe(simple.toString());
          expect(hex(hs.serverHash!)).toBe(simple.hashHex);
        }
      }
    }
  });

  it("our client follows Python's NONE then retry, and then calls with the learned hash (BOTH)", async () => {
    const t = differs;
    const add = transcripts.find((x) => x.scenario === 'client-protocol-differs' && x.message === 'add')!;
    const replies = [...t.exchanges, ...add.exchanges].map((x) => fromHex(x.response_hex));
    const sent: Uint8Array[] = [];
    const transport: StatelessTransport = {
      stateful: false,
      remoteName: 'python:',
      async request(framed) {
        sent.push(deframe(framed));
        return replies.shift()!;
      },
      async close() {},
    };
    const client = new Client(pyClientProtocol, transport);
    expect(await client.send('hello', { greeting: 'alice' })).toBe('Hello, alice');
    expect(await client.send('add', { arg1: 1, arg2: 1 })).toBe(2);
    expect(sent).toHaveLength(3);
    const callPart = (b: Uint8Array): string => {
      const r = new ByteReader(b);
      readHandshakeRequest(r);
      return hex(b.subarray(r.pos));
    };
    const shakes = sent.map((b) => readHandshakeRequest(new ByteReader(b)));
    expect(shakes.map((h) => h.clientProtocol !== null)).toEqual([false, true, false]);
    expect(shakes[1]!.clientProtocol).toBe(pyClientProtocol.toString());
    expect(shakes.map((h) => hex(h.serverHash))).toEqual([pyClientProtocol.hashHex, t.server_protocol_md5, t.server_protocol_md5]);
    expect(sent.map(callPart)).toEqual([t.exchanges[0]!, t.exchanges[1]!, add.exchanges[0]!].map((x) => callPart(fromHex(x.request_hex))));
    expect(client.remoteProtocol.messages.has('extraClientOnly')).toBe(false);
  });

  it("our client reads Python's responses: values, the system error string, one-way and bytes", async () => {
    for (const t of transcripts.filter((x) => x.scenario !== 'client-protocol-differs')) {
      const transport: StatelessTransport = {
        stateful: false, remoteName: 'python:',
        request: async () => fromHex(t.exchanges[0]!.response_hex),
        close: async () => {},
      };
      const call = new Client(simple, transport).send(t.message, fixValues(t.message, t.request));
      if (t.result.error !== undefined) {
        const e = await call.then(() => undefined, (x: unknown) => x);
        expect(e).toBeInstanceOf(RpcRemoteError);
        expect((e as RpcRemoteError).isSystem).toBe(true);
        expect((e as RpcRemoteError).value).toBe(t.result.error);
      } else if (t.message === 'echoBytes') {
        expect([...(await call) as Uint8Array]).toEqual([...latin1(t.result.response as string)]);
      } else {
        expect(await call).toEqual(t.result.response);
      }
    }
  });
});
