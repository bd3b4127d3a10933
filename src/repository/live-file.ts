/**
 * A data file as this process knows it: what the manifest committed for it, the writer
 * appending to it (if any), its id index and its deletion set (ordinals of records a later
 * save of the same id superseded). Deletion sets are copy-on-write, so a query that started
 * before a save keeps seeing the set it started with.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './durable.js';
import { codeOf, messageOf, RepositoryError } from './errors.js';
import type { FileRef } from './file-reader.js';
import type { FileIndex } from './file-index.js';
import type { DataFileWriter } from './file-writer.js';
import { deletesPath, partitionSegments } from './layout.js';
import { OrdinalSet } from './ordinal-set.js';
import type { Ordinals } from './ordinal-set.js';
import type { FileEntry } from './manifest.js';

export class LiveFile {
  /** Committed records (including superseded ones). */
  records: number;
  /** Committed bytes. */
  bytes: number;
  /** True until a manifest lists the file. */
  isNew: boolean;
  writer: DataFileWriter | undefined;
  /**
   * The hidden name (`.part-00007.avro.inprogress`) a new file is written under until its first
   * commit renames it to {@link path}: engines that list the directory never see a file being made.
   */
  inProgress: string | undefined;
  /** True once the writer has finished the file (rolled): it is closed at the next commit. */
  sealed = false;
  index: FileIndex | undefined;
  /** True when the index on disk is what {@link index} says. */
  indexSaved = false;
  /** The deletion file of the manifest, if any. */
  deletesFile: string | undefined;
  private deleted: OrdinalSet | undefined;
  private deletedLoaded: boolean;
  private deletedShared = false;
  deletesDirty = false;
  /** The partition directory's value texts (escaped), in partition order. */
  readonly partition: readonly string[];

  constructor(
    readonly path: string,
    readonly number: number,
    readonly sync: string,
    readonly codec: string,
    readonly schemaText: string,
    committed: { records: number; bytes: number },
    deletesFile: string | undefined,
    isNew: boolean,
  ) {
    this.records = committed.records;
    this.bytes = committed.bytes;
    this.deletesFile = deletesFile;
    this.deletedLoaded = deletesFile === undefined;
    this.isNew = isNew;
    this.partition = partitionSegments(path).map(([, v]) => v);
  }

  static fromEntry(e: FileEntry, schemas: readonly string[]): LiveFile {
    return new LiveFile(e.path, e.number, e.sync, e.codec, schemas[e.schema]!, e, e.deletes, false);
  }

  /** The file as readers see it now: with what this process's writer has written, committed or not. */
  ref(): FileRef {
    return {
      path: this.path, at: this.at, bytes: this.writer?.bytes ?? this.bytes, sync: this.sync, codec: this.codec, schemaText: this.schemaText,
    };
  }

  /** Where the file is on disk now, relative to the dataset. */
  get at(): string {
    return this.inProgress ?? this.path;
  }

  /** Records readers see now (see {@link ref}). */
  get visibleRecords(): number {
    return this.writer?.records ?? this.records;
  }

  /** Superseded records (loaded or not). */
  get deletedCount(): number | undefined {
    return this.deletedLoaded ? (this.deleted?.size ?? 0) : undefined;
  }

  /** The deletion set (loaded from its file on first use); shared with the caller until the next change. */
  async deletedSet(dir: string): Promise<Ordinals | undefined> {
    if (!this.deletedLoaded) {
      this.deleted = await readDeletes(dir, this.deletesFile!, this.path, this.records);
      this.deletedLoaded = true;
    }
    this.deletedShared = true;
    return this.deleted;
  }

  /** Marks `ordinal` superseded; returns false when it already was. Call after {@link deletedSet}. */
  addDeleted(ordinal: number): boolean {
    if (this.deleted === undefined) this.deleted = new OrdinalSet();
    else if (this.deleted.has(ordinal)) return false;
    else if (this.deletedShared) this.deleted = this.deleted.copy();
    this.deletedShared = false;
    this.deleted.add(ordinal);
    this.deletesDirty = true;
    return true;
  }

  /** Takes back {@link addDeleted} (a failed batch). */
  removeDeleted(ordinal: number): void {
    if (this.deleted === undefined) return;
    if (this.deletedShared) this.deleted = this.deleted.copy();
    this.deletedShared = false;
    this.deleted.delete(ordinal);
  }

  /** Writes the deletion set to a new file for manifest generation `g`; returns the file replaced, if any. */
  async saveDeletes(dir: string, g: number): Promise<string | undefined> {
    const old = this.deletesFile;
    this.deletesDirty = false;
    if (this.deleted === undefined || this.deleted.size === 0) {
      this.deletesFile = undefined;
      return old;
    }
    const path = deletesPath(this.number, g);
    const ordinals = this.deleted.toArray();
    await writeFileAtomic(join(dir, path), JSON.stringify({ file: this.path, sync: this.sync, ordinals }));
    this.deletesFile = path;
    return old;
  }

  /** The manifest entry of the committed state. */
  entry(schemaIndex: number): FileEntry {
    const e: FileEntry = {
      path: this.path, number: this.number, records: this.records, bytes: this.bytes, sync: this.sync, codec: this.codec,
      schema: schemaIndex,
    };
    if (this.deletesFile === undefined) return e;
    return { ...e, deletes: this.deletesFile, deleted: this.deleted?.size ?? 0 };
  }
}

async function readDeletes(dir: string, file: string, data: string, records: number): Promise<OrdinalSet> {
  let v: unknown;
  try {
    v = JSON.parse(await readFile(join(dir, file), 'utf8'));
  } catch (e) {
    const why = codeOf(e) === 'ENOENT' ? 'it is missing' : messageOf(e);
    throw new RepositoryError('damaged', `${file} (the superseded records of ${data}) cannot be read: ${why}`, { file, cause: e });
  }
  const ordinals = (v as { ordinals?: unknown })?.ordinals;
  if (!Array.isArray(ordinals) || !ordinals.every((x) => Number.isInteger(x) && x >= 0 && x < records)) {
    throw new RepositoryError('damaged', `${file} (the superseded records of ${data}) has no list of ordinals below ${records}`, { file });
  }
  return OrdinalSet.of(ordinals as number[]);
}
