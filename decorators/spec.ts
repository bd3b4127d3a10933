/**
 * The field-type language of `@Field`: what may stand where a field's type goes. A spec is an
 * Avro type name (`'int'`), a logical type name (`'uuid'`), a class (a record, or one of the
 * built-ins `String`, `Number`, `Boolean`, `BigInt`, `Date`, `Uint8Array`), a registered enum,
 * a one-item JS array (`[LineItem]`, an Avro array), a helper's result (`mapOf`, `union`,
 * `nullable`, `decimal`, `fixed`, `duration`, `longOf`), or a raw Avro schema object. Anything
 * that names a class declared later (or the class itself) goes behind a thunk: `() => Node`.
 */
import type { AvroEnumOptions, EnumLike } from './enums.js';

/** Any class; decoded records get its prototype (its constructor is not run). */
export type AnyClass = abstract new (...args: never[]) => object;

/** A TypeScript enum object (string or numeric members) or a list of symbols. */
export type { EnumLike } from './enums.js';

/** The Avro primitive type names. */
export type AvroPrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/** Logical types that need no parameters, by name (the underlying type is implied). */
export type LogicalTypeName =
  | 'uuid' | 'date' | 'time-millis' | 'time-micros' | 'timestamp-millis' | 'timestamp-micros'
  | 'timestamp-nanos' | 'local-timestamp-millis' | 'local-timestamp-micros' | 'local-timestamp-nanos'
  | 'big-decimal' | 'duration';

/** An Avro schema written out as JSON (`{ type: 'fixed', name: 'MD5', size: 16 }`). */
export interface SchemaObject {
  readonly type: string | SchemaObject | readonly unknown[];
  readonly [attribute: string]: unknown;
}

const SPEC = Symbol('avrokit.typeSpec');

/** The internal form of a helper's result. */
export type SpecNode =
  | { readonly kind: 'array'; readonly items: TypeInput }
  | { readonly kind: 'map'; readonly values: TypeInput }
  | { readonly kind: 'union'; readonly branches: readonly TypeInput[] }
  | { readonly kind: 'nullable'; readonly inner: TypeInput }
  | { readonly kind: 'enum'; readonly values: EnumLike; readonly name?: string; readonly options?: AvroEnumOptions }
  | { readonly kind: 'long'; readonly form: 'number' | 'bigint' }
  /** A schema object built by a helper (decimal, fixed, duration): known good, written as is. */
  | { readonly kind: 'schema'; readonly json: SchemaObject };

/** A helper's result: an opaque, immutable type description. */
export interface TypeSpecNode {
  readonly [SPEC]: SpecNode;
}

/** Everything `@Field` takes as a type. */
export type TypeSpec =
  | AvroPrimitiveName
  | LogicalTypeName
  | (string & {})
  | AnyClass
  | BigIntConstructor
  | EnumLike
  /** An Avro array of its one item type: `[LineItem]`, `[['int']]`. */
  | readonly TypeInput[]
  | TypeSpecNode
  | SchemaObject;

/** A type, or a thunk returning one: a thunk is needed for classes not yet defined. */
export type TypeInput = TypeSpec | (() => TypeSpec);

function node(n: SpecNode): TypeSpecNode {
  return Object.freeze({ [SPEC]: n });
}

/** The helper node behind `v`, if `v` came from a helper. */
export function specNodeOf(v: unknown): SpecNode | undefined {
  return typeof v === 'object' && v !== null && SPEC in v ? (v as TypeSpecNode)[SPEC] : undefined;
}

/** An Avro array of `items` (same as `[items]`). */
export function arrayOf(items: TypeInput): TypeSpecNode {
  return node({ kind: 'array', items });
}

/** An Avro map (string keys; a plain object in JavaScript) of `values`. */
export function mapOf(values: TypeInput): TypeSpecNode {
  return node({ kind: 'map', values });
}

/**
 * An Avro union. Classes among the branches are told apart by `instanceof` when encoding and
 * decode to their own class, even when two have the same fields.
 */
export function union(...branches: TypeInput[]): TypeSpecNode {
  return node({ kind: 'union', branches });
}

/** `["null", T]`: the value may be `null` (or `[T, "null"]` when the field's default is not null). */
export function nullable(inner: TypeInput): TypeSpecNode {
  return node({ kind: 'nullable', inner });
}

/**
 * `long` read as a `bigint` (`longOf('bigint')`) or a `number` (`longOf('number')`). One
 * `Type` reads all its longs one way, so every long field of a class graph must agree.
 */
export function longOf(form: 'number' | 'bigint'): TypeSpecNode {
  return node({ kind: 'long', form });
}

/**
 * An Avro enum made from a TypeScript enum or a list of symbols, named `name` (full name, or
 * short name with `options.namespace`). See {@link avroEnum} to name an enum once and refer
 * to it as `() => MyEnum` everywhere.
 */
export function enumOf(values: EnumLike, name?: string, options?: AvroEnumOptions): TypeSpecNode {
  return node(
    name === undefined
      ? { kind: 'enum', values, ...(options ? { options } : {}) }
      : { kind: 'enum', values, name, ...(options ? { options } : {}) },
  );
}

/** Options of {@link decimal}. */
export interface DecimalOptions {
  /** Store on a named `fixed` instead of `bytes`. */
  readonly fixed?: string;
  /** Size of that fixed in bytes; default the smallest that holds `precision` digits. */
  readonly size?: number;
  readonly namespace?: string;
}

/**
 * The `decimal` logical type: exact fixed-point numbers, a string in JavaScript (`"12.30"`).
 * On `bytes` unless `options.fixed` names a fixed type to store it in.
 */
export function decimal(precision: number, scale = 0, options: DecimalOptions = {}): TypeSpecNode {
  if (options.fixed === undefined) return node({ kind: 'schema', json: { type: 'bytes', logicalType: 'decimal', precision, scale } });
  const size = options.size ?? bytesForPrecision(precision);
  return node({
    kind: 'schema',
    json: {
      type: 'fixed', name: options.fixed, ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
      size, logicalType: 'decimal', precision, scale,
    },
  });
}

/** Smallest n with ⌊log10(2^(8n−1) − 1)⌋ ≥ precision. */
function bytesForPrecision(precision: number): number {
  let n = 1;
  while (Math.floor((8 * n - 1) * Math.log10(2)) < precision) n++;
  return n;
}

/** A named `fixed` of `size` bytes (a `Uint8Array` in JavaScript). */
export function fixed(name: string, size: number, options: { namespace?: string; doc?: string; aliases?: readonly string[] } = {}): TypeSpecNode {
  return node({ kind: 'schema', json: { type: 'fixed', name, ...options, size } });
}

/**
 * The `duration` logical type on a fixed of 12 bytes named `name` (default `"Duration"`):
 * `{ months, days, milliseconds }` in JavaScript.
 */
export function duration(name = 'Duration', namespace?: string): TypeSpecNode {
  return node({
    kind: 'schema',
    json: { type: 'fixed', name, ...(namespace !== undefined ? { namespace } : {}), size: 12, logicalType: 'duration' },
  });
}

/** True for an arrow function (a thunk): classes and `function` declarations have a prototype. */
export function isThunk(v: unknown): v is () => TypeSpec {
  return typeof v === 'function' && !Object.prototype.hasOwnProperty.call(v, 'prototype');
}

/** The underlying Avro type of each parameterless logical type. */
export const LOGICAL_UNDERLYING: Readonly<Record<LogicalTypeName, string>> = {
  uuid: 'string',
  date: 'int',
  'time-millis': 'int',
  'time-micros': 'long',
  'timestamp-millis': 'long',
  'timestamp-micros': 'long',
  'timestamp-nanos': 'long',
  'local-timestamp-millis': 'long',
  'local-timestamp-micros': 'long',
  'local-timestamp-nanos': 'long',
  'big-decimal': 'bytes',
  duration: 'fixed',
};
