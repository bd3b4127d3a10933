import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import { describeValue, wrongUnderlyingType } from './describe.js';
import type { LogicalBinding, LogicalTypeDefinition, LongMode } from './logical-type.js';
import { compareIntegers, isLongBigInt, isSafeBigInt, rawLong, rawLongOfSafe } from './long-raw.js';
import { randomInt, type Rng } from './random.js';
import { RANDOM_MAX_MS, RANDOM_MIN_MS } from './timestamp-millis.js';

/**
 * Builds `timestamp-micros` or `local-timestamp-micros` on `long`. A `Date` cannot hold
 * microseconds, so the JavaScript value is the count itself: a number, or a `bigint` when the
 * type reads longs as bigints. Encoding takes a safe-integer number, a `bigint` within the
 * long range, or a `Date` (its milliseconds × 1000, exactly), in either mode.
 */
export function microsTimestampType(name: 'timestamp-micros' | 'local-timestamp-micros'): LogicalTypeDefinition {
  return {
    name,
    bind(schema: Schema, context: { readonly longs: LongMode }): LogicalBinding | string {
      if (schema.kind !== 'long') return wrongUnderlyingType(name, 'a "long"', schema);
      return new MicrosTimestampBinding(name, context.longs);
    },
  };
}

/** `timestamp-micros`: an instant as microseconds since the epoch. See {@link microsTimestampType}. */
export const timestampMicrosLogicalType = microsTimestampType('timestamp-micros');

class MicrosTimestampBinding implements LogicalBinding<number | bigint, number | bigint> {
  constructor(
    private readonly name: string,
    private readonly longs: LongMode,
  ) {}

  fromAvro(raw: number | bigint): number | bigint {
    if (this.longs === 'bigint') return typeof raw === 'bigint' ? raw : BigInt(raw);
    // Number mode: a bigint past 2^53 stays a bigint rather than lose digits.
    return typeof raw === 'bigint' && isSafeBigInt(raw) ? Number(raw) : raw;
  }

  toAvro(value: unknown): number | bigint {
    const us = this.microsOf(value);
    if (us === undefined) {
      throw new AvroTypeError(
        `${this.name}: expected an integer number of microseconds (a safe integer, or a bigint in the long range) or a valid Date, got ${describeValue(value)}`,
      );
    }
    return typeof us === 'number' ? rawLongOfSafe(us, this.longs) : rawLong(us, this.longs);
  }

  isValid(value: unknown): boolean {
    return this.microsOf(value) !== undefined;
  }

  compare(a: unknown, b: unknown): number {
    return compareIntegers(this.microsOf(a) ?? NaN, this.microsOf(b) ?? NaN);
  }

  random(rng: Rng = Math.random): number | bigint {
    const us = randomInt(rng, RANDOM_MIN_MS, RANDOM_MAX_MS) * 1000 + randomInt(rng, 0, 999);
    return this.longs === 'bigint' ? BigInt(us) : us;
  }

  private microsOf(value: unknown): number | bigint | undefined {
    if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
    if (typeof value === 'bigint') return isLongBigInt(value) ? value : undefined;
    if (value instanceof Date) {
      const ms = value.getTime();
      if (Number.isNaN(ms)) return undefined;
      const us = ms * 1000;
      return Number.isSafeInteger(us) ? us : BigInt(ms) * 1000n;
    }
    return undefined;
  }
}
