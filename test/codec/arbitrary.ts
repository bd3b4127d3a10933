import fc from 'fast-check';
import type { CodecContext } from '../../src/codec/context.js';
import type { Schema } from '../../src/schema/model.js';

/**
 * fast-check arbitraries of valid JavaScript values of a (non-recursive) schema, leaning on the
 * edge cases: NaN, ±0, ±Infinity, lone surrogates, extreme longs, `__proto__` map keys.
 */

const DAY = 86_400_000;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Any UTF-16 unit (lone surrogates included) or any code point. */
const anyString = fc.string({
  unit: fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('a', 'é', '😀')),
  maxLength: 8,
});
const mapKey = fc.oneof(anyString, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));

export function arbitraryFor(s: Schema, ctx: CodecContext): fc.Arbitrary<unknown> {
  if (s.logicalType === 'test-days' && ctx.logical(s) !== undefined) {
    return fc.integer({ min: -1_000_000, max: 1_000_000 }).map((d) => new Date(d * DAY));
  }
  switch (s.kind) {
    case 'null':
      return fc.constantFrom(null, undefined);
    case 'boolean':
      return fc.boolean();
    case 'int':
      return fc.integer();
    case 'long':
      return ctx.longs === 'bigint'
        ? fc.oneof(fc.bigInt({ min: LONG_MIN, max: LONG_MAX }), fc.maxSafeInteger())
        : fc.maxSafeInteger();
    case 'float':
      return fc.oneof(fc.float(), fc.double());
    case 'double':
      return fc.double();
    case 'bytes':
      return fc.uint8Array({ maxLength: 12 });
    case 'fixed':
      return fc.uint8Array({ minLength: s.size, maxLength: s.size });
    case 'string':
      return anyString;
    case 'enum':
      return fc.constantFrom(...s.symbols);
    case 'array':
      return fc.array(arbitraryFor(s.items, ctx), { maxLength: 4 });
    case 'map':
      return fc.dictionary(mapKey, arbitraryFor(s.values, ctx), { maxKeys: 4 });
    case 'record': {
      const fields = s.fields.map((f) => arbitraryFor(f.type, ctx));
      return fc.tuple(...fields).map((vs) => {
        const out: Record<string, unknown> = {};
        s.fields.forEach((f, i) =>
          Object.defineProperty(out, f.name, { value: vs[i], enumerable: true, writable: true, configurable: true }));
        return out;
      });
    }
    case 'union':
      return fc.oneof(...s.branches.map((b) => arbitraryFor(b, ctx)));
  }
}
