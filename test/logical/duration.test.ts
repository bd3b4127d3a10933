import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvroTypeError } from '../../src/schema/errors.js';
import { bindLogical, fromHex, hex, mustBind } from './bind.js';

const d = mustBind({ type: 'fixed', name: 'Span', size: 12, logicalType: 'duration' });

describe('duration: three little-endian unsigned ints in a fixed(12)', () => {
  it('binds only to a fixed of size 12', () => {
    expect(bindLogical({ type: 'fixed', name: 'Span', size: 11, logicalType: 'duration' })).toMatch(
      /"duration" needs a "fixed" of size 12, not fixed "Span" of size 11; it is ignored/,
    );
    expect(bindLogical({ type: 'bytes', logicalType: 'duration' })).toMatch(/not "bytes"/);
  });

  it('writes months, days, milliseconds little-endian in that order', () => {
    expect(hex(d.toAvro({ months: 1, days: 2, milliseconds: 3 }) as Uint8Array)).toBe('010000000200000003000000');
    expect(hex(d.toAvro({ months: 0xffffffff, days: 0, milliseconds: 0x01020304 }) as Uint8Array)).toBe('ffffffff0000000004030201');
    expect(d.fromAvro(fromHex('ffffffff0000000004030201'))).toEqual({ months: 4294967295, days: 0, milliseconds: 16909060 });
  });

  it('reads from a view into a larger buffer', () => {
    const buf = fromHex('aa010000000200000003000000bb');
    expect(d.fromAvro(buf.subarray(1, 13))).toEqual({ months: 1, days: 2, milliseconds: 3 });
  });

  it('refuses parts that are not unsigned 32-bit integers, naming the part', () => {
    const bad: [unknown, RegExp][] = [
      [{ months: -1, days: 0, milliseconds: 0 }, /got months: -1/],
      [{ months: 0, days: 2 ** 32, milliseconds: 0 }, /got days: 4294967296/],
      [{ months: 0, days: 0, milliseconds: 1.5 }, /got milliseconds: 1.5/],
      [{ months: 0, days: 0 }, /got milliseconds: undefined/],
      [{ months: 1n, days: 0, milliseconds: 0 }, /got months: 1n/],
      [null, /got null/],
      [new Uint8Array(12), /got months: undefined/],
    ];
    for (const [value, message] of bad) {
      expect(d.isValid(value)).toBe(false);
      expect(() => d.toAvro(value)).toThrow(AvroTypeError);
      expect(() => d.toAvro(value)).toThrow(/duration: expected \{ months, days, milliseconds \}, each an integer from 0 to 4294967295/);
      expect(() => d.toAvro(value)).toThrow(message);
    }
  });

  it('round-trips any three u32s and orders by months, days, milliseconds', () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    const arb = fc.record({ months: u32, days: u32, milliseconds: u32 });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(d.fromAvro(d.toAvro(a) as Uint8Array)).toEqual(a);
        const expected = Math.sign(a.months - b.months) || Math.sign(a.days - b.days) || Math.sign(a.milliseconds - b.milliseconds);
        expect(d.compare!(a, b)).toBe(expected);
      }),
    );
    for (let i = 0; i < 20; i++) expect(d.isValid(d.random!())).toBe(true);
  });
});
