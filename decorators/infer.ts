/**
 * Types inferred from `design:type` (legacy decorators with `emitDecoratorMetadata`). It is a
 * hint, not the truth: TypeScript writes `Object` for unions (`T | null`), type aliases,
 * interfaces and `any`, `Array` for every array, `String`/`Number` for enums, and
 * `undefined` or nothing for `import type` names. Only what it says reliably is used; the
 * rest is an error that shows the decorator to write.
 */
import type { TypeInput } from './spec.js';

/** The type to use for a property whose declared type is `design`, or why there is none. */
export function inferFromDesignType(design: unknown): TypeInput | string {
  switch (design) {
    case String:
    case Number:
    case Boolean:
    case BigInt:
    case Date:
    case Uint8Array:
      return design as TypeInput;
    case Array:
      return 'cannot infer the type of an array\'s items; write @Field(() => [Item]) (e.g. [String], [LineItem], [["int"]])';
    case Object:
      return 'cannot infer the type: TypeScript records Object for unions (T | null), type aliases, interfaces and any; ' +
        "write the type: @Field('string', { nullable: true }), @Field(() => Address), @Field(() => union(Cat, Dog))…";
    case Map:
      return 'a Map is not an Avro map (those decode to plain objects); declare the property as Record<string, V> and write @Field(() => mapOf(V))';
    case Set:
      return 'a Set has no Avro type; declare an array and write @Field(() => [Item])';
    case Function:
    case Promise:
    case Symbol:
      return `a ${(design as { name: string }).name} has no Avro type; leave the property out (no @Field) or write its type`;
    case undefined:
      return 'no type information: the compiler emitted no design:type (emitDecoratorMetadata is off, or the tool, ' +
        'such as esbuild/tsx, does not emit it), the type was imported with `import type`, or it is a class not yet ' +
        "defined (a cycle); write the type: @Field('string'), or behind a thunk: @Field(() => Address)";
    default:
      if (typeof design === 'function' && isBuffer(design)) return Uint8Array;
      if (typeof design === 'function') return design as TypeInput;
      return `cannot infer a type from ${String(design)}; write @Field(<type>)`;
  }
}

function isBuffer(f: unknown): boolean {
  const B = (globalThis as { Buffer?: unknown }).Buffer;
  return B !== undefined && f === B;
}
