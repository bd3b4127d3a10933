/**
 * Reading: a query runs over a snapshot (the files and lengths visible when it starts), skips
 * partitions its filter rules out and records superseded by a later save, decodes only the
 * fields it needs (a projected reader schema), and streams block by block, so memory stays
 * bounded however large the dataset. A lookup by id reads one block.
 */
import { join } from 'node:path';
import { ByteReader } from '../wire/reader.js';
import type { Dataset } from './dataset.js';
import type { IdKey } from './entity.js';
import { decodeBlock, readBlockAt, readBlocks } from './file-reader.js';
import type { FileRef } from './file-reader.js';
import type { CompiledWhere } from './filter.js';
import { blockOf } from './file-index.js';
import type { LiveFile } from './live-file.js';
import type { Ordinals } from './ordinal-set.js';

/** One file of a snapshot. */
export interface SnapFile {
  readonly file: LiveFile;
  readonly ref: FileRef;
  readonly deleted: Ordinals | undefined;
  /** The partition's values by field name. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** The files visible now, with their lengths and superseded records as of now. */
export async function takeSnapshot(ds: Dataset): Promise<SnapFile[]> {
  const out: SnapFile[] = [];
  const names = ds.model.partitions.map((p) => p.name);
  for (const file of ds.files) {
    const ref = file.ref();
    if (ref.bytes === 0) continue;
    const deleted = await file.deletedSet(ds.dir);
    const values: Record<string, unknown> = {};
    if (names.length > 0) {
      const parsed = ds.model.partitionValues(file.partition);
      names.forEach((n, i) => (values[n] = parsed[i]));
    }
    out.push({ file, ref, deleted, values });
  }
  return out;
}

/** What to read and return. */
export interface ScanSpec {
  readonly where: CompiledWhere;
  /** Fields to return (undefined: all). */
  readonly select: ReadonlySet<string> | undefined;
  readonly skip: number;
  readonly limit: number;
  /** Only these data files (by number) can hold a match. */
  readonly onlyFiles?: ReadonlySet<number>;
}

/** The matching entities of `snap`, a block's worth at a time. */
export async function* scanBatches(ds: Dataset, snap: readonly SnapFile[], spec: ScanSpec): AsyncGenerator<unknown[]> {
  const { model } = ds;
  const { where, select } = spec;
  if (spec.limit <= 0) return;
  const needed = select === undefined || where.fields === undefined ? undefined : new Set([...select, ...where.fields]);
  const node = model.projection(needed);
  const strip = select === undefined ? [] : [...(needed ?? model.fieldNames())].filter((f) => !select.has(f));
  const parts = model.partitions.map((p) => p.name).filter((n) => needed === undefined || needed.has(n));
  let skip = spec.skip;
  let left = spec.limit;
  const records: unknown[] = [];
  for (const s of snap) {
    if (spec.onlyFiles !== undefined && !spec.onlyFiles.has(s.file.number)) continue;
    if (!where.partition(s.values)) continue;
    const read = ds.decoders.get(node, s.ref);
    const deleted = s.deleted !== undefined && s.deleted.size > 0 ? s.deleted : undefined;
    const plain = deleted === undefined && parts.length === 0 && where.all && skip === 0 && strip.length === 0;
    for await (const block of readBlocks(join(ds.dir, s.ref.at), s.ref, ds.settings.codecs)) {
      records.length = 0;
      decodeBlock(s.ref.path, block, read, records);
      if (plain && records.length <= left) {
        left -= records.length;
        yield records.slice();
        if (left === 0) return;
        continue;
      }
      const out: unknown[] = [];
      for (let k = 0; k < records.length; k++) {
        if (deleted !== undefined && deleted.has(block.first + k)) continue;
        const r = records[k] as Record<string, unknown>;
        for (const p of parts) r[p] = s.values[p];
        if (!where.all && !where.test(r)) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        for (const f of strip) delete r[f];
        out.push(r);
        if (--left === 0) break;
      }
      if (out.length > 0) yield out;
      if (left === 0) return;
    }
  }
}

/** Entities one at a time from batches, without an async generator's cost per entity. */
export function flatten<T>(batches: () => AsyncGenerator<unknown[]>): AsyncIterator<T> & AsyncIterable<T> {
  let it: AsyncGenerator<unknown[]> | undefined;
  let batch: unknown[] = [];
  let i = 0;
  const done = { value: undefined, done: true } as IteratorReturnResult<undefined>;
  const self = {
    async next(): Promise<IteratorResult<T>> {
      while (i >= batch.length) {
        it ??= batches();
        const r = await it.next();
        if (r.done === true) return done;
        batch = r.value;
        i = 0;
      }
      return { value: batch[i++] as T, done: false };
    },
    async return(): Promise<IteratorResult<T>> {
      await it?.return(undefined);
      batch = [];
      return done;
    },
    [Symbol.asyncIterator]() {
      return self;
    },
  };
  return self;
}

/** The entity with id `id` as of now, or undefined; reads the one block that holds it. */
export async function lookupById(ds: Dataset, id: IdKey, select: ReadonlySet<string> | undefined): Promise<unknown> {
  const map = await ds.ensureIdMap();
  const entry = map.find(id);
  if (entry < 0) return undefined;
  const file = ds.file(map.file(entry))!;
  const ordinal = map.ordinal(entry);
  const index = file.index!;
  const b = blockOf(index, ordinal);
  const blk = index.blocks[b]!;
  const ref = file.ref();
  const end = index.blocks[b + 1]?.offset ?? ref.bytes;
  const codec = await ds.settings.codecs.get(ref.codec);
  const block = await readBlockAt(ds.handles, join(ds.dir, ref.at), ref, codec, blk.offset, end, blk.first);
  const node = ds.model.projection(select);
  const read = ds.decoders.get(node, ref);
  const r = new ByteReader(block.data, index.starts.get(ordinal), block.data.length);
  const rec = read(r) as Record<string, unknown>;
  const parts = ds.model.partitions;
  if (parts.length > 0) {
    const values = ds.model.partitionValues(file.partition);
    parts.forEach((p, i) => {
      if (select === undefined || select.has(p.name)) rec[p.name] = values[i];
    });
  }
  return rec;
}
