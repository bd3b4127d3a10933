import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTwosComplement, encodeTwosComplement, twosComplementLength } from '../../src/logical/twos-complement.js';
import { fromHex, hex } from './bind.js';

describe('two-complement big-endian integers', () => {
  it('uses the minimal length Java BigInteger.toByteArray uses', () => {
    const cases: [bigint, string][] = [
      [0n, '00'], [1n, '01'], [-1n, 'ff'], [127n, '7f'], [128n, '0080'], [-128n, '80'], [-129n, 'ff7f'],
      [255n, '00ff'], [256n, '0100'], [-32768n, '8000'], [32768n, '008000'],
      [2n ** 63n - 1n, '7fffffffffffffff'], [-(2n ** 63n), '8000000000000000'], [2n ** 63n, '008000000000000000'],
    ];
    for (const [v, h] of cases) {
      expect(hex(encodeTwosComplement(v)), String(v)).toBe(h);
      expect(twosComplementLength(v)).toBe(h.length / 2);
      expect(decodeTwosComplement(fromHex(h))).toBe(v);
    }
  });

  it('sign-extends to a requested size', () => {
    expect(hex(encodeTwosComplement(-2n, 4))).toBe('fffffffe');
    expect(hex(encodeTwosComplement(5n, 4))).toBe('00000005');
    expect(hex(encodeTwosComplement(-(2n ** 70n), 12))).toBe('ffffffc00000000000000000');
    expect(decodeTwosComplement(fromHex('fffffffe'))).toBe(-2n);
    expect(decodeTwosComplement(fromHex('ffffffc00000000000000000'))).toBe(-(2n ** 70n));
  });

  it('reads empty bytes as zero', () => {
    expect(decodeTwosComplement(new Uint8Array(0))).toBe(0n);
  });

  it('round-trips any integer at minimal and at padded length', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), fc.nat(4), (v, pad) => {
        const minimal = encodeTwosComplement(v);
        expect(decodeTwosComplement(minimal)).toBe(v);
        // Minimal: dropping the first byte would change the value.
        if (minimal.length > 1) expect(decodeTwosComplement(minimal.subarray(1))).not.toBe(v);
        const padded = encodeTwosComplement(v, minimal.length + pad);
        expect(decodeTwosComplement(padded)).toBe(v);
      }),
    );
  });
});
