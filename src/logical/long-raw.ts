import type { LongMode } from './logical-type.js';

/** Bounds of an Avro `long`. */
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

export function isSafeBigInt(v: bigint): boolean {
  return v >= SAFE_MIN && v <= SAFE_MAX;
}

export function isLongBigInt(v: bigint): boolean {
  return v >= LONG_MIN && v <= LONG_MAX;
}

/**
 * The raw long handed to the codec: a `bigint` in bigint mode; in number mode a number when it
 * is safe, else the `bigint` (the codec writes both forms, as it does for plain longs).
 */
export function rawLong(v: bigint, longs: LongMode): number | bigint {
  return longs === 'bigint' || !isSafeBigInt(v) ? v : Number(v);
}

/** Same as {@link rawLong} for a safe-integer number, without a detour through `bigint`. */
export function rawLongOfSafe(n: number, longs: LongMode): number | bigint {
  return longs === 'bigint' ? BigInt(n) : n;
}

/** Orders two numbers or bigints (mixed forms compare by value). */
export function compareIntegers(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
