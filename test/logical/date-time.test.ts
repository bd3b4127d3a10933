import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvroTypeError } from '../../src/schema/errors.js';
import { bindLogical, mustBind } from './bind.js';

describe('date: days since 1970-01-01 as a Date at midnight UTC', () => {
  const d = mustBind({ type: 'int', logicalType: 'date' });

  it('binds to int only', () => {
    expect(bindLogical({ type: 'long', logicalType: 'date' })).toMatch(/"date" needs an "int", not "long"; it is ignored/);
    expect(bindLogical({ type: 'string', logicalType: 'date' })).toMatch(/not "string"/);
  });

  it('converts days both ways', () => {
    expect(d.toAvro(new Date(Date.UTC(1970, 0, 1)))).toBe(0);
    expect(d.toAvro(new Date(Date.UTC(2024, 1, 29)))).toBe(19782);
    expect(d.toAvro(new Date(Date.UTC(1969, 11, 31)))).toBe(-1);
    expect(d.toAvro(new Date('0001-01-01T00:00:00Z'))).toBe(-719162);
    expect((d.fromAvro(19782) as Date).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect((d.fromAvro(-719162) as Date).toISOString()).toBe('0001-01-01T00:00:00.000Z');
  });

  it('covers the whole Date range and refuses days beyond it on read', () => {
    expect((d.fromAvro(100_000_000) as Date).getTime()).toBe(8.64e15);
    expect((d.fromAvro(-100_000_000) as Date).getTime()).toBe(-8.64e15);
    expect(() => d.fromAvro(100_000_001)).toThrow(/date: day 100000001 is outside the range of a JavaScript Date/);
    expect(() => d.fromAvro(-2147483648)).toThrow(AvroTypeError);
  });

  it('refuses a time of day, an invalid Date and non-Dates, saying what it expects', () => {
    expect(() => d.toAvro(new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 1)))).toThrow(
      /date: 2024-01-01T00:00:00.001Z is not at midnight UTC; a date has no time of day, so pass Date.UTC\(year, month, day\)/,
    );
    expect(() => d.toAvro(new Date(NaN))).toThrow(/invalid Date/);
    expect(() => d.toAvro(19782)).toThrow(/expected a Date at midnight UTC, e.g. new Date\(Date.UTC\(2024, 0, 31\)\), got 19782/);
    expect(() => d.toAvro('2024-01-01')).toThrow(/got "2024-01-01"/);
    expect(d.isValid(new Date(Date.UTC(2024, 0, 1, 12)))).toBe(false);
    expect(d.isValid(new Date(Date.UTC(2024, 0, 1)))).toBe(true);
  });

  it('round-trips every day a Date can hold, and orders by day', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), fc.integer({ min: -100_000_000, max: 100_000_000 }), (a, b) => {
        const x = d.fromAvro(a) as Date;
        expect(d.toAvro(x)).toBe(a);
        expect(d.compare!(x, d.fromAvro(b))).toBe(Math.sign(a - b));
      }),
    );
  });

  it('gives random valid dates', () => {
    for (let i = 0; i < 50; i++) expect(d.isValid(d.random!())).toBe(true);
  });
});

describe('time-millis: milliseconds after midnight', () => {
  const t = mustBind({ type: 'int', logicalType: 'time-millis' });

  it('binds to int only', () => {
    expect(bindLogical({ type: 'long', logicalType: 'time-millis' })).toMatch(/"time-millis" needs an "int", not "long"/);
  });

  it('accepts 0 to 86,399,999 and refuses the rest', () => {
    expect(t.toAvro(0)).toBe(0);
    expect(t.toAvro(86_399_999)).toBe(86_399_999);
    for (const bad of [-1, 86_400_000, 1.5, NaN, '12:00', 5n, new Date(0)]) {
      expect(t.isValid(bad)).toBe(false);
      expect(() => t.toAvro(bad)).toThrow(/time-millis: expected an integer number of milliseconds after midnight, 0 to 86399999, got/);
    }
  });

  it('passes any stored int through on read', () => {
    expect(t.fromAvro(90_000_000)).toBe(90_000_000);
    expect(t.fromAvro(-5)).toBe(-5);
  });

  it('round-trips and gives random valid values', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 86_399_999 }), (ms) => {
        expect(t.fromAvro(t.toAvro(ms))).toBe(ms);
      }));
    for (let i = 0; i < 50; i++) expect(t.isValid(t.random!())).toBe(true);
    expect(t.compare!(1, 2)).toBe(-1);
  });
});

describe('time-micros: microseconds after midnight, number or bigint by long mode', () => {
  const n = mustBind({ type: 'long', logicalType: 'time-micros' }, 'number');
  const b = mustBind({ type: 'long', logicalType: 'time-micros' }, 'bigint');

  it('binds to long only', () => {
    expect(bindLogical({ type: 'int', logicalType: 'time-micros' })).toMatch(/"time-micros" needs a "long", not "int"/);
  });

  it('gives numbers in number mode and bigints in bigint mode, taking either', () => {
    expect(n.toAvro(86_399_999_999)).toBe(86_399_999_999);
    expect(n.toAvro(5n)).toBe(5);
    expect(n.fromAvro(7)).toBe(7);
    expect(n.fromAvro(7n)).toBe(7);
    expect(b.toAvro(5)).toBe(5n);
    expect(b.toAvro(5n)).toBe(5n);
    expect(b.fromAvro(7)).toBe(7n);
    expect(b.fromAvro(7n)).toBe(7n);
  });

  it('refuses values outside a day', () => {
    for (const bad of [-1, 86_400_000_000, 86_400_000_000n, -1n, 0.5, '0']) {
      expect(n.isValid(bad)).toBe(false);
      expect(() => b.toAvro(bad)).toThrow(/time-micros: expected an integer number \(or bigint\) of microseconds after midnight, 0 to 86399999999/);
    }
  });

  it('round-trips and orders in both modes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_399_999_999 }), fc.integer({ min: 0, max: 86_399_999_999 }), (x, y) => {
        expect(n.fromAvro(n.toAvro(x))).toBe(x);
        expect(b.fromAvro(b.toAvro(BigInt(x)))).toBe(BigInt(x));
        expect(n.compare!(x, y)).toBe(Math.sign(x - y));
        expect(b.compare!(BigInt(x), BigInt(y))).toBe(Math.sign(x - y));
      }),
    );
    expect(typeof b.random!()).toBe('bigint');
    expect(n.isValid(n.random!())).toBe(true);
  });
});
