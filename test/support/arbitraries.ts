/**
 * fast-check arbitraries for Avro schemas and for values of a parsed schema, shared by the
 * codec, compiler and resolution tests.
 */
import fc from 'fast-check';
import type { Schema } from '../../src/index.js';

const PRIMS = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;

/** Schema JSON of bounded depth; named types get unique names in a post-pass. */
export function schemaJsonArb(maxDepth = 3): fc.Arbitrary<unknown> {
  const { schema } = fc.letrec<{ schema: unknown; nonUnion: unknown }>((tie) => ({
    schema: fc.oneof({ depthSize: 'small', maxDepth, withCrossShrink: true }, tie('nonUnion'), unionArb(tie('nonUnion'))),
    nonUnion: fc.oneof(
      { depthSize: 'small', maxDepth },
      fc.constantFrom(...PRIMS),
      fc.record({ type: fc.constant('array'), items: tie('schema') }),
      fc.record({ type: fc.constant('map'), values: tie('schema') }),
      fc.record({
        type: fc.constant('record'),
        name: fc.constant('R'),
        fields: fc.uniqueArray(
          fc.record({ name: fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor', 'toString', 'x_1'), type: tie('schema') }),
          { selector: (f) => f.name, maxLength: 4 },
        ),
      }),
      fc.record({
        type: fc.constant('enum'),
        name: fc.constant('E'),
        symbols: fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', '__proto__'), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({ type: fc.constant('fixed'), name: fc.constant('F'), size: fc.integer({ min: 0, max: 20 }) }),
    ),
  }));
  return schema.map(renameNamed);
}

function unionArb(branch: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  // Union branches must have distinct kinds (named ones get distinct names later).
  return fc.uniqueArray(branch, { minLength: 1, maxLength: 4, selector: (b) => kindKey(b) });
}

function kindKey(b: unknown): string {
  if (typeof b === 'string') return b;
  const t = (b as { type: string }).type;
  return t === 'record' || t === 'enum' || t === 'fixed' ? `${t}:${Math.random()}` : t;
}

function renameNamed(schema: unknown): unknown {
  let n = 0;
  const visit = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(visit);
    if (typeof s !== 'object' || s === null) return s;
    const o = s as Record<string, unknown>;
    const out: Record<string, unknown> = { ...o };
    if (o['type'] === 'record' || o['type'] === 'enum' || o['type'] === 'fixed') out['name'] = `${o['name']}${n++}`;
    if (o['items'] !== undefined) out['items'] = visit(o['items']);
    if (o['values'] !== undefined) out['values'] = visit(o['values']);
    if (Array.isArray(o['fields'])) {
      out['fields'] = (o['fields'] as Record<string, unknown>[]).map((f) => {
        const nf: Record<string, unknown> = { type: visit(f['type']) };
        Object.defineProperty(nf, 'name', { value: f['name'], enumerable: true });
        return nf;
      });
    }
    return out;
  };
  return visit(schema);
}

/** Edge-heavy values of a parsed schema (as the codec represents them). */
export function valueArb(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  switch (s.kind) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'int':
      return fc.oneof(fc.integer({ min: -2147483648, max: 2147483647 }), fc.constantFrom(0, -1, 63, 64, -65, 2147483647, -2147483648));
    case 'long':
      return fc.oneof(
        fc.maxSafeInteger(),
        fc.integer(),
        fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53 - 2),
      );
    case 'float':
      return fc.oneof(fc.float(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1.5)).map((x) => Math.fround(x));
    case 'double':
      return fc.oneof(fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE));
    case 'bytes':
      return fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b));
    case 'fixed':
      return fc.uint8Array({ minLength: s.size, maxLength: s.size }).map((b) => Buffer.from(b));
    case 'string':
      return fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', '\u0000', 'héllo', '😀', 'a'.repeat(100)));
    case 'enum':
      return fc.constantFrom(...s.symbols);
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(valueArb(s.items, depth + 1), { maxLength: 5 });
    case 'map':
      return depth > 3
        ? fc.constant({})
        : fc
            .uniqueArray(fc.tuple(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor')), valueArb(s.values, depth + 1)), {
              maxLength: 4,
              selector: (e) => e[0],
            })
            .map((entries) => {
              const o: Record<string, unknown> = {};
              for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
              return o;
            });
    case 'union':
      return fc.oneof(...s.branches.map((b) => valueArb(b, depth + 1)));
    case 'record':
      return fc.tuple(...s.fields.map((f) => valueArb(f.type, depth + 1))).map((vals) => {
        const o: Record<string, unknown> = {};
        s.fields.forEach((f, i) => Object.defineProperty(o, f.name, { value: vals[i], enumerable: true, writable: true, configurable: true }));
        return o;
      });
  }
}
