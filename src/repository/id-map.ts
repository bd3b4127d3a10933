/**
 * The dataset's id → location map: an open-addressing hash table (linear probing) in typed
 * arrays. A V8 `Map` of a million ids costs ~0.5 µs per insertion (and a second lookup to
 * learn the previous location), and its entry table is traced by every major garbage
 * collection; this table holds no pointers, and a replaced id is updated in place with its
 * previous location handed back.
 *
 * Each id has an entry (an index into `fileOf` and `ordinalOf`); a bucket holds entry + 1
 * (0: empty) beside the id's hash, so a probe compares hashes without touching the id, and
 * growing the table hashes nothing again. The ids themselves are not copied here: the files'
 * indexes hold them already, and an {@link IdSource} compares one when hashes are equal. Long ids are
 * compared as numbers while they are safe integers, so one given as a number and as a bigint
 * is the same id.
 *
 * Ids arrive in bulk ({@link IdBatch}: a saved batch, or the files' indexes on load) and are
 * inserted in bucket order: one at a time, each insertion into a table of millions is a cache
 * and TLB miss (~0.2 µs on the 2-core VM); sorted, the table is walked front to back.
 */
import { normalizeId } from './entity.js';
import type { IdKey } from './entity.js';

const EMPTY = 0;
/** Below this many ids, sorting costs more than the misses it saves. */
const SORT_FROM = 4096;
/** log2 of the buckets of one partition of the sort (4 KiB of table). */
const PARTITION_BITS = 9;

/** The ids the files' indexes hold, by (file, ordinal). */
export interface IdSource {
  /** The id at (file, ordinal) (undefined: no such record). */
  idAt(file: number, ordinal: number): IdKey | undefined;
  /** True when the id at (file, ordinal) is `id` (normalized), found without decoding it where possible. */
  isId(file: number, ordinal: number, id: IdKey): boolean;
}

/**
 * Ids a saved batch holds at most before they go to the map (12 bytes each, and as much
 * again to sort them): sorted, 64K ids touch each 4 KiB of a 16 MiB table ~16 times.
 */
export const BATCH_LIMIT = 1 << 16;
/** The same when the map is built from files' indexes (scratch released after): 1M ids, ~250 per 4 KiB. */
export const BUILD_LIMIT = 1 << 20;

/** Ids to add to a map, in order (a later one of the same id wins): hash, file and ordinal of each. */
export class IdBatch {
  hashes: Int32Array;
  files: Int32Array;
  ordinals: Int32Array;
  length = 0;

  constructor(
    capacity = 256,
    /** How many ids make the batch {@link full}. */
    private readonly limit = BATCH_LIMIT,
  ) {
    this.hashes = new Int32Array(capacity);
    this.files = new Int32Array(capacity);
    this.ordinals = new Int32Array(capacity);
  }

  /** True when the batch should go to the map before it takes more. */
  get full(): boolean {
    return this.length >= this.limit;
  }

  /** Notes that (file, ordinal) holds the id of hash `hash` ({@link hashKey}). */
  add(hash: number, file: number, ordinal: number): void {
    if (this.length === this.hashes.length) this.grow(Math.max(256, 2 * this.length));
    const i = this.length++;
    this.hashes[i] = hash;
    this.files[i] = file;
    this.ordinals[i] = ordinal;
  }

  clear(): void {
    this.length = 0;
  }

  private grow(n: number): void {
    this.hashes = resized(this.hashes, n, this.length);
    this.files = resized(this.files, n, this.length);
    this.ordinals = resized(this.ordinals, n, this.length);
  }
}

export class IdMap {
  /** Pairs (entry + 1, hash) by bucket. */
  private table = new Int32Array(2 * 1024);
  private mask = 1023;
  private fileOf: Int32Array = new Int32Array(512);
  private ordinalOf: Int32Array = new Int32Array(512);
  private used = 0;
  /** Scratch of {@link putAll}, kept for the next batch. */
  private sorted: IdBatch | undefined;
  /** What the last insertion that replaced an id replaced: the entry and the location it had. */
  prevEntry = -1;
  prevFile = 0;
  prevOrdinal = 0;

  constructor(private readonly ids: IdSource) {}

  /** Ids in the map. */
  get size(): number {
    return this.used;
  }

  /** The entry of `id`, or -1. */
  find(id: IdKey): number {
    const k = normalizeId(id);
    const h = hashId(k);
    const t = this.table;
    for (let b = h & this.mask; ; b = (b + 1) & this.mask) {
      const e = t[2 * b]!;
      if (e === EMPTY) return -1;
      if (t[2 * b + 1] === h && this.holds(e - 1, k)) return e - 1;
    }
  }

  file(entry: number): number {
    return this.fileOf[entry]!;
  }

  ordinal(entry: number): number {
    return this.ordinalOf[entry]!;
  }

  /**
   * Points the ids of `batch` at their locations, in order; the files' indexes must hold
   * them already. `replaced` is called after each one that was in the map, with the
   * previous location in {@link prevEntry}, {@link prevFile} and {@link prevOrdinal}.
   */
  putAll(batch: IdBatch, replaced: () => void): void {
    const n = batch.length;
    this.reserve(this.used + n);
    const { hashes, files, ordinals } = batch;
    if (n < SORT_FROM) {
      for (let i = 0; i < n; i++) if (this.put(hashes[i]!, files[i]!, ordinals[i]!)) replaced();
      return;
    }
    // A stable counting sort by the top bits of the bucket: an id seen twice keeps its order.
    // The ids are moved into sorted order (not just their positions): reading them in bucket
    // order through a permutation would miss the cache as much as the table did.
    const bits = 31 - Math.clz32(this.mask + 1);
    const shift = Math.max(0, bits - PARTITION_BITS);
    const parts = (this.mask >>> shift) + 1;
    const start = new Int32Array(parts + 1);
    for (let i = 0; i < n; i++) start[((hashes[i]! & this.mask) >>> shift) + 1]!++;
    for (let p = 0; p < parts; p++) start[p + 1]! += start[p]!;
    if (this.sorted === undefined || this.sorted.hashes.length < n) this.sorted = new IdBatch(Math.max(n, BATCH_LIMIT));
    const { hashes: sh, files: sf, ordinals: so } = this.sorted;
    for (let i = 0; i < n; i++) {
      const h = hashes[i]!;
      const j = start[(h & this.mask) >>> shift]!++;
      sh[j] = h;
      sf[j] = files[i]!;
      so[j] = ordinals[i]!;
    }
    for (let j = 0; j < n; j++) if (this.put(sh[j]!, sf[j]!, so[j]!)) replaced();
  }

  /** Lets go of the memory {@link putAll} keeps for the next batch (after a large one). */
  releaseScratch(): void {
    this.sorted = undefined;
  }

  /** Moves `entry` back to (file, ordinal) (undoing an insertion that replaced it). */
  relocate(entry: number, file: number, ordinal: number): void {
    this.fileOf[entry] = file;
    this.ordinalOf[entry] = ordinal;
  }

  /** How many entries there are, to {@link truncate} back to. */
  mark(): number {
    return this.used;
  }

  /** Removes the ids added since {@link mark} returned `mark` (a failed batch). */
  truncate(mark: number): void {
    if (mark >= this.used) return;
    this.used = mark;
    // Rare (a batch refused), so rebuilding the table beats deleting entry by entry.
    this.rehash(this.mask + 1);
  }

  /** Points the id with hash `h`, held at (file, ordinal), there; true when it replaced the id's entry. */
  private put(h: number, file: number, ordinal: number): boolean {
    const t = this.table;
    const mask = this.mask;
    let b = h & mask;
    for (; ; b = (b + 1) & mask) {
      const e = t[2 * b]!;
      if (e === EMPTY) break;
      if (t[2 * b + 1] === h && this.holds(e - 1, normalizeId(this.ids.idAt(file, ordinal)!))) {
        this.prevEntry = e - 1;
        this.prevFile = this.fileOf[e - 1]!;
        this.prevOrdinal = this.ordinalOf[e - 1]!;
        this.fileOf[e - 1] = file;
        this.ordinalOf[e - 1] = ordinal;
        return true;
      }
    }
    const e = this.used++;
    this.fileOf[e] = file;
    this.ordinalOf[e] = ordinal;
    t[2 * b] = e + 1;
    t[2 * b + 1] = h;
    return false;
  }

  /** True when `entry` is the id `k` (normalized). */
  private holds(entry: number, k: IdKey): boolean {
    return this.ids.isId(this.fileOf[entry]!, this.ordinalOf[entry]!, k);
  }

  /** Room for `n` ids: entries, and buckets for a load factor of at most 1/2 (short probes). */
  reserve(n: number): void {
    if (n > this.fileOf.length) {
      const size = Math.max(n, 2 * this.fileOf.length);
      this.fileOf = resized(this.fileOf, size, this.used);
      this.ordinalOf = resized(this.ordinalOf, size, this.used);
    }
    let buckets = this.mask + 1;
    while (2 * n > buckets) buckets *= 2;
    if (buckets > this.mask + 1) this.rehash(buckets);
  }

  /** Moves the entries below `used` into a table of `buckets` buckets (the hashes are in the old table). */
  private rehash(buckets: number): void {
    const t = new Int32Array(2 * buckets);
    const mask = buckets - 1;
    const old = this.table;
    const used = this.used;
    for (let ob = 0; ob < old.length; ob += 2) {
      const e = old[ob]!;
      if (e === EMPTY || e > used) continue;
      const h = old[ob + 1]!;
      let b = h & mask;
      while (t[2 * b] !== EMPTY) b = (b + 1) & mask;
      t[2 * b] = e;
      t[2 * b + 1] = h;
    }
    this.table = t;
    this.mask = mask;
  }
}

/** A copy of the first `keep` values of `a` in an array of `n`. */
function resized(a: Int32Array, n: number, keep: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a.subarray(0, Math.min(keep, n)));
  return b;
}

/** The hash of an id as the map and the index files know it (a long as number or bigint alike). */
export function hashKey(id: IdKey): number {
  return hashId(normalizeId(id));
}

/**
 * A 32-bit hash of a normalized id (FNV-1a over UTF-16 units for strings, then a final mix).
 * Index files store it: changing it needs a new index format version (id-index.ts).
 */
function hashId(k: IdKey): number {
  let h: number;
  if (typeof k === 'string') {
    h = 0x811c9dc5 | 0;
    for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
  } else if (typeof k === 'number') {
    // Integers up to 2^53: low and high 32 bits (`>>> 0` keeps the low bits of any integer).
    h = Math.imul((k >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.floor(k / 4294967296);
  } else if (typeof k === 'bigint') {
    return hashId(k.toString());
  } else {
    return 0; // not an id at all: encoding the entity refuses it
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
