import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import { describeValue, wrongUnderlyingType } from './describe.js';
import type { LogicalBinding, LogicalTypeDefinition } from './logical-type.js';
import { randomInt, type Rng } from './random.js';

const MS_PER_DAY = 86_400_000;

/**
 * `time-millis` on `int`: a time of day as a number of milliseconds after midnight, from 0 to
 * 86,399,999 (`13 * 3_600_000 + 30 * 60_000` is 13:30). Encoding refuses anything else; a
 * value read from the wire is returned unchanged even when out of range (no data is lost).
 */
export const timeMillisLogicalType: LogicalTypeDefinition = {
  name: 'time-millis',
  bind(schema: Schema): LogicalBinding | string {
    if (schema.kind !== 'int') return wrongUnderlyingType('time-millis', 'an "int"', schema);
    return new TimeMillisBinding();
  },
};

class TimeMillisBinding implements LogicalBinding<number, number> {
  fromAvro(raw: number): number {
    return raw;
  }

  toAvro(value: unknown): number {
    if (!this.isValid(value)) {
      throw new AvroTypeError(
        `time-millis: expected an integer number of milliseconds after midnight, 0 to ${MS_PER_DAY - 1}, got ${describeValue(value)}`,
      );
    }
    return value as number;
  }

  isValid(value: unknown): boolean {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < MS_PER_DAY;
  }

  compare(a: number, b: number): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  random(rng: Rng = Math.random): number {
    return randomInt(rng, 0, MS_PER_DAY - 1);
  }
}
