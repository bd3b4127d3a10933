import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvroTypeError } from '../../src/schema/errors.js';
import { bindLogical, mustBind } from './bind.js';

const long = (logicalType: string) => ({ type: 'long', logicalType });
const NOON_HELSINKI_2000 = new Date('2000-01-01T12:00:00+02:00');

describe.each(['timestamp-millis', 'local-timestamp-millis'])('%s: milliseconds as a Date', (name) => {
  const n = mustBind(long(name), 'number');
  const b = mustBind(long(name), 'bigint');

  it('binds to long only', () => {
    expect(bindLogical({ type: 'int', logicalType: name })).toMatch(new RegExp(`"${name}" needs a "long", not "int"; it is ignored`));
  });

  it('writes a Date or a number of ms, in the form the long mode reads', () => {
    expect(n.toAvro(NOON_HELSINKI_2000)).toBe(946720800000);
    expect(n.toAvro(946720800000)).toBe(946720800000);
    expect(n.toAvro(946720800000n)).toBe(946720800000);
    expect(b.toAvro(NOON_HELSINKI_2000)).toBe(946720800000n);
    expect(b.toAvro(-1)).toBe(-1n);
  });

  it('reads both raw forms into a Date', () => {
    expect((n.fromAvro(946728000000) as Date).toISOString()).toBe('2000-01-01T12:00:00.000Z');
    expect((b.fromAvro(946728000000n) as Date).toISOString()).toBe('2000-01-01T12:00:00.000Z');
    expect((n.fromAvro(-1) as Date).toISOString()).toBe('1969-12-31T23:59:59.999Z');
  });

  it('refuses what a Date cannot hold', () => {
    expect(() => n.fromAvro(8.64e15 + 1)).toThrow(new RegExp(`${name}: 8640000000000001 ms is outside the range of a JavaScript Date`));
    expect(() => b.fromAvro(2n ** 63n - 1n)).toThrow(AvroTypeError);
    for (const bad of [new Date(NaN), 1.5, 8.64e15 + 1, 2n ** 60n, '2000-01-01', null]) {
      expect(n.isValid(bad)).toBe(false);
      expect(() => n.toAvro(bad)).toThrow(/expected a valid Date or an integer number of milliseconds within ±8.64e15, got/);
    }
  });

  it('round-trips every Date and orders by instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: -8.64e15, max: 8.64e15 }), (x, y) => {
        const dx = new Date(x);
        expect((n.fromAvro(n.toAvro(dx)) as Date).getTime()).toBe(x);
        expect((b.fromAvro(b.toAvro(dx)) as Date).getTime()).toBe(x);
        expect(n.compare!(dx, new Date(y))).toBe(Math.sign(x - y));
      }),
    );
    for (let i = 0; i < 20; i++) expect(n.isValid(n.random!())).toBe(true);
  });
});

describe.each(['timestamp-micros', 'local-timestamp-micros'])('%s: microseconds as number or bigint', (name) => {
  const n = mustBind(long(name), 'number');
  const b = mustBind(long(name), 'bigint');

  it('writes numbers, bigints and Dates (ms × 1000) in either mode', () => {
    expect(n.toAvro(NOON_HELSINKI_2000)).toBe(946720800000000);
    expect(b.toAvro(NOON_HELSINKI_2000)).toBe(946720800000000n);
    expect(n.toAvro(-5)).toBe(-5);
    expect(b.toAvro(-5)).toBe(-5n);
    expect(n.toAvro(2n ** 62n)).toBe(2n ** 62n); // past 2^53 the codec gets the bigint, not a rounded number
    expect(n.toAvro(new Date(8.64e15))).toBe(8_640_000_000_000_000_000n);
  });

  it('reads a number in number mode and a bigint in bigint mode', () => {
    expect(n.fromAvro(946720800000000)).toBe(946720800000000);
    expect(n.fromAvro(946720800000000n)).toBe(946720800000000);
    expect(b.fromAvro(946720800000000)).toBe(946720800000000n);
    expect(b.fromAvro(2n ** 63n - 1n)).toBe(2n ** 63n - 1n);
  });

  it('refuses inexact or out-of-range values', () => {
    for (const bad of [2 ** 53, 0.5, 2n ** 63n, -(2n ** 63n) - 1n, new Date(NaN), '1']) {
      expect(n.isValid(bad)).toBe(false);
      expect(() => b.toAvro(bad)).toThrow(/expected an integer number of microseconds \(a safe integer, or a bigint in the long range\) or a valid Date/);
    }
  });

  it('round-trips the whole long range in bigint mode and orders mixed forms', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => {
        expect(b.fromAvro(b.toAvro(v))).toBe(v);
      }),
    );
    fc.assert(
      fc.property(fc.maxSafeInteger(), (v) => {
        expect(n.fromAvro(n.toAvro(v))).toBe(v);
      }),
    );
    expect(n.compare!(new Date(1), 999)).toBe(1);
    expect(n.compare!(1000n, new Date(1))).toBe(0);
    expect(typeof b.random!()).toBe('bigint');
  });
});

describe.each(['timestamp-nanos', 'local-timestamp-nanos'])('%s: nanoseconds, always a bigint', (name) => {
  const n = mustBind(long(name), 'number');
  const b = mustBind(long(name), 'bigint');

  it('asks the codec for bigint raw longs in every mode', () => {
    expect(n.rawLongs).toBe('bigint');
    expect(b.rawLongs).toBe('bigint');
  });

  it('writes a bigint from a bigint, a safe number or a Date (ms × 10^6)', () => {
    expect(n.toAvro(NOON_HELSINKI_2000)).toBe(946720800000000000n);
    expect(n.toAvro(1_700_000_000_123_456_789n)).toBe(1_700_000_000_123_456_789n);
    expect(b.toAvro(42)).toBe(42n);
  });

  it('reads either raw form into a bigint', () => {
    expect(n.fromAvro(12345)).toBe(12345n);
    expect(n.fromAvro(1_700_000_000_123_456_789n)).toBe(1_700_000_000_123_456_789n);
  });

  it('refuses Dates outside 1677–2262 and values outside the long range', () => {
    expect(n.toAvro(new Date('2262-04-11T00:00:00Z'))).toBe(9_223_286_400_000_000_000n);
    for (const bad of [new Date('2262-04-12T00:00:00Z'), new Date('1677-09-21T00:00:00Z'), 2n ** 63n, 2 ** 53, 1.5, new Date(NaN), '1']) {
      expect(n.isValid(bad)).toBe(false);
      expect(() => n.toAvro(bad)).toThrow(/expected a bigint of nanoseconds in the long range, a safe-integer number or a valid Date within 1677–2262/);
    }
  });

  it('round-trips the long range and orders', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (x, y) => {
        expect(n.fromAvro(n.toAvro(x))).toBe(x);
        expect(n.compare!(x, y)).toBe(x < y ? -1 : x > y ? 1 : 0);
      }),
    );
    expect(n.compare!(new Date(1), 999_999n)).toBe(1);
    for (let i = 0; i < 20; i++) expect(typeof n.random!()).toBe('bigint');
  });
});
