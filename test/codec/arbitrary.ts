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

/** Any code point, and (unless `wellFormed`) lone surrogates too. */
function anyString(wellFormed: boolean): fc.Arbitrary<string> {
  const unit = wellFormed
    ? fc.oneof(fc.string({ unit: 'binary', maxLength: 1 }), fc.constantFrom('a', 'é', '\uffff', '😀'))
    : fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('a', 'é', '😀'));
  return fc.string({ unit, maxLength: 8 });
}

export interface ArbitraryOptions {
  /** Only strings that UTF-8 can carry (no lone surrogates). */
  readonly wellFormed?: boolean;
}

export function arbitraryFor(s: Schema, ctx: CodecContext, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const wellFormed = options.wellFormed ?? false;
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
      return anyString(wellFormed);
    case 'enum':
      return fc.constantFrom(...s.symbols);
    case 'array':
      return fc.array(arbitraryFor(s.items, ctx, options), { maxLength: 4 });
    case 'map':
      return fc.dictionary(
        fc.oneof(anyString(wellFormed), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')),
        arbitraryFor(s.values, ctx, options),
        { maxKeys: 4 },
      );
    case 'record': {
      const fields = s.fields.map((f) => arbitraryFor(f.type, ctx, options));
      return fc.tuple(...fields).map((vs) => {
        const out: Record<string, unknown> = {};
        s.fields.forEach((f, i) =>
          Object.defineProperty(out, f.name, { value: vs[i], enumerable: true, writable: true, configurable: true }));
        return out;
      });
    }
    case 'union':
      return fc.oneof(...s.branches.map((b) => arbitraryFor(b, ctx, options)));
  }
}
