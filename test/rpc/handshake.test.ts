import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Type } from '../../src/type.js';
import { handshakeRequestType, handshakeResponseType } from '../../src/rpc/index.js';
import { SHARED } from './helpers.js';

const describeShared = SHARED ? describe : describe.skip;

describeShared('handshake records', () => {
  const avsc = (name: string): Type =>
    Type.forSchema(readFileSync(join(SHARED!, 'share/schemas/org/apache/avro/ipc', name), 'utf8'));

  it("are Apache's HandshakeRequest and HandshakeResponse schemas", () => {
    expect(handshakeRequestType().canonicalForm()).toBe(avsc('HandshakeRequest.avsc').canonicalForm());
    expect(handshakeResponseType().canonicalForm()).toBe(avsc('HandshakeResponse.avsc').canonicalForm());
  });
});

describe('handshake encoding', () => {
  const hash = new Uint8Array(16).fill(0xab);

  it('a request with hashes only is 16 + 1 + 16 + 1 bytes', () => {
    const b = handshakeRequestType().toBuffer({ clientHash: hash, clientProtocol: null, serverHash: hash, meta: null });
    expect(b).toHaveLength(34);
    const back = handshakeRequestType().fromBuffer(b) as { clientHash: Uint8Array; clientProtocol: null; serverHash: Uint8Array; meta: null };
    expect([...back.clientHash]).toEqual([...hash]);
    expect([...back.serverHash]).toEqual([...hash]);
    expect(back.clientProtocol).toBeNull();
    expect(back.meta).toBeNull();
  });

  it('BOTH is four zero bytes', () => {
    const b = handshakeResponseType().toBuffer({ match: 'BOTH', serverProtocol: null, serverHash: null, meta: null });
    expect([...b]).toEqual([0, 0, 0, 0]);
  });

  it('a response with protocol, hash and meta round-trips', () => {
    const v = { match: 'NONE', serverProtocol: '{"protocol":"P"}', serverHash: hash, meta: { error: new Uint8Array([104, 105]) } };
    const t = handshakeResponseType();
    const back = t.fromBuffer(t.toBuffer(v)) as typeof v;
    expect(back.match).toBe('NONE');
    expect(back.serverProtocol).toBe(v.serverProtocol);
    expect([...back.serverHash]).toEqual([...hash]);
    expect([...back.meta.error]).toEqual([104, 105]);
  });
});
