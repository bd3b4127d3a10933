/**
 * Changes to records already written go through an atomic rewrite: the affected files are
 * read (through resolution, so they come out in the current schema), written anew without the
 * deleted records or with the changed ones, made durable, and swapped in by one manifest
 * replacement; the old files stay for readers of older snapshots until vacuumed. `compact`
 * is the same rewrite with nothing changed: superseded records dropped, small files merged,
 * old schemas brought to the current one.
 */
import type { Dataset } from './dataset.js';
import type { CompiledWhere } from './filter.js';
import { scanBatches, takeSnapshot } from './query.js';
import type { SnapFile } from './query.js';
import { WriteSession } from './session.js';

/** What to do with a record a rewrite reads: keep it (unchanged or changed) or drop it. */
export type Transform = (entity: Record<string, unknown>, matches: boolean) => unknown;

/** What a rewrite did. */
export interface RewriteResult {
  /** Records that matched the filter. */
  readonly matched: number;
  readonly filesRewritten: number;
  readonly filesWritten: number;
  /** Superseded or dropped records no longer stored. */
  readonly recordsDropped: number;
}

const EVERYTHING: CompiledWhere = { fields: new Set(), test: () => true, partition: () => true, ids: undefined, all: true };

/**
 * Rewrites the files of `snap` that hold a match of `where` (all of `files` when `all`),
 * passing each live record to `transform` (undefined: drop it). Runs as the writer, with
 * `writer`'s files sealed first; nothing changes if any record fails.
 */
export async function rewriteFiles(
  ds: Dataset, files: readonly SnapFile[], where: CompiledWhere, transform: Transform, all: boolean,
): Promise<RewriteResult> {
  const chosen: SnapFile[] = [];
  let matched = 0;
  for (const s of files) {
    if (!where.partition(s.values)) continue;
    let n = 0;
    if (where.all) n = s.file.visibleRecords - (s.deleted?.size ?? 0);
    else {
      for await (const b of scanBatches(ds, [s], { where, select: new Set(), skip: 0, limit: Infinity })) n += b.length;
    }
    matched += n;
    if (n > 0 || all) chosen.push(s);
  }
  if (chosen.length === 0) return { matched: 0, filesRewritten: 0, filesWritten: 0, recordsDropped: 0 };
  let read = 0;
  let kept = 0;
  async function* records(): AsyncGenerator<unknown> {
    for (const s of chosen) {
      read += s.file.visibleRecords;
      for await (const batch of scanBatches(ds, [s], { where: EVERYTHING, select: undefined, skip: 0, limit: Infinity })) {
        for (const r of batch) {
          const e = r as Record<string, unknown>;
          const out = transform(e, where.all || where.test(e));
          if (out !== undefined) {
            kept++;
            yield out;
          }
        }
      }
    }
  }
  const before = new Set(ds.files);
  const session = new WriteSession(ds, { appendToExisting: false, trackIds: false });
  await session.saveAll(records());
  session.sealAll();
  const written = ds.files.filter((f) => !before.has(f)).length;
  for (const s of chosen) await ds.dropFile(s.file);
  await ds.vacuum(ds.settings.retainObsoleteMs);
  await ds.commit();
  if (ds.model.idField !== undefined) {
    // Records moved: rebuild the id map from the files' indexes (an id changed by an update
    // to one another record has wins over it, as a save would).
    ds.idMap = undefined;
    await ds.ensureIdMap();
    if (ds.files.some((f) => f.deletesDirty)) await ds.commit();
  }
  return { matched, filesRewritten: chosen.length, filesWritten: written, recordsDropped: read - kept };
}

/** The files `compact` rewrites: with superseded records, an older schema or codec, or small ones sharing a partition. */
export function compactionCandidates(ds: Dataset, snap: readonly SnapFile[]): SnapFile[] {
  const { model, settings } = ds;
  const small = new Map<string, SnapFile[]>();
  const out = new Set<SnapFile>();
  for (const s of snap) {
    const dir = s.ref.path.slice(0, Math.max(0, s.ref.path.lastIndexOf('/')));
    if ((s.deleted?.size ?? 0) > 0 || s.ref.schemaText !== model.storedText || s.ref.codec !== settings.codec) out.add(s);
    if (s.ref.bytes < settings.maxFileBytes / 2 && s.file.visibleRecords < settings.maxFileRecords / 2) {
      const list = small.get(dir) ?? [];
      list.push(s);
      small.set(dir, list);
    }
  }
  for (const list of small.values()) if (list.length > 1) for (const s of list) out.add(s);
  return snap.filter((s) => out.has(s));
}

/** The snapshot of the dataset as the writer sees it after committing what it has. */
export async function writerSnapshot(ds: Dataset, session: WriteSession): Promise<SnapFile[]> {
  await ds.beginWrite();
  session.sealAll();
  await ds.commit();
  return takeSnapshot(ds);
}
