import { afterEach, describe, expect, it } from 'vitest';
import { cloneValue } from '../../src/codec/clone.js';
import { compareValues } from '../../src/codec/compare.js';
import { defaultToValue } from '../../src/codec/defaults.js';
import { fromJsonText, fromJsonValue, toJsonText, toJsonValue } from '../../src/codec/json.js';
import { randomValue, seededRng } from '../../src/codec/random.js';
import { AvroTypeError } from '../../src/schema/errors.js';
import type { RecordSchema } from '../../src/schema/model.js';
import { parseSchema } from '../../src/schema/parse.js';
import { ctxWith, difference } from './fixtures.js';

/**
 * Field names and map keys that collide with Object.prototype members never reach a prototype
 * and never read an inherited member in place of a missing field.
 */

const CLASH = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'toJSON'];
// As text: an object literal would take `__proto__: 1` as a prototype, not a key.
const schema = parseSchema(`{
  "type": "record", "name": "Clash",
  "fields": [
    ${CLASH.map((name) => `{"name": "${name}", "type": "string", "default": "default ${name}"}`).join(',\n    ')},
    {"name": "map", "type": {"type": "map", "values": "int"}, "default": {"__proto__": 1, "constructor": 2}}
  ]
}`) as RecordSchema;

function clashValue(): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  for (const name of CLASH) Object.defineProperty(v, name, { value: `v ${name}`, enumerable: true, writable: true, configurable: true });
  const map: Record<string, unknown> = {};
  Object.defineProperty(map, '__proto__', { value: 1, enumerable: true, writable: true, configurable: true });
  map['constructor'] = 2;
  map['polluted'] = 3;
  v['map'] = map;
  return v;
}

function expectOwnData(v: unknown): void {
  const o = v as Record<string, unknown>;
  for (const name of CLASH) {
    expect(Object.getOwnPropertyDescriptor(o, name)?.value, name).toBe(`v ${name}`);
  }
  const map = o['map'] as object;
  expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  expect(Object.getOwnPropertyDescriptor(map, '__proto__')?.value).toBe(1);
  expect(Object.keys(map).sort()).toEqual(['__proto__', 'constructor', 'polluted']);
}

const ctx = ctxWith();

afterEach(() => {
  // Any pollution would show here, and would break every later test: fail loudly.
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype.toString).toBe(Object.prototype.toString);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});

describe('name-clash fields and map keys', () => {
  it('survive Avro JSON text both ways as own data', () => {
    const text = toJsonText(schema, clashValue(), ctx);
    expect(text).toContain('"__proto__":"v __proto__"');
    expect(text).toContain('"map":{"__proto__":1,"constructor":2,"polluted":3}');
    expectOwnData(fromJsonText(schema, text, ctx));
    expectOwnData(fromJsonValue(schema, JSON.parse(text), ctx));
    expectOwnData(toJsonValue(schema, clashValue(), ctx));
  });

  it('survive cloning, also into a registered class', () => {
    expectOwnData(cloneValue(schema, clashValue(), ctx));
    class Clash {
      override_ = 'x';
    }
    const c = ctxWith({ constructors: new Map([['Clash', Clash]]) });
    const copy = cloneValue(schema, clashValue(), c);
    expect(copy).toBeInstanceOf(Clash);
    expectOwnData(copy);
  });

  it('take their defaults when missing, never an inherited member', () => {
    const v = fromJsonText(schema, '{}', ctx) as Record<string, unknown>;
    for (const name of CLASH) expect(Object.getOwnPropertyDescriptor(v, name)?.value).toBe(`default ${name}`);
    const map = v['map'] as object;
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(map, '__proto__')?.value).toBe(1);
    const f = schema.fields.find((x) => x.name === 'map')!;
    expect(Object.keys(defaultToValue(f.type, f.default, ctx) as object)).toEqual(['__proto__', 'constructor']);
  });

  it('are reported missing, not read from Object.prototype, when a value lacks them', () => {
    for (const name of ['__proto__', 'toString', 'constructor']) {
      const partial = clashValue();
      delete partial[name];
      for (const walk of [() => toJsonValue(schema, partial, ctx), () => cloneValue(schema, partial, ctx)]) {
        let e: unknown;
        try {
          walk();
        } catch (x) {
          e = x;
        }
        expect(e).toBeInstanceOf(AvroTypeError);
        expect((e as AvroTypeError).message).toBe(`${name}: expected string, got undefined`);
      }
    }
  });

  it('compare as fields', () => {
    const a = clashValue();
    const b = clashValue();
    Object.defineProperty(b, 'toString', { value: 'v zzz', enumerable: true });
    const noMap = parseSchema({
      type: 'record', name: 'C2',
      fields: [...schema.fields.map((f) => ({ name: f.name, type: f.name === 'map' ? { type: 'map', values: 'int' } : 'string', order: f.name === 'map' ? 'ignore' : 'ascending' }))],
    });
    expect(compareValues(noMap, a, b, ctx)).toBe(-1);
    expect(compareValues(noMap, a, clashValue(), ctx)).toBe(0);
  });

  it('come out of randomValue as own data', () => {
    const v = randomValue(schema, ctx, seededRng(1)) as Record<string, unknown>;
    for (const name of CLASH) expect(typeof Object.getOwnPropertyDescriptor(v, name)?.value).toBe('string');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(difference(v, cloneValue(schema, v, ctx))).toBeUndefined();
  });
});
