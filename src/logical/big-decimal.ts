import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import {
  compareDecimalParts,
  digitCount,
  formatScientific,
  parseDecimalNumber,
  parseDecimalText,
  type DecimalParts,
} from './decimal-text.js';
import { describeValue, wrongUnderlyingType } from './describe.js';
import type { LogicalBinding, LogicalTypeDefinition } from './logical-type.js';
import { randomInt, randomSignedDigits, type Rng } from './random.js';
import { decodeTwosComplement, encodeTwosComplement, twosComplementLength } from './twos-complement.js';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
/** Most zeros a negative exponent may append when encoding (`"1e+100000"` is fine, `1e+9999999` not). */
const MAX_EXPANSION = 100_000;

/**
 * `big-decimal` (scalable precision, Avro 1.12) on `bytes`. Each value carries its own scale:
 * the bytes hold an Avro `bytes` (the unscaled integer, big-endian two's complement) followed
 * by an Avro `int` (the scale), as Java writes them.
 *
 * The JavaScript value is a string that keeps value and scale, written as Java's
 * `BigDecimal.toString()` does: `"1.50"` (scale 2), `"-7"`, and scientific only for tiny values
 * or negative scales (`"1.23E-8"`, `"5E+3"`), so odd scales on the wire never become huge
 * strings. Encoding takes such text (the scale is the number of fraction digits minus the
 * exponent), a finite number (its shortest text; nothing past 2^53) or a bigint (scale 0).
 * A negative scale is multiplied out to scale 0, since the spec allows only scales ≥ 0.
 */
export const bigDecimalLogicalType: LogicalTypeDefinition = {
  name: 'big-decimal',
  bind(schema: Schema): LogicalBinding | string {
    if (schema.kind !== 'bytes') return wrongUnderlyingType('big-decimal', '"bytes"', schema);
    return new BigDecimalBinding();
  },
};

class BigDecimalBinding implements LogicalBinding<string, Uint8Array> {
  fromAvro(raw: Uint8Array): string {
    const parts = readBigDecimal(raw);
    return formatScientific(parts.unscaled, parts.scale);
  }

  toAvro(value: unknown): Uint8Array {
    const parts = partsOf(value);
    if (typeof parts === 'string') throw new AvroTypeError(parts);
    return writeBigDecimal(parts);
  }

  isValid(value: unknown): boolean {
    return typeof partsOf(value) !== 'string';
  }

  compare(a: unknown, b: unknown): number {
    const x = partsOf(a);
    const y = partsOf(b);
    if (typeof x === 'string') throw new AvroTypeError(x);
    if (typeof y === 'string') throw new AvroTypeError(y);
    return compareDecimalParts(x, y);
  }

  random(rng: Rng = Math.random): string {
    return formatScientific(randomSignedDigits(rng, 30), randomInt(rng, 0, 12));
  }
}

/** The parts `value` encodes as (scale ≥ 0, an int), or an error message. */
function partsOf(value: unknown): DecimalParts | string {
  let parts: DecimalParts | string;
  if (typeof value === 'string') parts = parseDecimalText(value);
  else if (typeof value === 'number') parts = parseDecimalNumber(value);
  else if (typeof value === 'bigint') parts = { unscaled: value, scale: 0 };
  else return `big-decimal: expected a decimal string like "-12.30", a number or a bigint, got ${describeValue(value)}`;
  if (typeof parts === 'string') return `big-decimal: ${describeValue(value)} ${parts}`;
  if (parts.scale > INT_MAX) return `big-decimal: ${describeValue(value)} has a scale above 2^31 - 1`;
  if (parts.scale < 0) {
    if (parts.unscaled === 0n) return { unscaled: 0n, scale: 0 };
    if (-parts.scale > MAX_EXPANSION || digitCount(parts.unscaled) - parts.scale > MAX_EXPANSION) {
      return `big-decimal: ${describeValue(value)} would need more than ${MAX_EXPANSION} digits at scale 0`;
    }
    return { unscaled: parts.unscaled * 10n ** BigInt(-parts.scale), scale: 0 };
  }
  return parts;
}

function writeBigDecimal(parts: DecimalParts): Uint8Array {
  const n = twosComplementLength(parts.unscaled);
  const lengthBytes = zigzagVarint(n);
  const scaleBytes = zigzagVarint(parts.scale);
  const out = new Uint8Array(lengthBytes.length + n + scaleBytes.length);
  out.set(lengthBytes, 0);
  out.set(encodeTwosComplement(parts.unscaled, n), lengthBytes.length);
  out.set(scaleBytes, lengthBytes.length + n);
  return out;
}

/**
 * Splits the inner encoding. Malformed bytes (a length past the end, a scale that is not an
 * int, bytes left over) are an `AvroTypeError` naming the offset inside the value.
 */
function readBigDecimal(raw: Uint8Array): DecimalParts {
  const len = readZigzagInt(raw, 0, 'unscaled length');
  if (len.value < 0 || len.value > raw.length - len.next) {
    throw new AvroTypeError(
      `big-decimal: bad unscaled length ${len.value} at byte 0 of a ${raw.length}-byte value; the data is corrupt or not big-decimal`,
    );
  }
  const end = len.next + len.value;
  const unscaled = decodeTwosComplement(raw.subarray(len.next, end));
  const scale = readZigzagInt(raw, end, 'scale');
  if (scale.next !== raw.length) {
    throw new AvroTypeError(
      `big-decimal: ${raw.length - scale.next} unexpected bytes after the scale at byte ${scale.next}; the data is corrupt or not big-decimal`,
    );
  }
  return { unscaled, scale: scale.value };
}

/** Zig-zag varint of an int (the only widths big-decimal needs: a length and a scale). */
function zigzagVarint(n: number): Uint8Array {
  let z = ((n << 1) ^ (n >> 31)) >>> 0;
  const out: number[] = [];
  while (z > 0x7f) {
    out.push((z & 0x7f) | 0x80);
    z >>>= 7;
  }
  out.push(z);
  return Uint8Array.from(out);
}

function readZigzagInt(buf: Uint8Array, pos: number, what: string): { value: number; next: number } {
  let z = 0;
  let shift = 0;
  let p = pos;
  for (;;) {
    if (p >= buf.length) {
      throw new AvroTypeError(`big-decimal: the ${what} at byte ${pos} runs past the end of the ${buf.length}-byte value`);
    }
    const b = buf[p++]!;
    z += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
    shift += 7;
    if (shift > 28) throw new AvroTypeError(`big-decimal: the ${what} at byte ${pos} is longer than an int's 5 bytes`);
  }
  if (z > 0xffffffff) throw new AvroTypeError(`big-decimal: the ${what} at byte ${pos} does not fit an int`);
  const value = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  if (value < INT_MIN || value > INT_MAX) throw new AvroTypeError(`big-decimal: the ${what} at byte ${pos} does not fit an int`);
  return { value, next: p };
}
