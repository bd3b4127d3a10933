import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import { describeValue, wrongUnderlyingType } from './describe.js';
import type { LogicalBinding, LogicalTypeDefinition, LongMode } from './logical-type.js';
import { compareIntegers, isSafeBigInt, rawLongOfSafe } from './long-raw.js';
import { randomInt, type Rng } from './random.js';

const US_PER_DAY = 86_400_000_000;
const US_PER_DAY_BIG = 86_400_000_000n;

/**
 * `time-micros` on `long`: a time of day as microseconds after midnight, 0 to 86,399,999,999.
 * The JavaScript value is a number, or a `bigint` when the type reads longs as bigints;
 * encoding accepts either form in both modes. Out-of-range values are refused when encoding
 * and passed through unchanged when decoding.
 */
export const timeMicrosLogicalType: LogicalTypeDefinition = {
  name: 'time-micros',
  bind(schema: Schema, context: { readonly longs: LongMode }): LogicalBinding | string {
    if (schema.kind !== 'long') return wrongUnderlyingType('time-micros', 'a "long"', schema);
    return new TimeMicrosBinding(context.longs);
  },
};

class TimeMicrosBinding implements LogicalBinding<number | bigint, number | bigint> {
  constructor(private readonly longs: LongMode) {}

  fromAvro(raw: number | bigint): number | bigint {
    if (this.longs === 'bigint') return typeof raw === 'bigint' ? raw : BigInt(raw);
    // Number mode: a bigint past 2^53 (never a valid time) stays a bigint rather than lose digits.
    return typeof raw === 'bigint' && isSafeBigInt(raw) ? Number(raw) : raw;
  }

  toAvro(value: unknown): number | bigint {
    if (typeof value === 'number' && this.isValid(value)) return rawLongOfSafe(value, this.longs);
    if (typeof value === 'bigint' && this.isValid(value)) return this.longs === 'bigint' ? value : Number(value);
    throw new AvroTypeError(
      `time-micros: expected an integer number (or bigint) of microseconds after midnight, 0 to ${US_PER_DAY - 1}, got ${describeValue(value)}`,
    );
  }

  isValid(value: unknown): boolean {
    if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value < US_PER_DAY;
    return typeof value === 'bigint' && value >= 0n && value < US_PER_DAY_BIG;
  }

  compare(a: number | bigint, b: number | bigint): number {
    return compareIntegers(a, b);
  }

  random(rng: Rng = Math.random): number | bigint {
    const v = randomInt(rng, 0, US_PER_DAY - 1);
    return this.longs === 'bigint' ? BigInt(v) : v;
  }
}
