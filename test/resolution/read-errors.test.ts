/**
 * Bad or short input read through a resolver: typed errors with the byte offset and value
 * path, the same from generated and interpreted code, and `Type.decode`'s -1 for short input.
 */
import { describe, expect, it } from 'vitest';
import { Type } from '../../src/type.js';
import { AvroDecodeError } from '../../src/wire/errors.js';
import { readError, record } from './helpers.js';

const W = Type.forSchema(record('R', [
  { name: 'skip', type: { type: 'array', items: 'string' } },
  { name: 'u', type: ['null', 'int'] },
  { name: 's', type: 'string' },
]));
const R = Type.forSchema(record('R', [{ name: 's', type: 'bytes' }, { name: 'u', type: ['null', 'long'] }]));

describe('resolver read errors', () => {
  const good = W.toBuffer({ skip: ['a', 'bc'], u: 5, s: 'hello' });

  it('report truncated input with its offset, and Type.decode answers -1', () => {
    for (let cut = 0; cut < good.length; cut++) {
      const err = readError(W, R, good.subarray(0, cut)) as AvroDecodeError;
      expect(err).toBeInstanceOf(AvroDecodeError);
      // A block count larger than the bytes left is caught before the bytes run out (as in plain decoding).
      expect(err.reason).toMatch(/truncated|unterminated|needs at least/);
      expect(err.offset).toBeLessThanOrEqual(cut);
      if (/truncated|unterminated/.test(err.reason)) {
        expect(R.decode(good.subarray(0, cut), 0, R.createResolver(W))).toEqual({ value: undefined, offset: -1 });
      }
    }
  });

  it('report an out-of-range writer union index with the field path', () => {
    const bad = Uint8Array.from(good);
    bad[7] = 9; // the union index of `u`, after the array's 7 bytes
    const err = readError(W, R, bad) as AvroDecodeError;
    expect(err.path).toBe('u');
    expect(err.reason).toMatch(/union branch index/);
    expect(err.offset).toBe(7);
  });

  it('report a string length past the input while skipping', () => {
    const bad = Uint8Array.from(good);
    bad[1] = 100; // the first skipped string's length
    expect(readError(W, R, bad)).toBeInstanceOf(AvroDecodeError);
  });

  it('reject bytes left over in fromBuffer but not in decode', () => {
    const extra = Uint8Array.from([...good, 0]);
    expect(() => R.fromBuffer(extra, R.createResolver(W))).toThrow(/left over/);
    expect(R.decode(extra, 0, R.createResolver(W)).offset).toBe(good.length);
  });

  it('stop runaway recursion in skipped writer fields with a typed error, not a stack overflow', () => {
    const w = Type.forSchema(record('H', [{ name: 'deep', type: record('L', [{ name: 'next', type: ['null', 'L'] }]) }, { name: 'id', type: 'int' }]));
    const r = Type.forSchema(record('H', [{ name: 'id', type: 'int' }]));
    const levels = 200_000;
    const bytes = new Uint8Array(levels + 2).fill(2);
    bytes[levels] = 0; // the innermost null, then id = 0
    bytes[levels + 1] = 0;
    const err = readError(w, r, bytes);
    expect(err).toBeInstanceOf(AvroDecodeError);
    expect(err.message).toMatch(/maxDepth/);
  });

  it('refuse a skipped block count the input cannot hold, before looping', () => {
    const w = Type.forSchema(record('H', [{ name: 'nulls', type: { type: 'array', items: 'null' } }, { name: 'id', type: 'int' }]));
    const r = Type.forSchema(record('H', [{ name: 'id', type: 'int' }]));
    // 2^40 zero-byte items: only the item limit stops this.
    const bytes = Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0, 0]);
    expect(readError(w, r, bytes).message).toMatch(/maxItems/);
  });

  it('stop runaway recursion at maxDepth', () => {
    const list = record('L', [{ name: 'next', type: ['null', 'L'] }]);
    const w = Type.forSchema(list);
    const r = Type.forSchema(record('L', [{ name: 'next', type: ['null', 'L'] }, { name: 'x', type: 'int', default: 0 }]), {
      limits: { maxDepth: 10 },
    });
    const deep = Array.from({ length: 40 }).reduce<unknown>((next) => ({ next }), null);
    expect(readError(w, r, w.toBuffer(deep))).toBeInstanceOf(AvroDecodeError);
  });
});
