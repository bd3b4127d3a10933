/**
 * Exact conversions between decimal text and (unscaled, scale) pairs, value = unscaled ×
 * 10^-scale. Shared by `decimal` and `big-decimal`; no floating point is involved anywhere.
 */

/** A decimal number as an unscaled integer and a scale (negative scales multiply). */
export interface DecimalParts {
  readonly unscaled: bigint;
  readonly scale: number;
}

// Sign, digits with an optional point (or a point then digits), optional exponent: the
// grammar of Java's BigDecimal(String) and of what `String(number)` prints.
const DECIMAL_TEXT = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d{1,10}))?$/;

/** Parses `"-12.30"`, `"+5"`, `".5"`, `"1.5e-3"`; a string saying what is wrong otherwise. */
export function parseDecimalText(text: string): DecimalParts | string {
  const m = DECIMAL_TEXT.exec(text);
  if (m === null) return 'is not a decimal number (expected digits with an optional sign, point and exponent, like "-12.30")';
  const intDigits = m[2] ?? '';
  const fracDigits = m[3] ?? m[4] ?? '';
  const exponent = m[5] === undefined ? 0 : Number(m[5]);
  const magnitude = BigInt(intDigits + fracDigits || '0');
  return { unscaled: m[1] === '-' ? -magnitude : magnitude, scale: fracDigits.length - exponent };
}

/**
 * The exact decimal a number stands for, read from its shortest round-trip text (so `0.1` is
 * 1 × 10^-1, not the binary fraction nearest to it). Numbers past 2^53 are refused: they are
 * not exact integers and their text hides the difference.
 */
export function parseDecimalNumber(n: number): DecimalParts | string {
  if (!Number.isFinite(n)) return 'is not a finite number';
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER) {
    return 'is beyond 2^53, where numbers are not exact; pass a string or a bigint';
  }
  return parseDecimalText(String(n));
}

/** Number of decimal digits of `|v|` (1 for zero). */
export function digitCount(v: bigint): number {
  return (v < 0n ? -v : v).toString().length;
}

/**
 * `parts` as an unscaled integer at `scale` with at most `maxDigits` digits, or why that is
 * not exact: only trailing zeros may be dropped, never a significant digit (no rounding).
 */
export function rescale(parts: DecimalParts, scale: number, maxDigits: number): bigint | string {
  const { unscaled } = parts;
  if (unscaled === 0n) return 0n;
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString();
  const grow = scale - parts.scale;
  let result: bigint;
  let count: number;
  if (grow >= 0) {
    count = digits.length + grow;
    // Checked before multiplying, so "1e999999999" fails at once instead of building a huge bigint.
    if (count > maxDigits) return tooManyDigits(count, maxDigits);
    result = grow === 0 ? unscaled : unscaled * 10n ** BigInt(grow);
  } else {
    const drop = -grow;
    if (drop >= digits.length || !/^0+$/.test(digits.slice(digits.length - drop))) {
      return `has more than ${scale} fraction digits; round it first (it is never rounded silently)`;
    }
    count = digits.length - drop;
    if (count > maxDigits) return tooManyDigits(count, maxDigits);
    const kept = BigInt(digits.slice(0, count));
    result = unscaled < 0n ? -kept : kept;
  }
  return result;
}

function tooManyDigits(count: number, maxDigits: number): string {
  return `needs ${count} digits, more than the precision ${maxDigits}`;
}

/** Plain text of unscaled × 10^-scale (scale ≥ 0) with exactly `scale` fraction digits. */
export function formatPlain(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    const point = digits.length - scale;
    digits = `${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  return negative ? `-${digits}` : digits;
}

/**
 * Text that keeps both value and scale, by the rules of Java's `BigDecimal.toString()`: plain
 * when the scale is not negative and the value is not tiny, else scientific (`1.23E-8`,
 * `5E+3`). A huge or negative scale from the wire therefore never becomes a huge string.
 */
export function formatScientific(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  const adjusted = digits.length - 1 - scale;
  if (scale >= 0 && adjusted >= -6) return formatPlain(unscaled, scale);
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${negative ? '-' : ''}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}

/** Numeric order of two decimals whatever their scales, without scaling either up. */
export function compareDecimalParts(a: DecimalParts, b: DecimalParts): number {
  const sa = a.unscaled < 0n ? -1 : a.unscaled > 0n ? 1 : 0;
  const sb = b.unscaled < 0n ? -1 : b.unscaled > 0n ? 1 : 0;
  if (sa !== sb || sa === 0) return sa < sb ? -1 : sa > sb ? 1 : 0;
  const da = (sa < 0 ? -a.unscaled : a.unscaled).toString();
  const db = (sb < 0 ? -b.unscaled : b.unscaled).toString();
  // Position of the leading digit, then the digits themselves left-aligned.
  const ea = da.length - a.scale;
  const eb = db.length - b.scale;
  let magnitude = ea < eb ? -1 : ea > eb ? 1 : 0;
  if (magnitude === 0) {
    const len = Math.max(da.length, db.length);
    const pa = da.padEnd(len, '0');
    const pb = db.padEnd(len, '0');
    magnitude = pa < pb ? -1 : pa > pb ? 1 : 0;
  }
  return magnitude === 0 ? 0 : sa * magnitude;
}
