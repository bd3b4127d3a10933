import type { Schema } from '../schema/model.js';

/** How `long` values appear in JavaScript: numbers (an error past ±2^53) or always `bigint`. */
export type LongMode = 'number' | 'bigint';

/**
 * A logical type: a JavaScript representation layered on an underlying Avro type. Register
 * your own with the `logicalTypes` option of `Type.forSchema`.
 */
export interface LogicalTypeDefinition {
  /** The `logicalType` attribute value this definition handles, e.g. `"decimal"`. */
  readonly name: string;
  /**
   * Binds to one schema node. Returns a reason string when the node cannot carry this logical
   * type (wrong underlying type, bad precision, …): the spec then says to ignore the logical
   * type and use the underlying type as is.
   */
  bind(schema: Schema, context: { readonly longs: LongMode }): LogicalBinding | string;
}

/**
 * Conversions of one bound logical type. `R` is the underlying Avro value as the plain codec
 * reads and writes it (e.g. `number` for `int`, `Uint8Array` for `bytes`).
 */
export interface LogicalBinding<V = unknown, R = unknown> {
  /** Underlying value to JavaScript value (decoding). */
  fromAvro(raw: R): V;
  /** JavaScript value to underlying value (encoding). Throws `AvroTypeError` when it does not fit. */
  toAvro(value: V): R;
  /** True when `value` is a valid JavaScript value of this logical type. */
  isValid(value: unknown): boolean;
  /** Orders two values; defaults to the underlying type's order on `toAvro` results. */
  compare?(a: V, b: V): number;
  /**
   * A random valid value, for `Type.random()`; defaults to `fromAvro` of a random raw value.
   * Draws from `rng` (uniform in [0, 1)) when given, so that seeded runs repeat.
   */
  random?(rng?: () => number): V;
  /**
   * For a `long` underlying type: the form in which the codec should hand raw longs to
   * `fromAvro` whatever the type's long mode. `timestamp-nanos` sets `'bigint'` because
   * present-day nanosecond instants pass 2^53, so number mode could not read them at all.
   * `toAvro` results may be either form in every mode (as for plain `long` values).
   */
  readonly rawLongs?: LongMode;
}
