import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxFixedPrecision } from '../../src/logical/decimal.js';
import { AvroTypeError } from '../../src/schema/errors.js';
import { bindLogical, fromHex, hex, mustBind } from './bind.js';

const bytesDecimal = (precision: unknown, scale?: unknown) =>
  ({ type: 'bytes', logicalType: 'decimal', precision, ...(scale === undefined ? {} : { scale }) }) as const;
const fixedDecimal = (size: number, precision: unknown, scale?: unknown) =>
  ({ type: 'fixed', name: 'Money', size, logicalType: 'decimal', precision, ...(scale === undefined ? {} : { scale }) }) as const;

describe('decimal: schemas that cannot carry it bind to a reason (the type is then ignored)', () => {
  it.each([
    ['missing precision', { type: 'bytes', logicalType: 'decimal' }, /"precision", a positive integer, not undefined/],
    ['precision 0', bytesDecimal(0), /positive integer, not 0/],
    ['fractional precision', bytesDecimal(4.5), /positive integer, not 4.5/],
    ['precision as text', bytesDecimal('4'), /positive integer, not "4"/],
    ['negative scale', bytesDecimal(4, -1), /scale" must be an integer from 0 to the precision 4, not -1/],
    ['scale > precision', bytesDecimal(4, 5), /not 5/],
    ['fractional scale', bytesDecimal(4, 1.5), /not 1.5/],
    ['precision too large for fixed(16)', fixedDecimal(16, 39), /precision 39 does not fit fixed "Money" of size 16 \(at most 38 digits\)/],
    ['precision too large for fixed(1)', fixedDecimal(1, 3), /at most 2 digits/],
    ['an int', { type: 'int', logicalType: 'decimal', precision: 4 }, /needs "bytes" or a "fixed", not "int"/],
    ['a string', { type: 'string', logicalType: 'decimal', precision: 4 }, /not "string"/],
  ])('%s', (_, schema, reason) => {
    const b = bindLogical(schema as { logicalType: string });
    expect(b).toBeTypeOf('string');
    expect(b).toMatch(reason);
    expect(b).toMatch(/ignored/);
  });

  it('binds at the largest precision a fixed holds, and scale defaults to 0', () => {
    expect(mustBind(fixedDecimal(16, 38, 38)).fromAvro(new Uint8Array(16))).toBe('0.' + '0'.repeat(38));
    expect(mustBind(bytesDecimal(3)).fromAvro(fromHex('7b'))).toBe('123');
  });

  it('computes the spec bound floor(log10(2^(8n-1) - 1)) per fixed size', () => {
    const bound = (n: number) => (2n ** BigInt(8 * n - 1) - 1n).toString().length - 1;
    for (let n = 1; n <= 64; n++) expect(maxFixedPrecision(n), `size ${n}`).toBe(bound(n));
    expect([1, 2, 3, 4, 8, 16].map(maxFixedPrecision)).toEqual([2, 4, 6, 9, 18, 38]);
    expect(maxFixedPrecision(0)).toBe(0);
    expect(maxFixedPrecision(5000)).toBe(Math.floor(39999 * Math.log10(2)));
  });
});

describe('decimal on bytes: minimal two-complement, text values', () => {
  const d = mustBind(bytesDecimal(6, 2));

  it('encodes the unscaled value in the fewest bytes', () => {
    const cases: [unknown, string, string][] = [
      ['0', '00', '0.00'], ['-0', '00', '0.00'], ['0.01', '01', '0.01'], ['-0.01', 'ff', '-0.01'],
      ['1.27', '7f', '1.27'], ['1.28', '0080', '1.28'], ['-1.28', '80', '-1.28'], ['-1.29', 'ff7f', '-1.29'],
      ['-12.3', 'fb32', '-12.30'], ['9999.99', '0f423f', '9999.99'], ['-9999.99', 'f0bdc1', '-9999.99'],
    ];
    for (const [value, bytes, text] of cases) {
      expect(hex(d.toAvro(value) as Uint8Array), String(value)).toBe(bytes);
      expect(d.fromAvro(fromHex(bytes))).toBe(text);
    }
  });

  it('accepts text with fewer fraction digits, a sign, a bare point, an exponent, and exact trailing zeros', () => {
    for (const [value, text] of [['+3', '3.00'], ['3.', '3.00'], ['.5', '0.50'], ['1.5e1', '15.00'], ['1.500', '1.50'], ['12e-2', '0.12'], ['0012.10', '12.10']]) {
      expect(d.fromAvro(d.toAvro(value) as Uint8Array), value).toBe(text);
    }
  });

  it('accepts a number only when its shortest text is exact at the scale', () => {
    expect(d.fromAvro(d.toAvro(12.3) as Uint8Array)).toBe('12.30');
    expect(d.fromAvro(d.toAvro(-0.01) as Uint8Array)).toBe('-0.01');
    expect(d.fromAvro(d.toAvro(1e-2) as Uint8Array)).toBe('0.01');
    expect(() => d.toAvro(0.1 + 0.2)).toThrow(/0.30000000000000004 has more than 2 fraction digits; round it first/);
    expect(() => d.toAvro(1.005)).toThrow(/more than 2 fraction digits/);
    expect(() => d.toAvro(NaN)).toThrow(/not a finite number/);
    expect(() => mustBind(bytesDecimal(30)).toAvro(1e20)).toThrow(/beyond 2\^53.*pass a string or a bigint/);
  });

  it('accepts a bigint as a whole value', () => {
    expect(d.fromAvro(d.toAvro(-42n) as Uint8Array)).toBe('-42.00');
    expect(() => d.toAvro(10000n)).toThrow(/10000n needs 7 digits, more than the precision 6/);
  });

  it('refuses rounding, excess digits and other types with an AvroTypeError saying what is expected', () => {
    const bad: [unknown, RegExp][] = [
      ['1.234', /decimal\(6, 2\): "1.234" has more than 2 fraction digits; round it first/],
      ['10000', /"10000" needs 7 digits, more than the precision 6/],
      ['12345.67', /needs 7 digits/],
      ['1e999999999', /needs 1000000002 digits/],
      ['abc', /"abc" is not a decimal number \(expected digits with an optional sign, point and exponent, like "-12.30"\)/],
      ['', /is not a decimal number/],
      [' 1', /is not a decimal number/],
      [null, /expected a decimal string like "-12.30", a number or a bigint, got null/],
      [new Uint8Array([1]), /got Uint8Array of 1 bytes/],
      [{}, /got an object/],
    ];
    for (const [value, message] of bad) {
      expect(() => d.toAvro(value)).toThrow(AvroTypeError);
      expect(() => d.toAvro(value)).toThrow(message);
      expect(d.isValid(value)).toBe(false);
    }
  });

  it('reads values with more digits than the precision instead of losing them', () => {
    expect(d.fromAvro(fromHex('7fffffffffffffff'))).toBe('92233720368547758.07');
    expect(d.fromAvro(new Uint8Array(0))).toBe('0.00');
  });

  it('round-trips every value within the precision, exactly', () => {
    const p = mustBind(bytesDecimal(40, 7));
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n) + 1n, max: 10n ** 40n - 1n }), (unscaled) => {
        const neg = unscaled < 0n;
        const digits = (neg ? -unscaled : unscaled).toString().padStart(8, '0');
        const text = `${neg ? '-' : ''}${digits.slice(0, -7)}.${digits.slice(-7)}`;
        const raw = p.toAvro(text) as Uint8Array;
        expect(p.fromAvro(raw)).toBe(text);
        expect(p.isValid(text)).toBe(true);
      }),
    );
  });

  it('orders values numerically, not by their bytes', () => {
    const compare = d.compare!.bind(d);
    expect(compare('-1.00', '0.50')).toBe(-1);
    expect(compare('1.5', 1.5)).toBe(0);
    expect(compare('100', '99.99')).toBe(1);
    expect(compare(-2n, '-1.99')).toBe(-1);
    fc.assert(
      fc.property(fc.integer({ min: -999999, max: 999999 }), fc.integer({ min: -999999, max: 999999 }), (a, b) => {
        const ta = d.fromAvro(d.toAvro(`${a}e-2`) as Uint8Array);
        const tb = d.fromAvro(d.toAvro(`${b}e-2`) as Uint8Array);
        expect(compare(ta, tb)).toBe(Math.sign(a - b));
      }),
    );
  });

  it('gives random values that are valid and round-trip', () => {
    for (let i = 0; i < 200; i++) {
      const v = d.random!() as string;
      expect(v).toMatch(/^-?\d+\.\d{2}$/);
      expect(d.fromAvro(d.toAvro(v) as Uint8Array)).toBe(v);
    }
  });
});

describe('decimal on fixed: sign-extended to the size', () => {
  const f = mustBind(fixedDecimal(8, 18, 4));

  it('pads positive values with 0x00 and negative ones with 0xff', () => {
    expect(hex(f.toAvro('1.0000') as Uint8Array)).toBe('0000000000002710');
    expect(hex(f.toAvro('-1') as Uint8Array)).toBe('ffffffffffffd8f0');
    expect(hex(f.toAvro('0') as Uint8Array)).toBe('0000000000000000');
    expect(f.fromAvro(fromHex('ffffffffffffd8f0'))).toBe('-1.0000');
  });

  it('fits the extremes of the precision in the size', () => {
    const max = '99999999999999.9999';
    expect(f.fromAvro(f.toAvro(max) as Uint8Array)).toBe(max);
    expect(f.fromAvro(f.toAvro(`-${max}`) as Uint8Array)).toBe(`-${max}`);
    expect(() => f.toAvro('100000000000000')).toThrow(/needs 19 digits, more than the precision 18/);
  });

  it('round-trips at every size up to 32 bytes at the full precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.bigInt({ min: 0n, max: 10n ** 80n }), fc.boolean(), (size, n, neg) => {
        const precision = maxFixedPrecision(size);
        const binding = mustBind(fixedDecimal(size, precision));
        const v = (n % 10n ** BigInt(precision)) * (neg ? -1n : 1n);
        const raw = binding.toAvro(v) as Uint8Array;
        expect(raw.length).toBe(size);
        expect(binding.fromAvro(raw)).toBe(v.toString());
      }),
    );
  });
});
