import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScientific } from '../../src/logical/decimal-text.js';
import { AvroTypeError } from '../../src/schema/errors.js';
import { bindLogical, fromHex, hex, mustBind } from './bind.js';

const bd = mustBind({ type: 'bytes', logicalType: 'big-decimal' });

describe('big-decimal: unscaled bytes then scale, each value with its own scale', () => {
  it('binds only to bytes', () => {
    expect(bindLogical({ type: 'fixed', name: 'F', size: 8, logicalType: 'big-decimal' })).toMatch(
      /"big-decimal" needs "bytes", not fixed "F" of size 8; it is ignored/,
    );
    expect(bindLogical({ type: 'string', logicalType: 'big-decimal' })).toMatch(/not "string"/);
  });

  it('writes an Avro bytes of the unscaled value followed by an Avro int of the scale', () => {
    // 1.50: unscaled 150 = 00 96 (2 bytes: length 04), scale 2 (zig-zag 04).
    expect(hex(bd.toAvro('1.50') as Uint8Array)).toBe('04009604');
    // -7: unscaled f9 (length 02), scale 0.
    expect(hex(bd.toAvro('-7') as Uint8Array)).toBe('02f900');
    expect(hex(bd.toAvro('0') as Uint8Array)).toBe('020000');
    expect(hex(bd.toAvro(12n) as Uint8Array)).toBe('020c00');
    expect(hex(bd.toAvro(0.25) as Uint8Array)).toBe('021904');
  });

  it('keeps the scale of the text, so "1.50" and "1.5" stay apart', () => {
    for (const text of ['1.50', '1.5', '-0.001', '0.000', '123456789012345678901234567890.123456789', '1E-7', '-1.23E-8', '0E-10']) {
      expect(bd.fromAvro(bd.toAvro(text) as Uint8Array)).toBe(text);
    }
  });

  it('multiplies out positive exponents, as the spec allows no negative scale', () => {
    expect(hex(bd.toAvro('5E+3') as Uint8Array)).toBe('04138800');
    expect(bd.fromAvro(bd.toAvro('5E+3') as Uint8Array)).toBe('5000');
    expect(bd.fromAvro(bd.toAvro('0E+3') as Uint8Array)).toBe('0');
  });

  it('reads a negative scale from another writer without expanding it', () => {
    // unscaled 5, scale -3 (zig-zag 05)
    expect(bd.fromAvro(fromHex('020505'))).toBe('5E+3');
    // scale -2^31: stays a short string
    expect(bd.fromAvro(fromHex('0205ffffffff0f'))).toBe('5E+2147483648');
  });

  it('refuses malformed inner bytes with the offset', () => {
    expect(() => bd.fromAvro(new Uint8Array(0))).toThrow(/unscaled length at byte 0 runs past the end of the 0-byte value/);
    expect(() => bd.fromAvro(fromHex('0a01'))).toThrow(/bad unscaled length 5 at byte 0 of a 2-byte value/);
    expect(() => bd.fromAvro(fromHex('03'))).toThrow(/bad unscaled length -2/);
    expect(() => bd.fromAvro(fromHex('0201'))).toThrow(/scale at byte 2 runs past the end/);
    expect(() => bd.fromAvro(fromHex('020100ff'))).toThrow(/1 unexpected bytes after the scale at byte 3/);
    expect(() => bd.fromAvro(fromHex('0201ffffffffff01'))).toThrow(/longer than an int's 5 bytes/);
    expect(() => bd.fromAvro(fromHex('0201ffffffff7f'))).toThrow(/does not fit an int/);
    expect(() => bd.fromAvro(fromHex('0201'))).toThrow(AvroTypeError);
  });

  it('refuses values it cannot encode, saying what it expects', () => {
    expect(() => bd.toAvro('x')).toThrow(/big-decimal: "x" is not a decimal number/);
    expect(() => bd.toAvro(Infinity)).toThrow(/not a finite number/);
    expect(() => bd.toAvro(true)).toThrow(/expected a decimal string like "-12.30", a number or a bigint, got true/);
    expect(() => bd.toAvro('1e+999999999')).toThrow(/more than 100000 digits at scale 0/);
    expect(() => bd.toAvro('1e-999999999')).not.toThrow();
    expect(() => bd.toAvro(`0.${'0'.repeat(20)}1e-2147483647`)).toThrow(/scale above 2\^31 - 1/);
    expect(bd.isValid('1.5')).toBe(true);
    expect(bd.isValid('1.5.')).toBe(false);
  });

  it('round-trips unscaled value and scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }), fc.integer({ min: 0, max: 2_147_483_647 }), (unscaled, scale) => {
        const text = formatScientific(unscaled, scale);
        expect(bd.fromAvro(bd.toAvro(text) as Uint8Array)).toBe(text);
      }),
    );
  });

  it('orders numerically across scales', () => {
    const c = bd.compare!.bind(bd);
    expect(c('1.50', '1.5')).toBe(0);
    expect(c('-1E-7', '0')).toBe(-1);
    expect(c('10', '9.999999')).toBe(1);
    expect(c(2n, '1.9E+0')).toBe(1);
  });

  it('gives random values that are valid and round-trip', () => {
    for (let i = 0; i < 100; i++) {
      const v = bd.random!() as string;
      expect(bd.isValid(v)).toBe(true);
      expect(bd.fromAvro(bd.toAvro(v) as Uint8Array)).toBe(v);
    }
  });
});
