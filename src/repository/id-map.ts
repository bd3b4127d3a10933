/**
 * The dataset's id → location map. Locations live in typed arrays indexed by a slot number
 * and the map holds the slot: a small integer, which V8 stores inline, where a packed
 * (file, ordinal) double would allocate a heap number per entry (a million ids cost seconds
 * of garbage collection that way). A slot is never reused; a replaced id gets a new one.
 */
import type { IdKey } from './entity.js';

export class IdMap {
  private readonly slots = new Map<IdKey, number>();
  private fileOf = new Int32Array(1024);
  private ordinalOf = new Int32Array(1024);
  private used = 0;

  get size(): number {
    return this.slots.size;
  }

  /** The slot of `id`, or undefined. A long id is found whether given as a number or a bigint. */
  slot(id: IdKey): number | undefined {
    const s = this.slots.get(id);
    if (s !== undefined) return s;
    if (typeof id === 'number' && Number.isSafeInteger(id)) return this.slots.get(BigInt(id));
    if (typeof id === 'bigint' && Number.isSafeInteger(Number(id))) return this.slots.get(Number(id));
    return undefined;
  }

  file(slot: number): number {
    return this.fileOf[slot]!;
  }

  ordinal(slot: number): number {
    return this.ordinalOf[slot]!;
  }

  /** Points `id` at (file, ordinal); returns the slot it had before (undefined if none). */
  set(id: IdKey, file: number, ordinal: number): number | undefined {
    const prev = this.slots.get(id);
    if (this.used === this.fileOf.length) this.grow();
    const s = this.used++;
    this.fileOf[s] = file;
    this.ordinalOf[s] = ordinal;
    this.slots.set(id, s);
    return prev;
  }

  /**
   * Points `id` at (file, ordinal) with one map operation instead of two; returns false when
   * `id` was already there (its old slot is then lost: start again with {@link set}).
   */
  add(id: IdKey, file: number, ordinal: number): boolean {
    if (this.used === this.fileOf.length) this.grow();
    const s = this.used++;
    this.fileOf[s] = file;
    this.ordinalOf[s] = ordinal;
    const before = this.slots.size;
    this.slots.set(id, s);
    return this.slots.size !== before;
  }

  /** Puts back what {@link set} replaced (a failed batch). */
  restore(id: IdKey, prev: number | undefined): void {
    if (prev === undefined) this.slots.delete(id);
    else this.slots.set(id, prev);
  }

  private grow(): void {
    const f = new Int32Array(this.fileOf.length * 2);
    f.set(this.fileOf);
    this.fileOf = f;
    const o = new Int32Array(this.ordinalOf.length * 2);
    o.set(this.ordinalOf);
    this.ordinalOf = o;
  }
}
