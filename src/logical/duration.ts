import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import { describeValue, wrongUnderlyingType } from './describe.js';
import type { LogicalBinding, LogicalTypeDefinition } from './logical-type.js';
import { randomInt, type Rng } from './random.js';

const U32_MAX = 0xffffffff;

/** The JavaScript value of `duration`: three unsigned 32-bit integers, kept apart. */
export interface Duration {
  readonly months: number;
  readonly days: number;
  readonly milliseconds: number;
}

/**
 * `duration` on a `fixed` of size 12: `{ months, days, milliseconds }`, each an integer from 0
 * to 2^32 − 1, stored as three little-endian unsigned ints in that order. The parts are not
 * normalized (a month is not a fixed number of days). Other properties of the object are
 * ignored. `compare` orders by months, then days, then milliseconds: a consistent order, not a
 * claim about which span is longer.
 */
export const durationLogicalType: LogicalTypeDefinition = {
  name: 'duration',
  bind(schema: Schema): LogicalBinding | string {
    if (schema.kind !== 'fixed' || schema.size !== 12) {
      return wrongUnderlyingType('duration', 'a "fixed" of size 12', schema);
    }
    return new DurationBinding();
  },
};

function isU32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= U32_MAX;
}

function isDuration(value: unknown): value is Duration {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Partial<Record<keyof Duration, unknown>>;
  return isU32(d.months) && isU32(d.days) && isU32(d.milliseconds);
}

class DurationBinding implements LogicalBinding<Duration, Uint8Array> {
  fromAvro(raw: Uint8Array): Duration {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    return {
      months: view.getUint32(0, true),
      days: view.getUint32(4, true),
      milliseconds: view.getUint32(8, true),
    };
  }

  toAvro(value: unknown): Uint8Array {
    if (!isDuration(value)) {
      throw new AvroTypeError(
        `duration: expected { months, days, milliseconds }, each an integer from 0 to ${U32_MAX}, got ${describeDuration(value)}`,
      );
    }
    const out = new Uint8Array(12);
    const view = new DataView(out.buffer);
    view.setUint32(0, value.months, true);
    view.setUint32(4, value.days, true);
    view.setUint32(8, value.milliseconds, true);
    return out;
  }

  isValid(value: unknown): boolean {
    return isDuration(value);
  }

  compare(a: Duration, b: Duration): number {
    return sign(a.months - b.months) || sign(a.days - b.days) || sign(a.milliseconds - b.milliseconds);
  }

  random(rng: Rng = Math.random): Duration {
    return { months: randomInt(rng, 0, 240), days: randomInt(rng, 0, 365), milliseconds: randomInt(rng, 0, 86_399_999) };
  }
}

function sign(x: number): number {
  return x < 0 ? -1 : x > 0 ? 1 : 0;
}

/** Names the bad part of a would-be duration, so the message points at it. */
function describeDuration(value: unknown): string {
  if (typeof value !== 'object' || value === null) return describeValue(value);
  const d = value as Record<string, unknown>;
  for (const key of ['months', 'days', 'milliseconds']) {
    if (!isU32(d[key])) return `${key}: ${describeValue(d[key])}`;
  }
  return describeValue(value);
}
