/** Random inputs for `random()` of the logical types (test data, not cryptography). */

/** A uniformly random integer in `[min, max]` (both safe integers). */
export function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** A random non-negative integer of 1 to `maxDigits` decimal digits. */
export function randomDigits(maxDigits: number): bigint {
  const n = randomInt(1, maxDigits);
  let s = '';
  for (let i = 0; i < n; i++) s += String(randomInt(0, 9));
  return BigInt(s);
}
