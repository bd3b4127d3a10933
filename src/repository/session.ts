/**
 * Saving: entities go to the file being written in their partition (one per partition,
 * appended to across sessions, rolled by size or record count), block by block. A batch is
 * all or nothing: a value that does not fit, or a failed write, takes the whole batch back
 * (files cut back to where it began, new files removed, ids and superseded marks restored).
 */
import { join } from 'node:path';
import type { ContainerCodec } from '../container/index.js';
import { AvroTypeError } from '../schema/errors.js';
import type { Dataset } from './dataset.js';
import { makeDir } from './durable.js';
import type { IdKey } from './entity.js';
import { codeOf, messageOf, RepositoryError } from './errors.js';
import { DataFileWriter } from './file-writer.js';
import { hashKey, IdBatch } from './id-map.js';
import type { IdMap } from './id-map.js';
import { dataFileName, inProgressName, joinRelative, partitionDir } from './layout.js';
import { LiveFile } from './live-file.js';

const DONE = 0;
const FULL = 1;
const NO_WRITER = 2;

/** What a batch changed, to take back if it fails. */
class Batch {
  readonly touched = new Set<DataFileWriter>();
  readonly created: LiveFile[] = [];
  readonly sealed: LiveFile[] = [];
  readonly prevActive = new Map<string, LiveFile | undefined>();
  /** Id map entries before the batch (ids added later are removed on failure). */
  mapMark = 0;
  /** (entry, previous file, previous ordinal) of each id the batch moved, to move back on failure. */
  readonly moved: number[] = [];
  /** Records the batch marked superseded (file and ordinal, side by side), to unmark on failure. */
  readonly markedFiles: LiveFile[] = [];
  readonly markedOrdinals: number[] = [];
}

/** Options of a write session. */
export interface SessionOptions {
  /** Append to a partition's last file when it fits (default true); rewrites start new files. */
  readonly appendToExisting: boolean;
  /** Keep the id map current and mark earlier versions of saved ids superseded (default true). */
  readonly trackIds: boolean;
}

export class WriteSession {
  private readonly active = new Map<string, LiveFile>();
  private codec: ContainerCodec | undefined;
  private lastKey: string | undefined;
  private lastFile: LiveFile | undefined;
  private texts: string[] = [];
  /** Ids saved in the batch and not yet in the id map. */
  private readonly ids = new IdBatch();

  constructor(
    private readonly ds: Dataset,
    private readonly options: SessionOptions = { appendToExisting: true, trackIds: true },
  ) {}

  /** Saves `values` as one batch; returns how many were saved. */
  async saveAll(values: Iterable<unknown> | AsyncIterable<unknown>): Promise<number> {
    const ds = this.ds;
    await ds.beginWrite();
    this.codec ??= await ds.settings.codecs.get(ds.settings.codec);
    const map = ds.model.idField !== undefined && this.options.trackIds ? await ds.ensureIdMap() : undefined;
    const batch = new Batch();
    if (map !== undefined) {
      batch.mapMark = map.mark();
      // A list's length is known: room for its ids at once (the table is not regrown on the way).
      if (Array.isArray(values)) map.reserve(map.size + values.length);
    }
    let i = 0;
    try {
      if (Symbol.iterator in values) {
        for (const v of values) {
          const st = this.add(v, batch, map);
          if (st !== DONE) await this.slow(v, st, batch, map);
          i++;
        }
      } else {
        for await (const v of values) {
          const st = this.add(v, batch, map);
          if (st !== DONE) await this.slow(v, st, batch, map);
          i++;
        }
      }
      if (map !== undefined) this.noteIds(batch, map);
    } catch (e) {
      await this.rollback(batch, map);
      throw this.explain(e, i);
    } finally {
      this.ids.clear();
    }
    for (const w of batch.touched) {
      w.end();
      // The batch stands: its ids are encoded (no longer an array of strings held until the flush).
      w.index?.ids.seal();
    }
    return i;
  }

  private explain(e: unknown, i: number): unknown {
    if (e instanceof AvroTypeError) {
      const at = e.path === '' ? this.ds.model.record.name : `${this.ds.model.record.name}.${e.path}`;
      const why = e.path !== '' && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message;
      return new RepositoryError(
        'invalid',
        `entity #${i} of the batch does not fit the schema at ${at}: ${why}; nothing of this batch was saved`,
        { path: e.path, cause: e },
      );
    }
    // A file-system error: say so; anything else (a user's function in an update) as it is.
    if (e instanceof RepositoryError || codeOf(e) === undefined) return e;
    return new RepositoryError('damaged', `saving failed at entity #${i}: ${messageOf(e)}; nothing of this batch was saved`, { cause: e });
  }

  /** Adds `v` to its partition's file if that file is open; says what async work is needed otherwise. */
  private add(v: unknown, batch: Batch, map: IdMap | undefined): number {
    const model = this.ds.model;
    let key = '';
    if (model.partitions.length > 0) {
      this.texts = model.partitionTexts(v);
      key = this.texts.join('/');
    }
    const f = key === this.lastKey ? this.lastFile : this.active.get(key);
    if (f === undefined) return NO_WRITER;
    this.lastKey = key;
    this.lastFile = f;
    const w = f.writer!;
    if (!w.inBatch) {
      w.begin();
      batch.touched.add(w);
    }
    const id = model.idField === undefined ? undefined : model.idOf(v);
    // The hash of a value that does not fit is never used: encoding it fails first.
    const hash = id === undefined ? 0 : hashKey(id);
    const full = w.add(v, id, hash);
    if (map !== undefined) {
      this.ids.add(hash, f.number, w.total - 1);
      if (this.ids.full) this.noteIds(batch, map);
    }
    const s = this.ds.settings;
    return full || w.total >= s.maxFileRecords || w.size >= s.maxFileBytes ? FULL : DONE;
  }

  /**
   * Points the ids saved since the last call at their new records, in one pass (see IdMap);
   * an earlier version of an id (last write wins) is marked superseded.
   */
  private noteIds(batch: Batch, map: IdMap): void {
    map.putAll(this.ids, () => {
      const pn = map.prevFile;
      const po = map.prevOrdinal;
      batch.moved.push(map.prevEntry, pn, po);
      const pf = this.ds.file(pn);
      if (pf !== undefined && pf.addDeleted(po)) {
        batch.markedFiles.push(pf);
        batch.markedOrdinals.push(po);
      }
    });
    this.ids.clear();
  }

  private async slow(v: unknown, st: number, batch: Batch, map: IdMap | undefined): Promise<void> {
    if (st === NO_WRITER) {
      await this.openWriter(this.texts, batch);
      st = this.add(v, batch, map);
      if (st === DONE) return;
    }
    const f = this.lastFile!;
    const w = f.writer!;
    await w.writeBlock();
    const s = this.ds.settings;
    if (w.total >= s.maxFileRecords || w.bytes >= s.maxFileBytes) this.seal(this.lastKey!, f, batch);
  }

  private seal(key: string, f: LiveFile, batch: Batch): void {
    if (!batch.prevActive.has(key)) batch.prevActive.set(key, f);
    f.sealed = true;
    batch.sealed.push(f);
    this.active.delete(key);
    this.lastKey = undefined;
    this.lastFile = undefined;
  }

  /** Opens the file entities of partition `texts` go to: its last file if it can take more, else a new one. */
  private async openWriter(texts: readonly string[], batch: Batch): Promise<void> {
    const ds = this.ds;
    const { model, settings } = ds;
    const key = texts.join('/');
    if (!batch.prevActive.has(key)) batch.prevActive.set(key, this.active.get(key));
    const dir = partitionDir(model.partitions.map((p) => p.name), texts);
    const options = { codec: this.codec!, blockBytes: settings.blockBytes, blockRecords: Infinity };
    const withIndex = model.idField !== undefined;
    let f = this.options.appendToExisting ? this.appendable(dir) : undefined;
    if (f !== undefined) {
      const sync = Buffer.from(f.sync, 'hex');
      if (withIndex && f.index === undefined) await ds.ensureIdMap();
      f.writer = await DataFileWriter.reopen(join(ds.dir, f.path), f.path, f.number, sync, f, model, options, f.index);
    } else {
      const n = ds.nextFile++;
      const path = joinRelative(dir, dataFileName(n));
      const temp = joinRelative(dir, inProgressName(n));
      await makeDir(join(ds.dir, dir));
      const w = await DataFileWriter.create(join(ds.dir, temp), path, n, model, options, withIndex);
      f = new LiveFile(path, n, Buffer.from(w.sync).toString('hex'), settings.codec, model.storedText, { records: 0, bytes: 0 }, undefined, true);
      f.inProgress = temp;
      f.writer = w;
      f.index = w.index;
      ds.addFile(f);
      batch.created.push(f);
    }
    this.active.set(key, f);
  }

  /** The last committed file of partition directory `dir`, if new entities can be appended to it. */
  private appendable(dir: string): LiveFile | undefined {
    const { model, settings } = this.ds;
    const prefix = dir === '' ? '' : `${dir}/`;
    let last: LiveFile | undefined;
    for (const f of this.ds.files) {
      if (!f.path.startsWith(prefix) || f.path.indexOf('/', prefix.length) >= 0) continue;
      if (last === undefined || f.number > last.number) last = f;
    }
    if (last === undefined || last.writer !== undefined || last.sealed || last.isNew) return undefined;
    const fits = last.schemaText === model.storedText && last.codec === settings.codec;
    return fits && last.bytes < settings.maxFileBytes && last.records < settings.maxFileRecords ? last : undefined;
  }

  private async rollback(batch: Batch, map: IdMap | undefined): Promise<void> {
    if (map !== undefined) {
      const m = batch.moved;
      for (let k = m.length - 3; k >= 0; k -= 3) map.relocate(m[k]!, m[k + 1]!, m[k + 2]!);
      map.truncate(batch.mapMark);
    }
    for (const w of batch.touched) await w.rollback();
    batch.markedFiles.forEach((f, k) => f.removeDeleted(batch.markedOrdinals[k]!));
    for (const f of batch.sealed) f.sealed = false;
    for (const f of batch.created) {
      await f.writer!.close();
      f.writer = undefined;
      await this.ds.dropFile(f);
    }
    for (const [key, prev] of batch.prevActive) {
      const cur = this.active.get(key);
      if (cur !== undefined && !batch.created.includes(cur)) continue; // reopened, and back where it was
      if (prev !== undefined && !batch.created.includes(prev)) this.active.set(key, prev);
      else this.active.delete(key);
    }
    // A file reopened for this batch and no longer the one written to: close it.
    const open = new Set(this.active.values());
    for (const f of this.ds.files) {
      if (f.writer !== undefined && !f.sealed && !open.has(f)) {
        await f.writer.close();
        f.writer = undefined;
      }
    }
    this.lastKey = undefined;
    this.lastFile = undefined;
  }

  /** Writes pending blocks, so this process's queries see every saved entity. */
  async publish(): Promise<void> {
    for (const f of this.ds.files) if (f.writer !== undefined) await f.writer.writeBlock();
  }

  /** Finishes every open file (a rewrite follows); the next commit closes them. */
  sealAll(): void {
    for (const f of this.active.values()) f.sealed = true;
    this.active.clear();
    this.lastKey = undefined;
    this.lastFile = undefined;
  }
}
