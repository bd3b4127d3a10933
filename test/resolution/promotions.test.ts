/**
 * The spec's promotions (int → long, float, double; long → float, double; float → double;
 * string ↔ bytes), also inside arrays, maps and unions, with the rounding Java's casts give.
 */
import { describe, expect, it } from 'vitest';
import { bigintToFloat32 } from '../../src/compiler/compile-resolver-runtime.js';
import { Type } from '../../src/type.js';
import { readAs, readBytesAs } from './helpers.js';

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

describe('promotions', () => {
  it('reads an int as a long, in number and in bigint mode', () => {
    expect(readAs('int', 'long', -123456)).toBe(-123456);
    expect(readAs('int', 'long', 2147483647, { longs: 'bigint' })).toBe(2147483647n);
  });

  it('reads an int as a float rounded to 32 bits, as Java casts it', () => {
    expect(readAs('int', 'float', 16777217)).toBe(16777216);
    expect(readAs('int', 'float', -7)).toBe(-7);
  });

  it('reads an int as a double exactly', () => {
    expect(readAs('int', 'double', -2147483648)).toBe(-2147483648);
  });

  it('reads longs as doubles, even past 2^53 where a number-mode long could not be read', () => {
    expect(readAs('long', 'double', 1)).toBe(1);
    expect(readAs('long', 'double', -300)).toBe(-300);
    const w = Type.forSchema('long', { longs: 'bigint' });
    const r = Type.forSchema('double');
    expect(readBytesAs(w, r, w.toBuffer(2n ** 63n - 1n))).toBe(2 ** 63);
    expect(readBytesAs(w, r, w.toBuffer(-(2n ** 62n) - 1n))).toBe(-(2 ** 62));
  });

  it('reads longs as floats rounded once, to nearest even (no double rounding)', () => {
    // 2^60 + 2^36 + 1 lies just above the midpoint between two floats; going through a double
    // first would land exactly on the midpoint and round down to 2^60.
    const x = 2n ** 60n + 2n ** 36n + 1n;
    expect(bigintToFloat32(x)).toBe(2 ** 60 + 2 ** 37);
    expect(Math.fround(Number(x))).toBe(2 ** 60);
    const w = Type.forSchema('long', { longs: 'bigint' });
    expect(readBytesAs(w, Type.forSchema('float'), w.toBuffer(x))).toBe(2 ** 60 + 2 ** 37);
    expect(readBytesAs(w, Type.forSchema('float'), w.toBuffer(-x))).toBe(-(2 ** 60 + 2 ** 37));
    expect(readAs('long', 'float', 2 ** 40 + 1)).toBe(2 ** 40);
    expect(readAs('long', 'float', 5)).toBe(5);
  });

  it('rounds ties to even when a long sits exactly between two floats', () => {
    expect(bigintToFloat32(2n ** 60n + 2n ** 36n)).toBe(2 ** 60);
    expect(bigintToFloat32(2n ** 60n + 3n * 2n ** 36n)).toBe(2 ** 60 + 2 ** 38);
    expect(bigintToFloat32(-(2n ** 63n))).toBe(-(2 ** 63));
  });

  it('reads a float as the same double', () => {
    expect(readAs('float', 'double', 0.1)).toBe(Math.fround(0.1));
    expect(readAs('float', 'double', -Infinity)).toBe(-Infinity);
    expect(readAs('float', 'double', NaN)).toBeNaN();
  });

  it('reads a string as its UTF-8 bytes and bytes as a string', () => {
    expect(readAs('string', 'bytes', 'héllo 😀')).toEqual(utf8('héllo 😀'));
    expect(readAs('bytes', 'string', utf8('naïve'))).toBe('naïve');
  });

  it('promotes array items and map values one by one', () => {
    expect(readAs({ type: 'array', items: 'int' }, { type: 'array', items: 'double' }, [1, 2, 3])).toEqual([1, 2, 3]);
    expect(readAs({ type: 'map', values: 'string' }, { type: 'map', values: 'bytes' }, { a: 'x', __proto__x: 'y' }))
      .toEqual({ a: utf8('x'), __proto__x: utf8('y') });
  });

  it('promotes into a reader union, and out of a writer union', () => {
    expect(readAs('int', ['null', 'double'], 3)).toBe(3);
    expect(readAs(['null', 'int', 'float'], 'double', 2.5)).toBe(2.5);
    expect(readAs(['null', 'int', 'float'], 'double', 2)).toBe(2);
    expect(readAs(['string', 'null'], ['null', 'bytes'], 'ab')).toEqual(utf8('ab'));
  });

  it('reads varints of every length in generated code (not only the inline 1-2 byte path)', () => {
    const ints = [0, -1, 63, -64, 64, 8191, 8192, -8193, 2 ** 20, 2 ** 27, -(2 ** 27), 2 ** 28, 2 ** 31 - 1, -(2 ** 31)];
    const rec = (t: string): unknown => ({ type: 'record', name: 'R', fields: [{ name: 'x', type: t }, { name: 'y', type: 'int' }] });
    for (const x of ints) {
      expect(readAs(rec('int'), rec('int'), { x, y: x })).toEqual({ x, y: x });
      expect(readAs(rec('int'), rec('long'), { x, y: 1 })).toEqual({ x, y: 1 });
    }
    const longs = [2 ** 34, -(2 ** 41), 2 ** 48 - 1, -(2 ** 48), 2 ** 49, 2 ** 52 + 1, -(2 ** 53 - 1), 2 ** 53 - 1];
    for (const x of longs) {
      expect(readAs(rec('long'), rec('long'), { x, y: 2 })).toEqual({ x, y: 2 });
      expect(readAs(rec('long'), rec('double'), { x, y: 2 })).toEqual({ x, y: 2 });
      expect(readAs(rec('long'), rec('float'), { x, y: 2 })).toEqual({ x: Math.fround(x), y: 2 });
    }
  });

  it('refuses, as plain decoding does, a long past 2^53 read as a number-mode long', () => {
    const w = Type.forSchema('long', { longs: 'bigint' });
    const r = Type.forSchema(['null', 'long']);
    expect(() => r.fromBuffer(w.toBuffer(2n ** 53n + 1n), r.createResolver(w))).toThrow(/bigint/);
  });

  it('does not demote: long cannot be read as int, double not as float', () => {
    expect(() => Type.forSchema('int').createResolver(Type.forSchema('long'))).toThrow(/long/);
    expect(() => Type.forSchema('float').createResolver(Type.forSchema('double'))).toThrow(/double/);
    expect(() => Type.forSchema('string').createResolver(Type.forSchema('int'))).toThrow(/int/);
  });
});
