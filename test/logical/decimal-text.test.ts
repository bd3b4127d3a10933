import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareDecimalParts,
  formatPlain,
  formatScientific,
  parseDecimalNumber,
  parseDecimalText,
  rescale,
} from '../../src/logical/decimal-text.js';

describe('decimal text', () => {
  it('parses sign, point and exponent into unscaled and scale', () => {
    expect(parseDecimalText('-12.30')).toEqual({ unscaled: -1230n, scale: 2 });
    expect(parseDecimalText('+5')).toEqual({ unscaled: 5n, scale: 0 });
    expect(parseDecimalText('.5')).toEqual({ unscaled: 5n, scale: 1 });
    expect(parseDecimalText('7.')).toEqual({ unscaled: 7n, scale: 0 });
    expect(parseDecimalText('1.5e-3')).toEqual({ unscaled: 15n, scale: 4 });
    expect(parseDecimalText('12E+3')).toEqual({ unscaled: 12n, scale: -3 });
  });

  it('refuses text that is not a plain decimal number', () => {
    for (const bad of ['', '-', '.', '1.2.3', ' 1', '1 ', '0x10', 'NaN', 'Infinity', '1e', '1,5', '1e12345678901', '١']) {
      expect(typeof parseDecimalText(bad), bad).toBe('string');
    }
  });

  it('reads numbers by their shortest text and refuses inexact ones', () => {
    expect(parseDecimalNumber(0.1)).toEqual({ unscaled: 1n, scale: 1 });
    expect(parseDecimalNumber(1e-7)).toEqual({ unscaled: 1n, scale: 7 });
    expect(parseDecimalNumber(-0)).toEqual({ unscaled: 0n, scale: 0 });
    expect(parseDecimalNumber(Number.MAX_SAFE_INTEGER)).toEqual({ unscaled: 9007199254740991n, scale: 0 });
    expect(parseDecimalNumber(2 ** 53)).toMatch(/2\^53/);
    expect(parseDecimalNumber(NaN)).toMatch(/finite/);
    expect(parseDecimalNumber(Infinity)).toMatch(/finite/);
  });

  it('rescales only when no significant digit is lost', () => {
    expect(rescale({ unscaled: 15n, scale: 1 }, 3, 10)).toBe(1500n);
    expect(rescale({ unscaled: -1500n, scale: 3 }, 1, 10)).toBe(-15n);
    expect(rescale({ unscaled: 1501n, scale: 3 }, 1, 10)).toMatch(/more than 1 fraction digits/);
    expect(rescale({ unscaled: 5n, scale: 3 }, 1, 10)).toMatch(/more than 1 fraction digits/);
    expect(rescale({ unscaled: 12345n, scale: 0 }, 2, 6)).toMatch(/needs 7 digits, more than the precision 6/);
    expect(rescale({ unscaled: 1n, scale: -999_999_999 }, 0, 38)).toMatch(/precision 38/);
    expect(rescale({ unscaled: 0n, scale: -999_999_999 }, 2, 1)).toBe(0n);
  });

  it('formats plain text with exactly scale fraction digits', () => {
    expect(formatPlain(-1230n, 2)).toBe('-12.30');
    expect(formatPlain(5n, 3)).toBe('0.005');
    expect(formatPlain(-5n, 3)).toBe('-0.005');
    expect(formatPlain(0n, 2)).toBe('0.00');
    expect(formatPlain(42n, 0)).toBe('42');
  });

  it("formats scientific text by Java BigDecimal.toString()'s rules", () => {
    expect(formatScientific(150n, 2)).toBe('1.50');
    expect(formatScientific(1n, 6)).toBe('0.000001');
    expect(formatScientific(1n, 7)).toBe('1E-7');
    expect(formatScientific(-123n, 10)).toBe('-1.23E-8');
    expect(formatScientific(5n, -3)).toBe('5E+3');
    expect(formatScientific(0n, -3)).toBe('0E+3');
    expect(formatScientific(0n, 10)).toBe('0E-10');
    expect(formatScientific(12n, 2_147_483_647)).toBe('1.2E-2147483646');
  });

  it('keeps value and scale through scientific text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -40, max: 40 }), (unscaled, scale) => {
        expect(parseDecimalText(formatScientific(unscaled, scale))).toEqual({ unscaled, scale });
      }),
    );
  });

  it('compares numerically across scales', () => {
    const arb = fc.record({ unscaled: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), scale: fc.integer({ min: -5, max: 12 }) });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        // Reference: bring both to scale 20 exactly.
        const x = a.unscaled * 10n ** BigInt(20 - a.scale);
        const y = b.unscaled * 10n ** BigInt(20 - b.scale);
        expect(compareDecimalParts(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
      }),
    );
  });
});
