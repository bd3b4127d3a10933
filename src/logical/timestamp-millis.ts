import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import { describeValue, wrongUnderlyingType } from './describe.js';
import type { LogicalBinding, LogicalTypeDefinition, LongMode } from './logical-type.js';
import { rawLongOfSafe } from './long-raw.js';
import { randomInt, type Rng } from './random.js';

/** A JavaScript Date spans ±8.64e15 ms around the epoch (ECMA-262 §21.4.1.1). */
export const MAX_DATE_MS = 8.64e15;
const MAX_DATE_MS_BIG = 8_640_000_000_000_000n;
/** 1900-01-01 and 2100-01-01, in ms: the span `random()` draws from. */
export const RANDOM_MIN_MS = -2_208_988_800_000;
export const RANDOM_MAX_MS = 4_102_444_800_000;

/**
 * Builds `timestamp-millis` or `local-timestamp-millis` (they differ only in meaning) on `long`.
 * The JavaScript value is a `Date`. For the local variant, the Date's UTC fields
 * (`getUTCHours()`, `toISOString()`) are the local wall-clock time, whatever the time zone.
 * Encoding takes a valid `Date` or an integer number (or bigint) of milliseconds within a
 * Date's range; decoding a count beyond that range is an `AvroTypeError`.
 */
export function millisTimestampType(name: 'timestamp-millis' | 'local-timestamp-millis'): LogicalTypeDefinition {
  return {
    name,
    bind(schema: Schema, context: { readonly longs: LongMode }): LogicalBinding | string {
      if (schema.kind !== 'long') return wrongUnderlyingType(name, 'a "long"', schema);
      return new MillisTimestampBinding(name, context.longs);
    },
  };
}

/** `timestamp-millis`: an instant, as a `Date`. See {@link millisTimestampType}. */
export const timestampMillisLogicalType = millisTimestampType('timestamp-millis');

class MillisTimestampBinding implements LogicalBinding<Date, number | bigint> {
  constructor(
    private readonly name: string,
    private readonly longs: LongMode,
  ) {}

  fromAvro(raw: number | bigint): Date {
    const ms = typeof raw === 'number' ? raw : raw >= -MAX_DATE_MS_BIG && raw <= MAX_DATE_MS_BIG ? Number(raw) : NaN;
    if (!(ms >= -MAX_DATE_MS && ms <= MAX_DATE_MS)) {
      throw new AvroTypeError(`${this.name}: ${raw} ms is outside the range of a JavaScript Date (±8.64e15 ms)`);
    }
    return new Date(ms);
  }

  toAvro(value: unknown): number | bigint {
    const ms = this.msOf(value);
    if (ms === undefined) {
      throw new AvroTypeError(
        `${this.name}: expected a valid Date or an integer number of milliseconds within ±8.64e15, got ${describeValue(value)}`,
      );
    }
    return rawLongOfSafe(ms, this.longs);
  }

  isValid(value: unknown): boolean {
    return this.msOf(value) !== undefined;
  }

  compare(a: Date, b: Date): number {
    const x = this.msOf(a) ?? NaN;
    const y = this.msOf(b) ?? NaN;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  random(rng: Rng = Math.random): Date {
    return new Date(randomInt(rng, RANDOM_MIN_MS, RANDOM_MAX_MS));
  }

  private msOf(value: unknown): number | undefined {
    let ms: number;
    if (value instanceof Date) ms = value.getTime();
    else if (typeof value === 'number') ms = Number.isInteger(value) ? value : NaN;
    else if (typeof value === 'bigint') ms = value >= -MAX_DATE_MS_BIG && value <= MAX_DATE_MS_BIG ? Number(value) : NaN;
    else return undefined;
    return ms >= -MAX_DATE_MS && ms <= MAX_DATE_MS ? ms : undefined;
  }
}
