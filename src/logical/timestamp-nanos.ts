import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import { describeValue, wrongUnderlyingType } from './describe.js';
import type { LogicalBinding, LogicalTypeDefinition } from './logical-type.js';
import { isLongBigInt } from './long-raw.js';
import { randomInt, type Rng } from './random.js';
import { RANDOM_MAX_MS, RANDOM_MIN_MS } from './timestamp-millis.js';

/**
 * Builds `timestamp-nanos` or `local-timestamp-nanos` on `long`. Present-day nanosecond counts
 * (about 1.7e18) are far past 2^53, so the JavaScript value is always a `bigint`, in both long
 * modes. Encoding takes a `bigint` in the long range, a safe-integer number, or a `Date` (its
 * milliseconds × 10^6; Dates outside 1677–2262 do not fit a long and are refused).
 *
 * The binding asks the codec for raw longs as bigints (`rawLongs: 'bigint'`). A codec that
 * ignores that hint in number mode cannot read counts past 2^53 (its long reader throws before
 * this binding sees them); what it does pass, a number, is converted exactly.
 */
export function nanosTimestampType(name: 'timestamp-nanos' | 'local-timestamp-nanos'): LogicalTypeDefinition {
  return {
    name,
    bind(schema: Schema): LogicalBinding | string {
      if (schema.kind !== 'long') return wrongUnderlyingType(name, 'a "long"', schema);
      return new NanosTimestampBinding(name);
    },
  };
}

/** `timestamp-nanos`: an instant as nanoseconds since the epoch. See {@link nanosTimestampType}. */
export const timestampNanosLogicalType = nanosTimestampType('timestamp-nanos');

class NanosTimestampBinding implements LogicalBinding<bigint, number | bigint> {
  readonly rawLongs = 'bigint' as const;

  constructor(private readonly name: string) {}

  fromAvro(raw: number | bigint): bigint {
    return typeof raw === 'bigint' ? raw : BigInt(raw);
  }

  toAvro(value: unknown): bigint {
    const ns = nanosOf(value);
    if (ns === undefined) {
      throw new AvroTypeError(
        `${this.name}: expected a bigint of nanoseconds in the long range, a safe-integer number or a valid Date within 1677–2262, got ${describeValue(value)}`,
      );
    }
    return ns;
  }

  isValid(value: unknown): boolean {
    return nanosOf(value) !== undefined;
  }

  compare(a: unknown, b: unknown): number {
    const x = nanosOf(a);
    const y = nanosOf(b);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  random(rng: Rng = Math.random): bigint {
    return BigInt(randomInt(rng, RANDOM_MIN_MS, RANDOM_MAX_MS)) * 1_000_000n + BigInt(randomInt(rng, 0, 999_999));
  }
}

function nanosOf(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return isLongBigInt(value) ? value : undefined;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return undefined;
    const ns = BigInt(ms) * 1_000_000n;
    return isLongBigInt(ns) ? ns : undefined;
  }
  return undefined;
}
