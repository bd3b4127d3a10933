/**
 * Records: fields matched by name or by the reader's aliases, writer-only fields skipped (every
 * kind, recursive ones too), reader-only fields filled from defaults (fresh objects each time),
 * registered classes, and fields whose names clash with JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { createResolvingReader } from '../../src/compiler/resolver.js';
import { AvroResolutionError } from '../../src/resolution/index.js';
import { Type } from '../../src/type.js';
import { readAs, readBytesAs, record } from './helpers.js';

const EVERY_KIND = [
  { name: 'n', type: 'null' },
  { name: 'b', type: 'boolean' },
  { name: 'i', type: 'int' },
  { name: 'l', type: 'long' },
  { name: 'f', type: 'float' },
  { name: 'd', type: 'double' },
  { name: 'by', type: 'bytes' },
  { name: 's', type: 'string' },
  { name: 'fx', type: { type: 'fixed', name: 'F3', size: 3 } },
  { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } },
  { name: 'a', type: { type: 'array', items: ['null', 'string'] } },
  { name: 'ad', type: { type: 'array', items: 'double' } },
  { name: 'm', type: { type: 'map', values: { type: 'array', items: 'long' } } },
  { name: 'u', type: ['null', 'int', 'string', { type: 'fixed', name: 'F2', size: 2 }] },
  { name: 'r', type: record('Inner', [{ name: 'x', type: 'float' }, { name: 'y', type: 'string' }]) },
  { name: 'rf', type: record('Flat', [{ name: 'x', type: 'double' }, { name: 'y', type: 'boolean' }]) },
];
const EVERY_VALUE = {
  n: null, b: true, i: -5, l: 2 ** 50, f: 1.5, d: -0.25, by: Buffer.from([0, 255]), s: 'héllo', fx: Buffer.from([1, 2, 3]),
  e: 'B', a: ['x', null, 'y'], ad: [1, 2, 3.5], m: { k: [1, 2], z: [] }, u: 'str', r: { x: 2, y: 'why' }, rf: { x: 1, y: false },
};

describe('records', () => {
  it('matches fields by name whatever their order', () => {
    const w = record('R', [{ name: 'a', type: 'int' }, { name: 'b', type: 'string' }]);
    const r = record('R', [{ name: 'b', type: 'string' }, { name: 'a', type: 'long' }]);
    const v = readAs(w, r, { a: 1, b: 'x' });
    expect(v).toEqual({ b: 'x', a: 1 });
    expect(Object.keys(v as object)).toEqual(['b', 'a']);
  });

  it('skips writer fields of every kind that the reader does not have', () => {
    const w = record('R', [...EVERY_KIND.slice(0, 8), { name: 'keep', type: 'string' }, ...EVERY_KIND.slice(8)]);
    const r = record('R', [{ name: 'keep', type: 'string' }]);
    expect(readAs(w, r, { ...EVERY_VALUE, keep: 'kept' })).toEqual({ keep: 'kept' });
  });

  it('reads every kind when the reader keeps every field', () => {
    const w = record('R', EVERY_KIND);
    const r = record('R', [...EVERY_KIND].reverse());
    expect(readAs(w, r, EVERY_VALUE)).toEqual(EVERY_VALUE);
  });

  it('skips arrays written in blocks with byte sizes (negative counts) and long varints', () => {
    const w = Type.forSchema(record('R', [{ name: 'a', type: { type: 'array', items: 'long' } }, { name: 'k', type: 'int' }]));
    const r = Type.forSchema(record('R', [{ name: 'k', type: 'int' }]));
    // Block of -2 items, 11 bytes: a 10-byte long and a 1-byte long; then the end; then k = 7.
    const bytes = Uint8Array.from([3, 22, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 2, 0, 14]);
    expect(readBytesAs(w, r, bytes)).toEqual({ k: 7 });
  });

  it('fills reader-only fields from their defaults, for every kind', () => {
    const w = record('R', [{ name: 'id', type: 'int' }]);
    const r = record('R', [
      { name: 'id', type: 'int' },
      { name: 'n', type: 'null', default: null },
      { name: 'b', type: 'boolean', default: true },
      { name: 'l', type: 'long', default: 9007199254740991 },
      { name: 'f', type: 'float', default: 0.5 },
      { name: 'd', type: 'double', default: 'NaN' },
      { name: 'by', type: 'bytes', default: '\u00ff\u0000' },
      { name: 's', type: 'string', default: 'dflt' },
      { name: 'fx', type: { type: 'fixed', name: 'F2', size: 2 }, default: 'ab' },
      { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] }, default: 'B' },
      { name: 'a', type: { type: 'array', items: 'int' }, default: [1, 2] },
      { name: 'm', type: { type: 'map', values: 'string' }, default: { k: 'v' } },
      { name: 'u', type: ['string', 'null'], default: 'first' },
      { name: 'rec', type: record('In', [{ name: 'x', type: 'int' }, { name: 'y', type: 'int', default: 4 }]), default: { x: 3 } },
    ]);
    const v = readAs(w, r, { id: 1 }) as Record<string, unknown>;
    const bytes = (x: unknown): number[] => Array.from(x as Uint8Array);
    expect(bytes(v['by'])).toEqual([255, 0]);
    expect(bytes(v['fx'])).toEqual([97, 98]);
    expect({ ...v, by: 'checked', fx: 'checked' }).toEqual({
      id: 1, n: null, b: true, l: 9007199254740991, f: 0.5, d: NaN, by: 'checked', s: 'dflt',
      fx: 'checked', e: 'B', a: [1, 2], m: { k: 'v' }, u: 'first', rec: { x: 3, y: 4 },
    });
  });

  it('gives every value read its own copy of an object default', () => {
    const w = Type.forSchema(record('R', [{ name: 'id', type: 'int' }]));
    const r = Type.forSchema(record('R', [{ name: 'id', type: 'int' }, { name: 'tags', type: { type: 'array', items: 'string' }, default: [] }]));
    for (const codegen of [true, false]) {
      const rr = createResolvingReader(r.schemaNode, w.schemaNode, r.context, { codegen });
      const first = r.fromBuffer(w.toBuffer({ id: 1 }), { readerType: r, writerType: w, read: rr.read }) as { tags: string[] };
      first.tags.push('mutated');
      const second = r.fromBuffer(w.toBuffer({ id: 2 }), { readerType: r, writerType: w, read: rr.read }) as { tags: string[] };
      expect(second.tags).toEqual([]);
    }
  });

  it('refuses to build when a reader-only field has no default, and names it', () => {
    const w = Type.forSchema(record('ns.Order', [{ name: 'id', type: 'int' }]));
    const r = Type.forSchema(record('ns.Order', [{ name: 'id', type: 'int' }, { name: 'total', type: 'double' }]));
    let err: unknown;
    try {
      r.createResolver(w);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AvroResolutionError);
    const e = err as AvroResolutionError;
    expect(e.path).toBe('ns.Order.total');
    expect(e.message).toMatch(/"total".*no default/);
    expect(e.incompatibilities.map((i) => i.kind)).toEqual(['READER_FIELD_MISSING_DEFAULT_VALUE']);
  });

  it('names the nested field whose types do not resolve', () => {
    const w = Type.forSchema(record('R', [{ name: 'items', type: { type: 'array', items: record('Item', [{ name: 'price', type: 'string' }]) } }]));
    const r = Type.forSchema(record('R', [{ name: 'items', type: { type: 'array', items: record('Item', [{ name: 'price', type: 'double' }]) } }]));
    expect(() => r.createResolver(w)).toThrow(expect.objectContaining({ path: 'R.items[].price' }));
  });

  it('reads a writer field under the reader field that lists its name as an alias', () => {
    const w = record('R', [{ name: 'old_name', type: 'int' }, { name: 'x', type: 'int' }]);
    const r = record('R', [{ name: 'newName', aliases: ['old_name'], type: 'long' }, { name: 'x', type: 'int' }]);
    expect(readAs(w, r, { old_name: 7, x: 1 })).toEqual({ newName: 7, x: 1 });
  });

  it('prefers a field of the same name over an alias', () => {
    const w = record('R', [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }]);
    const r = record('R', [{ name: 'b', type: 'int' }, { name: 'c', aliases: ['b', 'a'], type: 'int' }]);
    expect(readAs(w, r, { a: 1, b: 2 })).toEqual({ b: 2, c: 1 });
  });

  it('reads into the class registered for the reader record', () => {
    class Point {
      x = 0;
      y = 0;
      norm(): number {
        return Math.hypot(this.x, this.y);
      }
    }
    const w = Type.forSchema(record('Point', [{ name: 'y', type: 'int' }, { name: 'x', type: 'int' }, { name: 'z', type: 'int' }]));
    for (const codegen of [true, false]) {
      const r = Type.forSchema(record('geo.Point', [{ name: 'x', type: 'double' }, { name: 'y', type: 'double' }]), {
        constructors: { 'geo.Point': Point }, codegen,
      });
      const p = readBytesAs(w, r, w.toBuffer({ x: 3, y: 4, z: 5 })) as Point;
      expect(p).toBeInstanceOf(Point);
      expect(p.norm()).toBe(5);
    }
  });

  it('keeps field names that clash with JavaScript as own data', () => {
    const w = record('R', [{ name: '__proto__', type: 'int' }, { name: 'constructor', type: 'string' }, { name: 'toString', type: 'int' }]);
    const r = record('R', [
      { name: 'constructor', type: 'bytes' },
      { name: 'hasOwnProperty', type: 'int', default: 3 },
      { name: 'valueOf', type: ['null', 'int'], default: null },
      { name: '__proto__', type: 'long' },
    ]);
    const v = readAs(w, r, JSON.parse('{"__proto__": 1, "constructor": "c", "toString": 2}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toBe(1);
    expect(v['constructor']).toEqual(Buffer.from('c'));
    expect(v['hasOwnProperty']).toBe(3);
    expect(v['valueOf']).toBeNull();
  });

  it('reads 2 of 50 fields through a projected reader schema', () => {
    const fields = Array.from({ length: 50 }, (_, i) => ({
      name: `f${i}`, type: ['string', 'double', 'long', { type: 'array', items: 'int' }, ['null', 'string']][i % 5],
    }));
    const value = Object.fromEntries(fields.map((f, i) => [f.name, [`s${i}`, i + 0.5, i * 1000, [i, i], i % 2 ? null : 'x'][i % 5]]));
    const r = record('R', [{ name: 'f17', type: 'long' }, { name: 'f40', type: 'string' }]);
    expect(readAs(record('R', fields), r, value)).toEqual({ f17: 17000, f40: 's40' });
  });
});

describe('recursive records', () => {
  const writerList = record('LongList', [{ name: 'value', type: 'int' }, { name: 'junk', type: 'string' }, { name: 'next', type: ['null', 'LongList'] }]);
  const readerList = record('LinkedLongs', [
    { name: 'value', type: 'long' }, { name: 'next', type: ['null', 'LinkedLongs'] }, { name: 'seen', type: 'boolean', default: false },
  ], { aliases: ['LongList'] });

  it('resolves a recursive writer against a renamed recursive reader', () => {
    const list = { value: 1, junk: 'a', next: { value: 2, junk: 'b', next: { value: 3, junk: 'c', next: null } } };
    expect(readAs(writerList, readerList, list)).toEqual({
      value: 1, seen: false, next: { value: 2, seen: false, next: { value: 3, seen: false, next: null } },
    });
  });

  it('skips a recursive writer-only field', () => {
    const w = record('Holder', [{ name: 'tree', type: writerList }, { name: 'id', type: 'int' }]);
    const r = record('Holder', [{ name: 'id', type: 'int' }]);
    const deep = Array.from({ length: 50 }).reduce<unknown>((next, _, i) => ({ value: i, junk: 'j', next }), null);
    expect(readAs(w, r, { tree: deep, id: 9 })).toEqual({ id: 9 });
  });

  it('terminates on mutually recursive schemas', () => {
    const a = record('A', [{ name: 'b', type: ['null', record('B', [{ name: 'a', type: ['null', 'A'] }, { name: 'n', type: 'int' }])] }]);
    const a2 = record('A', [{ name: 'b', type: ['null', record('B', [{ name: 'a', type: ['null', 'A'] }])] }]);
    expect(readAs(a, a2, { b: { n: 1, a: { b: { n: 2, a: null } } } })).toEqual({ b: { a: { b: { a: null } } } });
  });

  it('resolves against itself exactly as the plain decoder reads', () => {
    const t = Type.forSchema(writerList);
    const v = { value: 1, junk: 'a', next: { value: 2, junk: 'b', next: null } };
    expect(readBytesAs(t, t, t.toBuffer(v))).toEqual(t.fromBuffer(t.toBuffer(v)));
  });
});
