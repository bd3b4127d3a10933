import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import { describeSchema, describeValue, wrongUnderlyingType } from './describe.js';
import { digitCount, formatPlain, parseDecimalNumber, parseDecimalText, rescale, type DecimalParts } from './decimal-text.js';
import type { LogicalBinding, LogicalTypeDefinition } from './logical-type.js';
import { randomSignedDigits, type Rng } from './random.js';
import { decodeTwosComplement, encodeTwosComplement } from './twos-complement.js';

/**
 * What `decimal` accepts when encoding: decimal text (`"-12.3"`, `"1.5e2"`), a number that is
 * exact at the schema's scale, or a bigint for a whole value. Decoding always gives text.
 */
export type DecimalInput = string | number | bigint;

/**
 * `decimal` (fixed precision) on `bytes` or `fixed`. The JavaScript value is a string with
 * exactly `scale` fraction digits, e.g. `"-12.30"` for precision 4, scale 2 (`"42"` when the
 * scale is 0): exact at any precision, never a float.
 *
 * Encoding takes text with up to `scale` fraction digits (fewer are padded; extra digits are
 * accepted only when they are zeros, as nothing is lost), a number whose shortest text is
 * exact at the scale (`12.3` yes, `0.1 + 0.2` no, nothing past 2^53), or a bigint. A value
 * that would need rounding or more than `precision` digits is an `AvroTypeError`. The bytes
 * are the unscaled integer in big-endian two's complement: minimal for `bytes`, sign-extended
 * to the size for `fixed`. Values read from the wire are returned even when they have more
 * digits than the precision (another writer's data is never lost).
 *
 * The schema is ignored (with a reason) unless precision is an integer ≥ 1, scale an integer
 * from 0 to the precision, and, on a fixed of n bytes, precision ≤ ⌊log10(2^(8n−1) − 1)⌋.
 */
export const decimalLogicalType: LogicalTypeDefinition = {
  name: 'decimal',
  bind(schema: Schema): LogicalBinding | string {
    if (schema.kind !== 'bytes' && schema.kind !== 'fixed') {
      return wrongUnderlyingType('decimal', '"bytes" or a "fixed"', schema);
    }
    const precision = schema.attrs['precision'];
    const scale = schema.attrs['scale'] ?? 0;
    if (typeof precision !== 'number' || !Number.isSafeInteger(precision) || precision < 1) {
      return `decimal needs "precision", a positive integer, not ${describeValue(precision)}; it is ignored`;
    }
    if (typeof scale !== 'number' || !Number.isSafeInteger(scale) || scale < 0 || scale > precision) {
      return `decimal "scale" must be an integer from 0 to the precision ${precision}, not ${describeValue(scale)}; it is ignored`;
    }
    if (schema.kind === 'fixed') {
      const max = maxFixedPrecision(schema.size);
      if (precision > max) {
        return `decimal precision ${precision} does not fit ${describeSchema(schema)} (at most ${max} digits); it is ignored`;
      }
      return new DecimalBinding(precision, scale, schema.size);
    }
    return new DecimalBinding(precision, scale, undefined);
  },
};

/** Most decimal digits a fixed of `size` bytes holds: ⌊log10(2^(8·size−1) − 1)⌋ (spec). */
export function maxFixedPrecision(size: number): number {
  if (size < 1) return 0;
  const bits = 8 * size - 1;
  // 2^bits is never a power of ten, so 2^bits − 1 has as many digits as 2^bits. Exact up to
  // 4 KiB; past that the float product is accurate far beyond any useful precision.
  if (size <= 4096) return (1n << BigInt(bits)).toString().length - 1;
  return Math.floor(bits * Math.log10(2));
}

/** A decimal bound to one schema: fixed precision, scale and (for fixed) size. */
class DecimalBinding implements LogicalBinding<string, Uint8Array> {
  private readonly label: string;

  constructor(
    readonly precision: number,
    readonly scale: number,
    private readonly size: number | undefined,
  ) {
    this.label = `decimal(${precision}, ${scale})`;
  }

  fromAvro(raw: Uint8Array): string {
    return formatPlain(decodeTwosComplement(raw), this.scale);
  }

  toAvro(value: unknown): Uint8Array {
    const unscaled = this.unscaledOf(value);
    if (typeof unscaled === 'string') throw new AvroTypeError(unscaled);
    // Precision ≤ the fixed's capacity (checked at bind), so the value always fits the size.
    return encodeTwosComplement(unscaled, this.size);
  }

  isValid(value: unknown): boolean {
    return typeof this.unscaledOf(value) === 'bigint';
  }

  compare(a: unknown, b: unknown): number {
    const x = this.unscaledOf(a);
    const y = this.unscaledOf(b);
    if (typeof x === 'string') throw new AvroTypeError(x);
    if (typeof y === 'string') throw new AvroTypeError(y);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  random(rng: Rng = Math.random): string {
    return formatPlain(randomSignedDigits(rng, this.precision), this.scale);
  }

  /** The unscaled integer of `value` at this scale, or an error message saying what is wrong. */
  private unscaledOf(value: unknown): bigint | string {
    let parts: DecimalParts | string;
    if (typeof value === 'string') parts = parseDecimalText(value);
    else if (typeof value === 'number') parts = parseDecimalNumber(value);
    else if (typeof value === 'bigint') {
      if (digitCount(value) + this.scale > this.precision) {
        return `${this.label}: ${value}n needs ${digitCount(value) + this.scale} digits, more than the precision ${this.precision}`;
      }
      return value * 10n ** BigInt(this.scale);
    } else {
      return `${this.label}: expected a decimal string like "-12.30", a number or a bigint, got ${describeValue(value)}`;
    }
    if (typeof parts === 'string') return `${this.label}: ${describeValue(value)} ${parts}`;
    const unscaled = rescale(parts, this.scale, this.precision);
    return typeof unscaled === 'string' ? `${this.label}: ${describeValue(value)} ${unscaled}` : unscaled;
  }
}
