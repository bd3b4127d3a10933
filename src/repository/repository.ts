/**
 * The public repository: TypeORM's shape (save, find, findBy, findOne, count, exists, delete,
 * update) over a directory of standard Avro container files.
 */
import { join } from 'node:path';
import { Type } from '../type.js';
import { Dataset } from './dataset.js';
import { EntityModel } from './entity.js';
import type { IdKey } from './entity.js';
import { RepositoryError } from './errors.js';
import { decodeBlock, readBlocks } from './file-reader.js';
import { compileWhere } from './filter.js';
import type { Where } from './filter.js';
import type { DatasetProblem } from './inspect.js';
import { settingsOf } from './options.js';
import type { RepositoryOptions } from './options.js';
import { flatten, lookupById, scanBatches, takeSnapshot } from './query.js';
import type { ScanSpec, SnapFile } from './query.js';
import { compactionCandidates, rewriteFiles, writerSnapshot } from './rewrite.js';
import type { RewriteResult } from './rewrite.js';
import { WriteSession } from './session.js';

/** Options of `find`. */
export interface FindOptions<T> {
  where?: Where<T>;
  /** Fields to read and return (only these are decoded); default all. */
  select?: readonly (keyof T & string)[];
  /** Matches to pass over first. */
  skip?: number;
  /** Most matches to return. */
  limit?: number;
}

/** New values for some fields, or a function that changes an entity (in place, or returning the new one). */
export type Changes<T> = Partial<T> | ((entity: T) => T | void);

/** The entities a query finds: iterate with `for await`, or take them all with `toArray`. */
export class Query<T> implements AsyncIterable<T> {
  constructor(private readonly source: () => AsyncGenerator<unknown[]>) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return flatten<T>(this.source);
  }

  /** The entities a block at a time (the fastest way through millions). */
  batches(): AsyncGenerator<T[]> {
    return this.source() as AsyncGenerator<T[]>;
  }

  /** Every entity found, in an array (mind the memory for large results). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const b of this.source()) for (const e of b) out.push(e as T);
    return out;
  }
}

/** Figures about a dataset. */
export interface DatasetStats {
  readonly files: number;
  /** Live entities (superseded versions not counted). */
  readonly records: number;
  /** Bytes of data files. */
  readonly bytes: number;
  readonly partitions: number;
  /** Manifest generation (increases with every commit). */
  readonly generation: number;
}

/**
 * A dataset of entities of one class in a directory. Saved entities are durable after `flush`
 * or `close`; queries see what this repository saved and what other processes committed.
 */
/** A `Type` whose decoded values are `T` (e.g. `typeOf(Class)`): `Repository.open` infers `T` from it. */
type TypeOf<T> = Type & { fromBuffer(buf: Uint8Array, ...rest: never[]): T };

export class Repository<T extends object = Record<string, unknown>> {
  private constructor(
    private readonly ds: Dataset,
    private readonly session: WriteSession,
  ) {}

  /**
   * Opens the dataset in `dir` (created on the first save). Throws RepositoryError `incompatible`
   * with the report when the entity's schema cannot read data already there.
   */
  static async open<T extends object>(dir: string, options: RepositoryOptions & { type: TypeOf<T> }): Promise<Repository<T>>;
  static async open<T extends object = Record<string, unknown>>(dir: string, options: RepositoryOptions): Promise<Repository<T>>;
  static async open<T extends object>(dir: string, options: RepositoryOptions): Promise<Repository<T>> {
    const settings = settingsOf(options);
    const type = Type.forSchema(options.type);
    const model = new EntityModel(type, settings.idField, settings.partitionBy);
    const ds = await Dataset.open(dir, model, settings);
    return new Repository<T>(ds, new WriteSession(ds));
  }

  get directory(): string {
    return this.ds.dir;
  }

  /** The entity's Type. */
  get type(): Type {
    return this.ds.model.type;
  }

  /** Foreign, uncommitted, missing or truncated files found when the repository opened (or last became the writer). */
  get problems(): readonly DatasetProblem[] {
    return this.ds.problems;
  }

  /** Saves one entity, or a list as one batch (replacing entities of the same ids); durable after `flush`. */
  async save(entity: T): Promise<T>;
  async save(entities: T[]): Promise<T[]>;
  async save(entity: T | T[]): Promise<T | T[]> {
    const list = Array.isArray(entity) ? entity : [entity];
    await this.ds.exclusive(() => this.session.saveAll(list));
    return entity;
  }

  /** Saves entities as one batch: all are saved, or (a value that does not fit) none. */
  saveAll(entities: Iterable<T> | AsyncIterable<T>): Promise<number> {
    return this.ds.exclusive(() => this.session.saveAll(entities));
  }

  /** Makes everything saved durable (fsync, then an atomic manifest swap). */
  flush(): Promise<void> {
    return this.ds.exclusive(() => this.ds.commit());
  }

  /** Flushes, then releases files and the writer lock. */
  async close(): Promise<void> {
    if (this.ds.closed) return;
    await this.ds.exclusive(() => this.ds.close());
  }

  /** The entities matching `options.where` (all by default), in storage order. */
  find(options: FindOptions<T> = {}): Query<T> {
    const where = compileWhere(options.where, this.ds.model);
    const select = this.selection(options.select);
    const spec = { where, select, skip: options.skip ?? 0, limit: options.limit ?? Infinity };
    return new Query<T>(() => this.scan(spec));
  }

  findBy(where: Where<T>, options: Omit<FindOptions<T>, 'where'> = {}): Query<T> {
    return this.find({ ...options, where });
  }

  async findOne(options: FindOptions<T> = {}): Promise<T | undefined> {
    for await (const b of this.find({ ...options, limit: 1 }).batches()) return b[0];
    return undefined;
  }

  findOneBy(where: Where<T>): Promise<T | undefined> {
    return this.findOne({ where });
  }

  /** The entity with this id, read from the one block holding it (the id index says which). */
  async findById(id: IdKey, options: { select?: readonly (keyof T & string)[] } = {}): Promise<T | undefined> {
    const select = this.selection(options.select);
    this.needId();
    return this.ds.exclusive(async () => {
      await this.sync();
      return (await lookupById(this.ds, id, select)) as T | undefined;
    });
  }

  /** How many entities match (all by default); without a filter on stored fields, no data is read. */
  async count(where?: Where<T>): Promise<number> {
    const w = compileWhere(where, this.ds.model);
    const snap = await this.ds.exclusive(() => this.prepare());
    const partitionNames = new Set(this.ds.model.partitions.map((p) => p.name));
    if (w.fields !== undefined && [...w.fields].every((f) => partitionNames.has(f))) {
      let n = 0;
      for (const s of snap) if (w.partition(s.values)) n += s.file.visibleRecords - (s.deleted?.size ?? 0);
      return n;
    }
    let n = 0;
    for await (const b of scanBatches(this.ds, snap, { where: w, select: new Set(), skip: 0, limit: Infinity })) n += b.length;
    return n;
  }

  countBy(where: Where<T>): Promise<number> {
    return this.count(where);
  }

  async exists(where?: Where<T>): Promise<boolean> {
    const w = compileWhere(where, this.ds.model);
    const snap = await this.ds.exclusive(() => this.prepare());
    for await (const b of scanBatches(this.ds, snap, { where: w, select: new Set(), skip: 0, limit: 1 })) return b.length > 0;
    return false;
  }

  existsBy(where: Where<T>): Promise<boolean> {
    return this.exists(where);
  }

  /** Deletes the matching entities by rewriting the files holding them; returns how many. */
  async delete(where: Where<T>): Promise<number> {
    const w = this.criteria(where, 'delete');
    return this.ds.exclusive(async () => {
      const snap = await writerSnapshot(this.ds, this.session);
      const r = await rewriteFiles(this.ds, await this.narrow(snap, w.ids), w, (e, m) => (m ? undefined : e), false);
      return r.matched;
    });
  }

  /** Changes the matching entities by rewriting the files holding them; returns how many. */
  async update(where: Where<T>, changes: Changes<T>): Promise<number> {
    const w = this.criteria(where, 'update');
    const apply =
      typeof changes === 'function'
        ? (e: Record<string, unknown>) => (changes as (e: T) => T | void)(e as T) ?? e
        : (e: Record<string, unknown>) => Object.assign(e, changes);
    return this.ds.exclusive(async () => {
      const snap = await writerSnapshot(this.ds, this.session);
      const r = await rewriteFiles(this.ds, await this.narrow(snap, w.ids), w, (e, m) => (m ? apply(e) : e), false);
      return r.matched;
    });
  }

  /** Deletes every entity (the files leave the dataset; `vacuum` removes them); returns how many there were. */
  clear(): Promise<number> {
    return this.ds.exclusive(async () => {
      const snap = await writerSnapshot(this.ds, this.session);
      const all = compileWhere(undefined, this.ds.model);
      return (await rewriteFiles(this.ds, snap, all, () => undefined, true)).matched;
    });
  }

  /**
   * Rewrites files with superseded records, an older schema or codec, and merges small files
   * of a partition; then removes replaced files older than `retainObsoleteMs`.
   */
  compact(): Promise<RewriteResult> {
    return this.ds.exclusive(async () => {
      const snap = await writerSnapshot(this.ds, this.session);
      return rewriteFiles(this.ds, compactionCandidates(this.ds, snap), compileWhere(undefined, this.ds.model), (e) => e, true);
    });
  }

  /** Removes files replaced by rewrites at least `olderThanMs` ago (default `retainObsoleteMs`); returns their paths. */
  vacuum(options: { olderThanMs?: number } = {}): Promise<string[]> {
    return this.ds.exclusive(async () => {
      await this.ds.beginWrite();
      const removed = await this.ds.vacuum(options.olderThanMs ?? this.ds.settings.retainObsoleteMs);
      await this.ds.commit();
      return removed;
    });
  }

  /** Reads every file of the dataset in full; returns what is wrong, file by file (empty: all is well). */
  async verify(): Promise<DatasetProblem[]> {
    const snap = await this.ds.exclusive(async () => {
      await this.prepare();
      this.ds.problems = await this.ds.scan();
      return takeSnapshot(this.ds);
    });
    const problems = this.ds.problems.filter((p) => p.kind !== 'missing' && p.kind !== 'truncated');
    const node = this.ds.model.stored;
    for (const s of snap) {
      try {
        const read = this.ds.decoders.get(node, s.ref);
        const out: unknown[] = [];
        for await (const block of readBlocks(join(this.ds.dir, s.ref.at), s.ref, this.ds.settings.codecs)) {
          out.length = 0;
          decodeBlock(s.ref.path, block, read, out);
        }
      } catch (e) {
        const err = e instanceof RepositoryError ? e : new RepositoryError('damaged', String(e));
        const kind = /missing/.test(err.message) ? 'missing' : /bytes but/.test(err.message) ? 'truncated' : 'damaged';
        problems.push({ file: s.ref.path, kind, reason: err.message });
      }
    }
    return problems;
  }

  async stats(): Promise<DatasetStats> {
    const snap = await this.ds.exclusive(() => this.prepare());
    const partitions = new Set(snap.map((s) => s.file.partition.join('/')));
    return {
      files: snap.length,
      records: snap.reduce((n, s) => n + s.file.visibleRecords - (s.deleted?.size ?? 0), 0),
      bytes: snap.reduce((n, s) => n + s.ref.bytes, 0),
      partitions: partitions.size,
      generation: this.ds.generation,
    };
  }

  /** A filter for delete or update; an empty one is refused (as TypeORM does), `clear` says so. */
  private criteria(where: Where<T>, op: string) {
    const w = compileWhere(where, this.ds.model);
    if (w.all) {
      throw new RepositoryError('config', `${op} with empty criteria would change every entity: give a filter${op === 'delete' ? ', or call clear()' : ''}`);
    }
    return w;
  }

  private selection(select: readonly string[] | undefined): ReadonlySet<string> | undefined {
    if (select === undefined) return undefined;
    const known = new Set(this.ds.model.fieldNames());
    for (const f of select) {
      if (!known.has(f)) throw new RepositoryError('config', `select: ${this.ds.model.record.name} has no field "${f}"`);
    }
    return new Set(select);
  }

  private needId(): void {
    if (this.ds.model.idField === undefined) {
      throw new RepositoryError('config', 'findById needs the option idField (the field that identifies an entity)');
    }
  }

  /** This process's pending blocks written, other processes' commits picked up; the snapshot. */
  private async sync(): Promise<void> {
    await this.session.publish();
    await this.ds.refresh();
  }

  private async prepare(): Promise<SnapFile[]> {
    await this.sync();
    return takeSnapshot(this.ds);
  }

  private async *scan(spec: ScanSpec): AsyncGenerator<unknown[]> {
    const files = await this.ds.exclusive(async () => this.narrow(await this.prepare(), spec.where.ids));
    yield* scanBatches(this.ds, files, spec);
  }

  /** With ids pinned by the filter (and an id index), only the files holding them. */
  private async narrow(snap: SnapFile[], ids: readonly IdKey[] | undefined): Promise<SnapFile[]> {
    if (ids === undefined || this.ds.model.idField === undefined) return snap;
    const map = await this.ds.ensureIdMap();
    const numbers = new Set<number>();
    for (const id of ids) {
      const entry = map.find(id);
      if (entry >= 0) numbers.add(map.file(entry));
    }
    return snap.filter((s) => numbers.has(s.file.number));
  }
}

/** `Repository.open`, as a function. */
export function openRepository<T extends object = Record<string, unknown>>(dir: string, options: RepositoryOptions): Promise<Repository<T>> {
  return Repository.open<T>(dir, options);
}
