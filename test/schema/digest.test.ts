import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5, rabinFingerprint64, rabinFingerprintBytes, sha256 } from '../../src/schema/index.js';
import { toHex } from './shared-data.js';

const ascii = (s: string) => new TextEncoder().encode(s);

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('md5 (RFC 1321 test suite)', () => {
  const cases: [string, string][] = [
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
  ];
  it.each(cases)('md5(%j) is the RFC value', (input, hex) => {
    expect(toHex(md5(ascii(input)))).toBe(hex);
  });
});

describe('sha256 (FIPS 180-4 examples)', () => {
  const cases: [string, string][] = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ];
  it.each(cases)('sha256(%j) is the published value', (input, hex) => {
    expect(toHex(sha256(ascii(input)))).toBe(hex);
  });
});

describe('md5 and sha256 agree with node:crypto at every padding boundary', () => {
  // Lengths around 55/56/64 bytes exercise the one-block and two-block padding cases.
  const lengths = [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4099];
  it.each(lengths)('length %i', (n) => {
    const data = bytes(n, n + 7);
    expect(toHex(md5(data))).toBe(createHash('md5').update(data).digest('hex'));
    expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
  });
});

describe('rabinFingerprint64 (CRC-64-AVRO)', () => {
  /** The spec's pseudo-code, transcribed with BigInt: the reference our 32-bit halves must match. */
  function reference(buf: Uint8Array): bigint {
    const EMPTY = 0xc15d213aa4d7a795n;
    const mask = (1n << 64n) - 1n;
    const table: bigint[] = [];
    for (let i = 0; i < 256; i++) {
      let fp = BigInt(i);
      for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & (-(fp & 1n) & mask));
      table.push(fp);
    }
    let fp = EMPTY;
    for (const b of buf) fp = (fp >> 8n) ^ table[Number((fp ^ BigInt(b)) & 0xffn)]!;
    return fp;
  }

  it('of no bytes is the EMPTY constant', () => {
    expect(rabinFingerprint64(new Uint8Array(0))).toBe(0xc15d213aa4d7a795n);
  });

  it('of "int" read as a Java long is the value schema-tests.txt gives', () => {
    expect(BigInt.asIntN(64, rabinFingerprint64(ascii('"int"')))).toBe(8247732601305521295n);
  });

  it.each([1, 2, 3, 8, 100, 1024])('matches the spec pseudo-code on %i random bytes', (n) => {
    const data = bytes(n, 31 * n);
    expect(rabinFingerprint64(data)).toBe(reference(data));
  });

  it('returns the same bits as 8 little-endian bytes', () => {
    const data = ascii('{"type":"array","items":"string"}');
    const bits = rabinFingerprint64(data);
    const le = rabinFingerprintBytes(data);
    let fromBytes = 0n;
    for (let i = 7; i >= 0; i--) fromBytes = (fromBytes << 8n) | BigInt(le[i]!);
    expect(fromBytes).toBe(bits);
  });
});
