import { describe, expect, it } from 'vitest';
import { defaultToValue } from '../../src/codec/defaults.js';
import { AvroTypeError } from '../../src/schema/errors.js';
import type { RecordSchema } from '../../src/schema/model.js';
import { parseSchema } from '../../src/schema/parse.js';
import { ctxWith } from './fixtures.js';

const ctx = ctxWith();

/** The value of the default of field `name` of a record schema given as JSON. */
function fieldDefault(recordJson: unknown, name: string, c = ctx): unknown {
  const rec = parseSchema(recordJson) as RecordSchema;
  const f = rec.fields.find((x) => x.name === name)!;
  return defaultToValue(f.type, f.default, c, [name]);
}

function record(fields: unknown[]): unknown {
  return { type: 'record', name: 'R', fields };
}

describe('defaultToValue: the spec table of field defaults', () => {
  it.each([
    ['null', null, null],
    ['boolean', true, true],
    ['int', 1, 1],
    ['long', 1, 1],
    ['float', 1.1, Math.fround(1.1)],
    ['double', 1.1, 1.1],
    ['string', 'foo', 'foo'],
    [{ type: 'enum', name: 'E', symbols: ['FOO', 'BAR'] }, 'FOO', 'FOO'],
    [{ type: 'array', items: 'int' }, [1], [1]],
    [{ type: 'map', values: 'int' }, { a: 1 }, { a: 1 }],
  ])('%j default %j reads as %j', (type, def, expected) => {
    expect(fieldDefault(record([{ name: 'f', type, default: def }]), 'f')).toEqual(expected);
  });

  it('reads bytes and fixed from strings of code points 0-255', () => {
    expect(fieldDefault(record([{ name: 'b', type: 'bytes', default: '\u00ff\u0000A' }]), 'b')).toEqual(
      new Uint8Array([255, 0, 65]),
    );
    const fixed = { type: 'fixed', name: 'F', size: 2 };
    expect(fieldDefault(record([{ name: 'f', type: fixed, default: '\u00ffa' }]), 'f')).toEqual(new Uint8Array([255, 97]));
  });

  it('reads the non-finite numbers Java writes as strings', () => {
    expect(fieldDefault(record([{ name: 'd', type: 'double', default: 'NaN' }]), 'd')).toBeNaN();
    expect(fieldDefault(record([{ name: 'd', type: 'float', default: '-Infinity' }]), 'd')).toBe(-Infinity);
  });

  it('gives longs as bigints in bigint mode', () => {
    const c = ctxWith({ longs: 'bigint' });
    expect(fieldDefault(record([{ name: 'l', type: 'long', default: 5 }]), 'l', c)).toBe(5n);
  });
});

describe('defaultToValue: unions and records', () => {
  it("takes a union default, unwrapped, as its first branch's value", () => {
    expect(fieldDefault(record([{ name: 'u', type: ['null', 'string'], default: null }]), 'u')).toBeNull();
    expect(fieldDefault(record([{ name: 'u', type: ['string', 'null'], default: 'x' }]), 'u')).toBe('x');
    expect(fieldDefault(record([{ name: 'u', type: ['bytes', 'null'], default: '\u0001' }]), 'u')).toEqual(
      new Uint8Array([1]),
    );
  });

  it('unwraps unions at every depth of a default, and fills nested fields from their defaults', () => {
    const inner = {
      type: 'record', name: 'Inner',
      fields: [
        { name: 'a', type: ['int', 'null'] },
        { name: 'b', type: ['null', 'string'], default: null },
        { name: 'c', type: { type: 'array', items: ['long', 'string'] }, default: [7] },
      ],
    };
    const v = fieldDefault(record([{ name: 'in', type: [inner, 'null'], default: { a: 3 } }]), 'in');
    expect(v).toEqual({ a: 3, b: null, c: [7] });
  });

  it('builds records of the registered class and applies logical bindings', () => {
    class Inner {}
    const c = ctxWith({ constructors: new Map([['Inner', Inner]]) });
    const inner = { type: 'record', name: 'Inner', fields: [{ name: 'day', type: { type: 'int', logicalType: 'test-days' } }] };
    const v = fieldDefault(record([{ name: 'in', type: inner, default: { day: 2 } }]), 'in', c) as { day: Date };
    expect(v).toBeInstanceOf(Inner);
    expect(v.day).toEqual(new Date(Date.UTC(1970, 0, 3)));
  });

  it('returns a fresh value on every call', () => {
    const rec = parseSchema(record([{ name: 'a', type: { type: 'array', items: 'int' }, default: [1] }])) as RecordSchema;
    const f = rec.fields[0]!;
    const one = defaultToValue(f.type, f.default, ctx) as number[];
    one.push(2);
    expect(defaultToValue(f.type, f.default, ctx)).toEqual([1]);
  });

  it('names the path of a default that does not fit', () => {
    const rec = parseSchema(record([{ name: 'n', type: { type: 'array', items: 'int' }, default: [1, 'x'] }]), {
      validateDefaults: false,
    }) as RecordSchema;
    const f = rec.fields[0]!;
    try {
      defaultToValue(f.type, f.default, ctx, ['n']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AvroTypeError);
      expect((e as AvroTypeError).path).toBe('n[1]');
    }
  });
});
