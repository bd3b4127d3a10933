/**
 * The id index of one data file in memory: where each block starts, and for every record (by
 * ordinal) its id, the hash of its id (see id-map.ts) and where it starts in its block's
 * data. Hashes and starts are 32-bit integers in growable typed arrays, so an index loads by
 * copying bytes and the id map is built from hashes without touching an id. Ids are kept
 * encoded (see IdList) and decoded one at a time, only to compare two ids with equal hashes:
 * a lookup or a save of new ids decodes none.
 */
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { normalizeId } from './entity.js';
import type { IdKey } from './entity.js';

/** Where a block is in a data file and which records it holds. */
export interface BlockInfo {
  /** File offset of the block (its record count). */
  readonly offset: number;
  /** Ordinal in the file of its first record. */
  readonly first: number;
  readonly count: number;
}

/** A growable list of 32-bit integers. */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(2 * this.length);
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  /** Keeps the first `n` values. */
  truncate(n: number): void {
    if (n < this.length) this.length = n;
  }

  /** Appends `count` values stored as little-endian int32 in `bytes`. */
  appendLE(bytes: Uint8Array, count: number): void {
    if (bytes.length !== 4 * count) throw new Error(`${bytes.length} bytes for ${count} 32-bit integers`);
    this.reserve(this.length + count);
    const d = this.data;
    if (LITTLE_ENDIAN) new Uint8Array(d.buffer, 4 * this.length, 4 * count).set(bytes);
    else {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < count; i++) d[this.length + i] = view.getInt32(4 * i, true);
    }
    this.length += count;
  }

  /** Values `[from, to)` as little-endian int32 bytes (a view of the list on little-endian machines: use before the next push). */
  bytesLE(from: number, to: number): Uint8Array {
    if (LITTLE_ENDIAN) return new Uint8Array(this.data.buffer, 4 * from, 4 * (to - from));
    const out = new Uint8Array(4 * (to - from));
    const view = new DataView(out.buffer);
    for (let i = from; i < to; i++) view.setInt32(4 * (i - from), this.data[i]!, true);
    return out;
  }

  private reserve(n: number): void {
    if (n <= this.data.length) return;
    const d = new Int32Array(Math.max(n, 2 * this.data.length));
    d.set(this.data.subarray(0, this.length));
    this.data = d;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Ids of consecutive records, encoded (Avro binary, back to back). */
interface Chunk {
  readonly first: number;
  readonly count: number;
  readonly bytes: Uint8Array;
  /** Where each id starts in `bytes` (and `bytes.length` last). */
  readonly offsets: Int32Array;
}

/** Ids per chunk: a chunk is encoded in place until it has this many, then trimmed and kept. */
const CHUNK_IDS = 4096;

/**
 * Ids by ordinal. Ids are kept encoded (Avro binary: a string as length and UTF-8, an int or
 * long as zig-zag varint) in chunks of a few thousand: a million ids are a few megabytes of
 * bytes rather than a million strings for the garbage collector to trace, saving the index
 * writes them as they are, and an id is decoded only to be compared (two ids with equal
 * hashes). Ids of the batch being saved are a plain array until {@link seal} encodes them
 * (when the batch has succeeded); a batch that fails cuts the list back.
 */
export class IdList {
  private readonly chunks: Chunk[] = [];
  /** The chunk being filled: its first ordinal, bytes and where each id starts. */
  private openFirst = 0;
  private readonly open = new ByteWriter(16 * 1024);
  private readonly openAt = new IntList(CHUNK_IDS);
  private readonly tail: IdKey[] = [];

  constructor(private readonly kind: 'string' | 'int' | 'long') {}

  /** Ids encoded. */
  private get sealed(): number {
    return this.openFirst + this.openAt.length;
  }

  get length(): number {
    return this.sealed + this.tail.length;
  }

  /** Appends `count` encoded ids (only when none is pending); throws when `bytes` are not `count` ids. */
  appendEncoded(bytes: Uint8Array, count: number): void {
    if (this.length !== this.openFirst) throw new Error('encoded ids after pending ones');
    this.chunks.push({ first: this.openFirst, count, bytes, offsets: offsetsOf(bytes, count, this.kind) });
    this.openFirst += count;
  }

  push(id: IdKey): void {
    this.tail.push(id);
  }

  /** Encodes the pending ids (their block was written). */
  seal(): void {
    const w = this.open;
    const at = this.openAt;
    for (const id of this.tail) {
      at.push(w.pos);
      writeId(w, id);
      if (at.length === CHUNK_IDS) this.closeChunk();
    }
    this.tail.length = 0;
  }

  /** Keeps the first `n` ids (a failed batch). */
  truncate(n: number): void {
    if (n >= this.length) return;
    if (n >= this.sealed) {
      this.tail.length = n - this.sealed;
      return;
    }
    this.tail.length = 0;
    if (n >= this.openFirst) {
      this.open.pos = this.openAt.get(n - this.openFirst);
      this.openAt.truncate(n - this.openFirst);
      return;
    }
    while (this.chunks.length > 0 && this.chunks[this.chunks.length - 1]!.first >= n) this.chunks.pop();
    const last = this.chunks[this.chunks.length - 1];
    if (last !== undefined && last.first + last.count > n) {
      const k = n - last.first;
      this.chunks[this.chunks.length - 1] = { first: last.first, count: k, bytes: last.bytes.subarray(0, last.offsets[k]!), offsets: last.offsets.subarray(0, k + 1) };
    }
    this.openFirst = n;
    this.open.pos = 0;
    this.openAt.truncate(0);
  }

  /** The id of ordinal `i` (undefined past the end). A long beyond 2^53 is a bigint. */
  get(i: number): IdKey | undefined {
    if (i < 0 || i >= this.length) return undefined;
    if (i >= this.sealed) return this.tail[i - this.sealed];
    if (i >= this.openFirst) return this.decode(this.open.buf, this.openAt.get(i - this.openFirst));
    const c = this.chunkOf(i);
    return this.decode(c.bytes, c.offsets[i - c.first]!);
  }

  /** True when the id of ordinal `i` is `k` (normalized); a string is compared with its bytes, not decoded. */
  is(i: number, k: IdKey): boolean {
    if (i < 0 || i >= this.length) return false;
    if (i >= this.sealed) return normalizeId(this.tail[i - this.sealed]!) === k;
    let buf: Uint8Array;
    let at: number;
    if (i >= this.openFirst) {
      buf = this.open.buf;
      at = this.openAt.get(i - this.openFirst);
    } else {
      const c = this.chunkOf(i);
      buf = c.bytes;
      at = c.offsets[i - c.first]!;
    }
    if (typeof k !== 'string' || this.kind !== 'string') return normalizeId(this.decode(buf, at)) === k;
    // A one-byte length (under 64 bytes), then ASCII compared byte by byte; else decoded.
    const b0 = buf[at]!;
    if (b0 >= 0x80) return this.decode(buf, at) === k;
    const n = b0 >>> 1;
    if (n !== k.length) return n < k.length || n > 3 * k.length ? false : this.decode(buf, at) === k;
    for (let j = 0, p = at + 1; j < n; j++, p++) {
      const c = k.charCodeAt(j);
      if (c >= 0x80) return this.decode(buf, at) === k;
      if (buf[p] !== c) return false;
    }
    return true;
  }

  /**
   * The ids `[from, to)` encoded back to back: a view of the bytes held when they are in one
   * piece (use it before the list changes), else gathered in `w` (a view of it).
   */
  encode(from: number, to: number, w: ByteWriter): Uint8Array {
    const one = this.piece(from, to);
    if (one !== undefined) return one;
    w.pos = 0;
    for (let i = from; i < to; ) {
      if (i >= this.sealed) {
        writeId(w, this.tail[i - this.sealed]!);
        i++;
        continue;
      }
      const end = i >= this.openFirst ? Math.min(to, this.sealed) : Math.min(to, this.chunkOf(i).first + this.chunkOf(i).count);
      w.writeFixed(this.piece(i, end)!);
      i = end;
    }
    return w.buf.subarray(0, w.pos);
  }

  /** The encoded ids `[from, to)` when they are in one chunk (or the chunk being filled). */
  private piece(from: number, to: number): Uint8Array | undefined {
    if (from >= this.openFirst) {
      if (to > this.sealed) return undefined;
      const end = to - this.openFirst < this.openAt.length ? this.openAt.get(to - this.openFirst) : this.open.pos;
      return this.open.buf.subarray(this.openAt.get(from - this.openFirst), end);
    }
    const c = this.chunkOf(from);
    if (to > c.first + c.count) return undefined;
    return c.bytes.subarray(c.offsets[from - c.first]!, c.offsets[to - c.first]!);
  }

  /** Keeps the chunk being filled (trimmed) and starts the next. */
  private closeChunk(): void {
    const n = this.openAt.length;
    const offsets = new Int32Array(n + 1);
    offsets.set(this.openAt.data.subarray(0, n));
    offsets[n] = this.open.pos;
    this.chunks.push({ first: this.openFirst, count: n, bytes: Uint8Array.prototype.slice.call(this.open.buf, 0, this.open.pos), offsets }); // a copy (Buffer#slice shares)
    this.openFirst += n;
    this.open.pos = 0;
    this.openAt.truncate(0);
  }

  private decode(buf: Uint8Array, at: number): IdKey {
    const r = new ByteReader(buf, at, buf.length);
    if (this.kind === 'string') return r.readString();
    try {
      return r.readLong();
    } catch {
      r.pos = at;
      return r.readBigLong();
    }
  }

  private chunkOf(i: number): Chunk {
    const cs = this.chunks;
    let lo = 0;
    let hi = cs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cs[mid]!.first <= i) lo = mid;
      else hi = mid - 1;
    }
    return cs[lo]!;
  }
}

function writeId(w: ByteWriter, id: IdKey): void {
  if (typeof id === 'string') w.writeString(id);
  else if (typeof id === 'number') w.writeLong(id);
  else w.writeBigLong(id);
}

/** Where each of the `count` ids in `bytes` starts, checking that they fill it exactly. */
function offsetsOf(bytes: Uint8Array, count: number, kind: 'string' | 'int' | 'long'): Int32Array {
  const r = new ByteReader(bytes, 0, bytes.length);
  const out = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    out[i] = r.pos;
    if (kind === 'string') r.skip(r.readLength('id'), 'id');
    else r.skipLong();
  }
  if (r.pos !== bytes.length) throw new Error(`${bytes.length - r.pos} bytes left over after ${count} ids`);
  out[count] = r.pos;
  return out;
}

/** The id index of one data file. */
export interface FileIndex {
  /** Bytes of the data file the index describes (a committed length, at a block boundary). */
  coveredBytes: number;
  readonly blocks: BlockInfo[];
  readonly ids: IdList;
  /** The hash of each record's id (`hashKey`), by ordinal. */
  readonly hashes: IntList;
  /** Where each record starts in its block's (decompressed) data, by ordinal: a lookup decodes just one. */
  readonly starts: IntList;
}

export function emptyFileIndex(kind: 'string' | 'int' | 'long', coveredBytes: number): FileIndex {
  return { coveredBytes, blocks: [], ids: new IdList(kind), hashes: new IntList(), starts: new IntList() };
}

/** The position in `index.blocks` of the block holding `ordinal` (binary search), or -1. */
export function blockOf(index: FileIndex, ordinal: number): number {
  const b = index.blocks;
  let lo = 0;
  let hi = b.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const blk = b[mid]!;
    if (ordinal < blk.first) hi = mid - 1;
    else if (ordinal >= blk.first + blk.count) lo = mid + 1;
    else return mid;
  }
  return -1;
}
