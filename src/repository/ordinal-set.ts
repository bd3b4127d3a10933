/**
 * A set of record ordinals of one data file (its superseded records), as a bitmap: one bit
 * per record. A JavaScript `Set` of a million numbers costs ~0.1-0.2 µs per operation and
 * tens of megabytes; the bitmap of a million records is 128 KiB, a test is a shift and a
 * mask, and copying it (copy-on-write, for snapshots) is one memcpy.
 */

/** What readers of a deletion set use. */
export interface Ordinals {
  has(ordinal: number): boolean;
  readonly size: number;
}

export class OrdinalSet implements Ordinals {
  private words: Uint32Array;
  private count = 0;

  constructor(words = new Uint32Array(32)) {
    this.words = words;
  }

  /** The set of `ordinals` (non-negative integers). */
  static of(ordinals: Iterable<number>): OrdinalSet {
    const s = new OrdinalSet();
    for (const o of ordinals) s.add(o);
    return s;
  }

  get size(): number {
    return this.count;
  }

  has(ordinal: number): boolean {
    const w = ordinal >>> 5;
    return w < this.words.length && (this.words[w]! & (1 << (ordinal & 31))) !== 0;
  }

  /** Adds `ordinal`; false when it was there. */
  add(ordinal: number): boolean {
    const w = ordinal >>> 5;
    if (w >= this.words.length) this.grow(w + 1);
    const bit = 1 << (ordinal & 31);
    const v = this.words[w]!;
    if ((v & bit) !== 0) return false;
    this.words[w] = v | bit;
    this.count++;
    return true;
  }

  /** Removes `ordinal`; false when it was not there. */
  delete(ordinal: number): boolean {
    if (!this.has(ordinal)) return false;
    this.words[ordinal >>> 5]! &= ~(1 << (ordinal & 31));
    this.count--;
    return true;
  }

  copy(): OrdinalSet {
    const c = new OrdinalSet(this.words.slice());
    c.count = this.count;
    return c;
  }

  /** The ordinals, ascending. */
  toArray(): number[] {
    const out: number[] = [];
    const words = this.words;
    for (let w = 0; w < words.length; w++) {
      let v = words[w]!;
      while (v !== 0) {
        const low = v & -v;
        out.push(w * 32 + 31 - Math.clz32(low));
        v ^= low;
      }
    }
    return out;
  }

  private grow(n: number): void {
    const words = new Uint32Array(Math.max(n, 2 * this.words.length));
    words.set(this.words);
    this.words = words;
  }
}
