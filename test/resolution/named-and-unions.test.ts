/**
 * Named types (matched by unqualified name or the reader's aliases), enums (unknown writer
 * symbols take the reader's default, or fail when read), fixed, unions on either or both sides,
 * and logical types (resolved on their underlying types; decimals must agree).
 */
import { describe, expect, it } from 'vitest';
import { AvroResolutionError } from '../../src/resolution/index.js';
import { Type } from '../../src/type.js';
import { AvroDecodeError } from '../../src/wire/errors.js';
import { readAs, readBytesAs, readError, record } from './helpers.js';

const enumOf = (name: string, symbols: string[], extra: Record<string, unknown> = {}): unknown => ({
  type: 'enum', name, symbols, ...extra,
});

describe('named types', () => {
  it('match by unqualified name across namespaces (spec 1.12)', () => {
    expect(readAs(record('a.R', [{ name: 'x', type: 'int' }]), record('b.R', [{ name: 'x', type: 'int' }]), { x: 1 })).toEqual({ x: 1 });
    expect(readAs(enumOf('a.E', ['X']), enumOf('E', ['X']), 'X')).toBe('X');
    expect(readAs({ type: 'fixed', name: 'a.F', size: 1 }, { type: 'fixed', name: 'z.F', size: 1 }, Buffer.from([7]))).toEqual(Buffer.from([7]));
  });

  it('match through the reader\'s aliases, given full or relative', () => {
    expect(readAs(record('old.Name', [{ name: 'x', type: 'int' }]), record('New', [{ name: 'x', type: 'int' }], { aliases: ['old.Name'] }), { x: 2 }))
      .toEqual({ x: 2 });
    expect(readAs(enumOf('Old', ['A']), enumOf('ns.New', ['A'], { aliases: ['Old'] }), 'A')).toBe('A');
  });

  it('refuse different names, naming the path', () => {
    const w = Type.forSchema(record('R', [{ name: 'e', type: enumOf('Colour', ['RED']) }]));
    const r = Type.forSchema(record('R', [{ name: 'e', type: enumOf('Suit', ['RED']) }]));
    expect(() => r.createResolver(w)).toThrow(AvroResolutionError);
    expect(() => r.createResolver(w)).toThrow(expect.objectContaining({ path: 'R.e' }));
    expect(() => Type.forSchema(record('A', [])).createResolver(Type.forSchema(record('B', [])))).toThrow(/names differ/);
  });

  it('fixed must agree on size', () => {
    const w = Type.forSchema({ type: 'fixed', name: 'F', size: 4 });
    expect(() => Type.forSchema({ type: 'fixed', name: 'F', size: 8 }).createResolver(w)).toThrow(/size 8.*size 4/);
  });
});

describe('enums', () => {
  it('read by symbol, whatever the reader\'s order', () => {
    expect(readAs(enumOf('E', ['A', 'B', 'C']), enumOf('E', ['C', 'B', 'A', 'D']), 'B')).toBe('B');
  });

  it('give a writer symbol unknown to the reader the reader\'s default', () => {
    expect(readAs(enumOf('E', ['A', 'B', 'NEW']), enumOf('E', ['A', 'B', 'UNKNOWN'], { default: 'UNKNOWN' }), 'NEW')).toBe('UNKNOWN');
  });

  it('without a default, build, read known symbols, and fail naming the symbol and path on an unknown one', () => {
    const w = Type.forSchema(record('R', [{ name: 'list', type: { type: 'array', items: enumOf('E', ['A', 'B', 'C']) } }]));
    const r = Type.forSchema(record('R', [{ name: 'list', type: { type: 'array', items: enumOf('E', ['A', 'B']) } }]));
    expect(readBytesAs(w, r, w.toBuffer({ list: ['A', 'B'] }))).toEqual({ list: ['A', 'B'] });
    const err = readError(w, r, w.toBuffer({ list: ['A', 'B', 'C'] }));
    expect(err).toBeInstanceOf(AvroDecodeError);
    expect((err as AvroDecodeError).path).toBe('list[2]');
    expect(err.message).toMatch(/"C".*no default/);
  });
});

describe('unions', () => {
  it('read a non-union writer into the first matching reader branch', () => {
    expect(readAs('string', ['null', 'int', 'string'], 'x')).toBe('x');
    expect(readAs(record('R', [{ name: 'a', type: 'int' }]), ['null', record('Q', []), record('R', [{ name: 'a', type: 'long' }])], { a: 1 }))
      .toEqual({ a: 1 });
  });

  it('prefer the branch of the writer\'s own type over an earlier promotion', () => {
    // Spec wording would pick `long` (the first match); Java picks the exact type, and so do we.
    expect(readAs('int', ['long', 'int'], 5, { longs: 'bigint' })).toBe(5);
    expect(readAs('int', ['string', 'long', 'double'], 5, { longs: 'bigint' })).toBe(5n);
  });

  it('prefer the branch with the writer\'s full name over one matching by short name', () => {
    const w = record('b.R', [{ name: 'x', type: 'int' }]);
    const r = [record('a.R', [{ name: 'y', type: 'int', default: 0 }]), record('b.R', [{ name: 'x', type: 'int' }])];
    expect(readAs(w, r, { x: 4 })).toEqual({ x: 4 });
  });

  it('read each writer branch into the matching reader branch', () => {
    const w = ['null', 'int', 'string', enumOf('E', ['A'])];
    const r = [enumOf('E', ['A', 'B']), 'bytes', 'double', 'null'];
    expect(readAs(w, r, null)).toBeNull();
    expect(readAs(w, r, 3)).toBe(3);
    expect(readAs(w, r, 'hi')).toEqual(Buffer.from('hi'));
    // A string value takes the writer's string branch; the enum branch needs a union without one.
    expect(readAs(['null', enumOf('E', ['A'])], r, 'A')).toBe('A');
  });

  it('read a writer union as a non-union reader, failing only on a branch it cannot read', () => {
    const w = Type.forSchema(record('R', [{ name: 'v', type: ['null', 'int'] }]));
    const r = Type.forSchema(record('R', [{ name: 'v', type: 'long' }]));
    expect(readBytesAs(w, r, w.toBuffer({ v: 42 }))).toEqual({ v: 42 });
    const err = readError(w, r, w.toBuffer({ v: null }));
    expect(err).toBeInstanceOf(AvroDecodeError);
    expect((err as AvroDecodeError).path).toBe('v');
    expect(err.message).toMatch(/null.*cannot be read/);
  });

  it('refuse to build when no writer branch can be read', () => {
    expect(() => Type.forSchema('int').createResolver(Type.forSchema(['string', 'boolean']))).toThrow(AvroResolutionError);
  });

  it('refuse a non-union writer that no reader branch matches', () => {
    expect(() => Type.forSchema(['null', 'int']).createResolver(Type.forSchema('string'))).toThrow(/no branch/);
  });

  it('read an empty writer union as anything (it has no values)', () => {
    expect(() => Type.forSchema('int').createResolver(Type.forSchema([]))).not.toThrow();
  });
});

describe('logical types', () => {
  it('resolve on the underlying type and apply the reader\'s logical type', () => {
    const v = readAs('long', { type: 'long', logicalType: 'timestamp-millis' }, 86_400_000);
    expect(v).toEqual(new Date(86_400_000));
    expect(readAs({ type: 'int', logicalType: 'date' }, { type: 'long', logicalType: 'timestamp-millis' }, new Date(0))).toEqual(new Date(0));
    expect(readAs({ type: 'int', logicalType: 'date' }, 'long', new Date(86_400_000 * 3))).toBe(3);
  });

  it('match decimals only with equal precision and scale (spec), and plain bytes with a decimal', () => {
    const dec = (precision: number, scale: number): unknown => ({ type: 'bytes', logicalType: 'decimal', precision, scale });
    expect(() => Type.forSchema(dec(6, 2)).createResolver(Type.forSchema(dec(6, 3)))).toThrow(/decimal/);
    expect(() => Type.forSchema(dec(6, 2)).createResolver(Type.forSchema(dec(7, 2)))).toThrow(/decimal/);
    expect(() => Type.forSchema(dec(6, 2)).createResolver(Type.forSchema(dec(6, 2)))).not.toThrow();
    expect(() => Type.forSchema(dec(6, 2)).createResolver(Type.forSchema('bytes'))).not.toThrow();
    // An invalid decimal is ignored, as the spec says, so it does not conflict.
    expect(() => Type.forSchema(dec(6, 2)).createResolver(Type.forSchema(dec(2, 6)))).not.toThrow();
  });
});
