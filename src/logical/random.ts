/** Random inputs for `random()` of the logical types (test data, not cryptography). */

/** A source of uniform numbers in [0, 1), such as `Math.random` or a seeded generator. */
export type Rng = () => number;

/** A uniformly random integer in `[min, max]` (both safe integers). */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A random integer of 1 to `maxDigits` decimal digits, either sign. */
export function randomSignedDigits(rng: Rng, maxDigits: number): bigint {
  const n = randomInt(rng, 1, maxDigits);
  let s = '';
  for (let i = 0; i < n; i++) s += String(randomInt(rng, 0, 9));
  return rng() < 0.5 ? -BigInt(s) : BigInt(s);
}
