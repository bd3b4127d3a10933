/** The options of the decorators, and of conversions. */
import type { SortOrder } from '../src/index.js';
import type { TypeInput } from './spec.js';

/**
 * A custom representation of a field's value: `fromAvro` turns what the Avro type decodes to
 * (the logical type's value when the type has one, e.g. decimal text) into the property's
 * value, `toAvro` the reverse. On a type without a logical type it needs `logicalType`, a
 * name written into the schema (`{"type": "string", "logicalType": "url"}`) as the spec
 * provides for custom logical types: other readers ignore it and see the underlying value.
 */
export interface Conversion<T = unknown, R = unknown> {
  readonly logicalType?: string;
  fromAvro(raw: R): T;
  toAvro(value: T): R;
  /** True when `value` can be written; default: `toAvro` succeeds and its result fits the type. */
  isValid?(value: unknown): boolean;
}

/** Options of `@Field` (and of the shorthand decorators, which set one of them each). */
export interface FieldOptions {
  /** The field's type; inferred from the property's declared type when left out (legacy decorators only). */
  readonly type?: TypeInput;
  /** The Avro field name, when it differs from the property name. */
  readonly name?: string;
  readonly doc?: string;
  /** Former names, for readers of data written before a rename. */
  readonly aliases?: readonly string[];
  /** The default, as a JavaScript value of the field (checked against the type). */
  readonly default?: unknown;
  /** Sort order of the field (`'ascending'` unless given). */
  readonly order?: SortOrder;
  /** `["null", T]` (or `[T, "null"]` when the default is not null). */
  readonly nullable?: boolean;
  /** Extra attributes written on the field. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** A custom representation of the value; see {@link Conversion}. */
  readonly conversion?: Conversion;
}

/** Options of `@AvroRecord`. */
export interface RecordOptions {
  /** The record's name (a full name, or a short one with `namespace`); default the class name. */
  readonly name?: string;
  readonly namespace?: string;
  readonly doc?: string;
  /** Former full (or short) names, for readers of data written before a rename. */
  readonly aliases?: readonly string[];
  /** Extra attributes written on the record. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /**
   * Property names in the order their fields should have; fields not listed follow in
   * declaration order (a parent's before its subclass's).
   */
  readonly fieldOrder?: readonly string[];
  /** Declare the record as an Avro `error` (for RPC protocols). */
  readonly error?: boolean;
}

export const FIELD_OPTION_KEYS: ReadonlySet<string> = new Set([
  'type', 'name', 'doc', 'aliases', 'default', 'order', 'nullable', 'meta', 'conversion',
]);
export const RECORD_OPTION_KEYS: ReadonlySet<string> = new Set([
  'name', 'namespace', 'doc', 'aliases', 'meta', 'fieldOrder', 'error',
]);
