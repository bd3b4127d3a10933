import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import { describeValue, wrongUnderlyingType } from './describe.js';
import type { LogicalBinding, LogicalTypeDefinition } from './logical-type.js';
import { randomInt, type Rng } from './random.js';

const MS_PER_DAY = 86_400_000;
/** A JavaScript Date spans ±100,000,000 days around the epoch (ECMA-262 §21.4.1.1). */
const MAX_DATE_DAYS = 100_000_000;

/**
 * `date` on `int` (days since 1970-01-01). The JavaScript value is a `Date` at midnight UTC of
 * that day: `new Date(Date.UTC(2024, 0, 31))`. Encoding refuses a `Date` with a time of day
 * (rather than guess whether to floor, round or shift by a time zone, which would lose data)
 * and an invalid `Date`. Reading a day count outside a `Date`'s ±100,000,000 days is an
 * `AvroTypeError`, since no `Date` can hold it.
 */
export const dateLogicalType: LogicalTypeDefinition = {
  name: 'date',
  bind(schema: Schema): LogicalBinding | string {
    if (schema.kind !== 'int') return wrongUnderlyingType('date', 'an "int"', schema);
    return new DateBinding();
  },
};

class DateBinding implements LogicalBinding<Date, number> {
  fromAvro(raw: number): Date {
    if (raw > MAX_DATE_DAYS || raw < -MAX_DATE_DAYS) {
      throw new AvroTypeError(`date: day ${raw} is outside the range of a JavaScript Date (±${MAX_DATE_DAYS} days)`);
    }
    return new Date(raw * MS_PER_DAY);
  }

  toAvro(value: unknown): number {
    const days = daysOf(value);
    if (typeof days === 'string') throw new AvroTypeError(days);
    return days;
  }

  isValid(value: unknown): boolean {
    return typeof daysOf(value) === 'number';
  }

  compare(a: Date, b: Date): number {
    const x = a.getTime();
    const y = b.getTime();
    return x < y ? -1 : x > y ? 1 : 0;
  }

  random(rng: Rng = Math.random): Date {
    // 1900-01-01 to 2099-12-31: plausible dates rather than the whole ±273,790-year range.
    return new Date(randomInt(rng, -25_567, 47_481) * MS_PER_DAY);
  }
}

function daysOf(value: unknown): number | string {
  if (!(value instanceof Date)) {
    return `date: expected a Date at midnight UTC, e.g. new Date(Date.UTC(2024, 0, 31)), got ${describeValue(value)}`;
  }
  const t = value.getTime();
  if (Number.isNaN(t)) return 'date: got an invalid Date';
  if (t % MS_PER_DAY !== 0) {
    return `date: ${value.toISOString()} is not at midnight UTC; a date has no time of day, so pass Date.UTC(year, month, day)`;
  }
  return t / MS_PER_DAY;
}
