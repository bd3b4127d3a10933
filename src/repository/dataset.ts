/**
 * The in-memory state of one dataset: its files as the manifest committed them (plus what
 * this process is writing), the writer lock, the id map, and the commit that makes it all
 * durable. Queries, writes and rewrites are built on it (query.ts, session.ts, rewrite.ts).
 */
import { statSync } from 'node:fs';
import { readdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EntityModel } from './entity.js';
import { makeDir, syncDir } from './durable.js';
import { codeOf, RepositoryError } from './errors.js';
import { checkEvolution } from './evolution.js';
import { Decoders, HandleCache } from './file-reader.js';
import { loadFileIndex, saveFileIndex } from './id-index.js';
import { BUILD_LIMIT, IdBatch, IdMap } from './id-map.js';
import type { IdSource } from './id-map.js';
import type { IdList } from './file-index.js';
import { listFiles, scanDirectory } from './inspect.js';
import type { DatasetProblem } from './inspect.js';
import { dataFileNumber, indexPath } from './layout.js';
import { LiveFile } from './live-file.js';
import type { Ordinals } from './ordinal-set.js';
import { acquireLock } from './lock.js';
import type { WriterLock } from './lock.js';
import { FORMAT, FORMAT_VERSION, MANIFEST_FILE, META_DIR, readManifest, writeManifest } from './manifest.js';
import type { GarbageEntry, Manifest } from './manifest.js';
import type { Settings } from './options.js';

/**
 * The id map of files' indexes, superseded records left out. Saves keep every id live once;
 * when an id is live twice all the same (files written by other tools, or deletion files
 * lost), the later record wins and the earlier is marked superseded.
 */
function buildIdMap(files: readonly [LiveFile, Ordinals | undefined][], ids: IdSource): IdMap {
  const map = new IdMap(ids);
  const byNumber = new Map(files.map(([f]) => [f.number, f]));
  const total = files.reduce((n, [f]) => n + f.index!.hashes.length, 0);
  map.reserve(total);
  const batch = new IdBatch(Math.min(total, BUILD_LIMIT), BUILD_LIMIT);
  const later = () => byNumber.get(map.prevFile)?.addDeleted(map.prevOrdinal);
  for (const [f, deleted] of files) {
    const { data: hashes, length } = f.index!.hashes;
    const n = f.number;
    for (let i = 0; i < length; i++) {
      if (deleted !== undefined && deleted.has(i)) continue;
      batch.add(hashes[i]!, n, i);
      if (batch.full) {
        map.putAll(batch, later);
        batch.clear();
      }
    }
  }
  map.putAll(batch, later);
  map.releaseScratch();
  return map;
}

export class Dataset {
  files: LiveFile[] = [];
  nextFile = 1;
  generation = 0;
  garbage: GarbageEntry[] = [];
  lock: WriterLock | undefined;
  /** id → location, built on first need. */
  idMap: IdMap | undefined;
  problems: DatasetProblem[] = [];
  readonly decoders: Decoders;
  readonly handles = new HandleCache();
  closed = false;
  private byNumber = new Map<number, LiveFile>();
  private stamp = '';
  /** Files added or dropped, or garbage removed, since the last commit. */
  private changed = false;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly model: EntityModel,
    readonly settings: Settings,
  ) {
    this.decoders = new Decoders(model.type.context);
  }

  static async open(dir: string, model: EntityModel, settings: Settings): Promise<Dataset> {
    const ds = new Dataset(dir, model, settings);
    const m = await readManifest(dir);
    if (m !== undefined) {
      checkEvolution(model, m, dir);
      ds.load(m, await ds.manifestStamp());
    }
    ds.problems = await ds.scan();
    return ds;
  }

  /** Runs `fn` after every operation queued before it (writes and rewrites never interleave). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new RepositoryError('closed', `the repository of ${this.dir} is closed`);
      return fn();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private load(m: Manifest, stamp: string): void {
    this.files = m.files.map((e) => LiveFile.fromEntry(e, m.schemas));
    this.byNumber = new Map(this.files.map((f) => [f.number, f]));
    this.nextFile = m.nextFile;
    this.generation = m.generation;
    this.garbage = [...m.garbage];
    this.idMap = undefined;
    this.stamp = stamp;
  }

  private async manifestStamp(): Promise<string> {
    try {
      // Synchronous: a stat takes microseconds, and every query (each findById) makes one.
      const st = statSync(join(this.dir, MANIFEST_FILE), { bigint: true });
      return `${st.ino}:${st.mtimeNs}:${st.size}`;
    } catch (e) {
      if (codeOf(e) === 'ENOENT') return '';
      throw e;
    }
  }

  /** For a process that is not the writer: picks up a manifest another process committed. */
  async refresh(): Promise<void> {
    if (this.lock !== undefined) return;
    const stamp = await this.manifestStamp();
    if (stamp === this.stamp) return;
    const m = await readManifest(this.dir);
    if (m === undefined) return;
    checkEvolution(this.model, m, this.dir);
    this.load(m, stamp);
  }

  /** Makes this process the dataset's writer (once): takes the lock, reloads the manifest, clears what a crashed writer left. */
  async beginWrite(): Promise<void> {
    if (this.lock !== undefined) return;
    if (this.settings.readOnly) throw new RepositoryError('config', `the repository of ${this.dir} was opened readOnly`);
    await makeDir(join(this.dir, META_DIR));
    const lock = await acquireLock(this.dir, this.settings.lockTimeoutMs);
    try {
      const m = await readManifest(this.dir);
      if (m !== undefined) {
        checkEvolution(this.model, m, this.dir);
        this.load(m, await this.manifestStamp());
      }
      await this.recover();
    } catch (e) {
      await lock.release();
      throw e;
    }
    this.lock = lock;
  }

  /** Cuts appends that were never committed and removes files no manifest lists that a writer left. */
  private async recover(): Promise<void> {
    for (const f of this.files) {
      try {
        const st = await stat(join(this.dir, f.path));
        if (st.size > f.bytes) await truncate(join(this.dir, f.path), f.bytes);
      } catch (e) {
        if (codeOf(e) !== 'ENOENT') throw e;
      }
    }
    const listed = new Set(this.files.map((f) => f.path));
    const { files, inProgress } = await listFiles(this.dir);
    for (const path of inProgress) await rm(join(this.dir, path), { force: true });
    for (const path of files) {
      if (listed.has(path)) continue;
      const n = dataFileNumber(path.slice(path.lastIndexOf('/') + 1));
      if (path.endsWith('.tmp') || (n !== undefined && n >= this.nextFile)) await rm(join(this.dir, path), { force: true });
    }
    for (const sub of ['', 'index', 'deletes']) {
      let names: string[] = [];
      try {
        names = await readdir(join(this.dir, META_DIR, sub));
      } catch {
        continue;
      }
      for (const n of names) if (n.endsWith('.tmp') || n.endsWith('.stale')) await rm(join(this.dir, META_DIR, sub, n), { force: true });
    }
    this.problems = await this.scan();
  }

  async scan(): Promise<DatasetProblem[]> {
    return scanDirectory(this.dir, {
      committed: new Map(this.files.filter((f) => !f.isNew).map((f) => [f.path, f.bytes])),
      garbage: new Set(this.garbage.map((g) => g.path)),
      partitionBy: this.model.partitions.map((p) => p.name),
      nextFile: this.nextFile,
    });
  }

  file(n: number): LiveFile | undefined {
    return this.byNumber.get(n);
  }

  addFile(f: LiveFile): void {
    this.changed = true;
    this.files.push(f);
    this.byNumber.set(f.number, f);
  }

  /** Takes `f` out of the dataset (it becomes garbage once committed, or is deleted if never committed). */
  async dropFile(f: LiveFile): Promise<void> {
    this.changed = true;
    this.files = this.files.filter((x) => x !== f);
    this.byNumber.delete(f.number);
    if (f.isNew) await rm(join(this.dir, f.at), { force: true });
    else this.garbage.push({ path: f.path, since: Date.now() });
    if (f.deletesFile !== undefined && !f.isNew) this.garbage.push({ path: f.deletesFile, since: Date.now() });
  }

  /**
   * Makes everything written so far durable: data files fsynced, deletion sets written, then
   * the manifest replaced atomically. Sealed writers are closed and their indexes saved.
   */
  async commit(): Promise<void> {
    if (this.lock === undefined || !this.hasChanges()) return;
    this.changed = false;
    const dirs = new Set<string>();
    for (const f of this.files) {
      if (f.writer === undefined) continue;
      await f.writer.fsync();
      if (f.inProgress !== undefined) {
        // Complete and durable: now it gets its name (the manifest swap below makes it part of the dataset).
        await rename(join(this.dir, f.inProgress), join(this.dir, f.path));
        f.inProgress = undefined;
      }
      if (f.isNew) dirs.add(dirname(join(this.dir, f.path)));
    }
    for (const d of dirs) await syncDir(d);
    const g = this.generation + 1;
    for (const f of this.files) {
      if (!f.deletesDirty) continue;
      const old = await f.saveDeletes(this.dir, g);
      if (old !== undefined && !f.isNew) this.garbage.push({ path: old, since: Date.now() });
    }
    for (const f of this.files) {
      if (f.writer === undefined) continue;
      f.records = f.writer.records;
      f.bytes = f.writer.bytes;
      f.isNew = false;
      if (f.index !== undefined) {
        f.index.coveredBytes = f.bytes;
        f.index.ids.seal();
        f.indexSaved = false;
      }
    }
    const schemas = [...new Set(this.files.map((f) => f.schemaText))];
    const manifest: Manifest = {
      format: FORMAT, version: FORMAT_VERSION, generation: g, schema: this.model.type.schema(),
      idField: this.model.idField ?? null, partitionBy: this.model.partitions.map((p) => p.name), nextFile: this.nextFile,
      schemas, files: this.files.map((f) => f.entry(schemas.indexOf(f.schemaText))), garbage: this.garbage,
    };
    await writeManifest(this.dir, manifest);
    this.generation = g;
    this.stamp = await this.manifestStamp();
    for (const f of this.files) {
      if (f.writer === undefined || !f.sealed) continue;
      await f.writer.close();
      f.writer = undefined;
      f.sealed = false;
      await this.saveIndex(f);
    }
  }

  /** True when a commit would change the manifest. */
  private hasChanges(): boolean {
    if (this.changed) return true;
    return this.files.some((f) => f.isNew || f.deletesDirty || (f.writer !== undefined && (f.writer.total !== f.records || f.writer.bytes !== f.bytes)));
  }

  /**
   * Saves `f`'s id index if it is not on disk as it is. An index is a cache: a reader saves
   * the ones it rebuilt (unless readOnly), and a failure to save (a read-only mount) is ignored.
   */
  async saveIndex(f: LiveFile): Promise<void> {
    if (f.index === undefined || f.indexSaved || f.isNew || f.index.coveredBytes !== f.bytes || this.settings.readOnly) return;
    try {
      await saveFileIndex(this.dir, f.number, f.ref(), f.index, this.model);
      f.indexSaved = true;
    } catch (e) {
      if (codeOf(e) === undefined) throw e;
    }
  }

  /** Builds the id map (loading, extending or rebuilding each file's index). */
  async ensureIdMap(): Promise<IdMap> {
    if (this.idMap !== undefined) return this.idMap;
    if (this.model.idField === undefined) throw new RepositoryError('config', 'this repository has no idField');
    const { codecs } = this.settings;
    const live: [LiveFile, Ordinals | undefined][] = [];
    for (const f of this.files) {
      if (f.index === undefined) {
        const { index, source } = await loadFileIndex(this.dir, f.number, f.ref(), this.model, codecs, this.decoders);
        f.index = index;
        f.indexSaved = source === 'loaded';
        if (f.writer === undefined) await this.saveIndex(f);
      }
      live.push([f, await f.deletedSet(this.dir)]);
    }
    // Comparisons come in runs on one or two files: the last file's ids are kept at hand.
    let lastNumber = -1;
    let lastIds: IdList | undefined;
    const idsOf = (n: number): IdList | undefined => {
      if (n !== lastNumber) {
        lastNumber = n;
        lastIds = this.byNumber.get(n)?.index?.ids;
      }
      return lastIds;
    };
    this.idMap = buildIdMap(live, {
      idAt: (n, o) => idsOf(n)?.get(o),
      isId: (n, o, id) => idsOf(n)?.is(o, id) ?? false,
    });
    return this.idMap;
  }

  /** Deletes garbage older than `olderThanMs`; returns the paths removed. */
  async vacuum(olderThanMs: number): Promise<string[]> {
    const now = Date.now();
    const removed: string[] = [];
    const kept: GarbageEntry[] = [];
    for (const g of this.garbage) {
      if (now - g.since >= olderThanMs) {
        await this.handles.drop(join(this.dir, g.path));
        await rm(join(this.dir, g.path), { force: true });
        removed.push(g.path);
      } else kept.push(g);
    }
    this.garbage = kept;
    if (removed.length > 0) this.changed = true;
    for (const p of removed) {
      const n = dataFileNumber(p.slice(p.lastIndexOf('/') + 1));
      if (n !== undefined) await rm(join(this.dir, indexPath(n)), { force: true });
    }
    return removed;
  }

  /** Commits, saves indexes, closes files and releases the lock. */
  async close(): Promise<void> {
    try {
      if (this.lock !== undefined) {
        await this.commit();
        for (const f of this.files) {
          if (f.writer !== undefined) {
            await f.writer.close();
            f.writer = undefined;
          }
          await this.saveIndex(f);
        }
      }
    } finally {
      this.closed = true;
      await this.handles.closeAll();
      await this.lock?.release();
      this.lock = undefined;
    }
  }
}
