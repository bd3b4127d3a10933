/**
 * What is in a dataset directory besides the dataset: foreign files (not listed in the
 * manifest), files an interrupted writer left (never committed), and listed files that are
 * missing or shorter than committed. Hidden names (`.x`, `_x`) are skipped, as Hive and Spark
 * skip them (`_SUCCESS`, `.crc` files).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { codeOf } from './errors.js';
import { dataFileNumber, isInProgressName } from './layout.js';

/** Something wrong or unexpected in the dataset directory. */
export interface DatasetProblem {
  /** Path relative to the dataset directory. */
  readonly file: string;
  /**
   * `foreign`: not part of the dataset (ignored by queries); `uncommitted`: written by a
   * writer that stopped before committing it (removed by the next writer); `missing`,
   * `truncated`, `damaged`: a listed file that cannot be read as committed.
   */
  readonly kind: 'foreign' | 'uncommitted' | 'missing' | 'truncated' | 'damaged';
  readonly reason: string;
}

/** What the scan needs to know of the dataset. */
export interface KnownFiles {
  /** Committed length by path of every listed data file. */
  readonly committed: ReadonlyMap<string, number>;
  /** Files kept for old snapshots (not foreign). */
  readonly garbage: ReadonlySet<string>;
  readonly partitionBy: readonly string[];
  readonly nextFile: number;
}

/** Every file of `dir` (outside `_avrokit/` and hidden names), relative, `/`-separated. */
export async function listFiles(dir: string, rel = ''): Promise<{ files: string[]; dirs: string[]; inProgress: string[] }> {
  const out = { files: [] as string[], dirs: [] as string[], inProgress: [] as string[] };
  let entries;
  try {
    entries = await readdir(join(dir, rel), { withFileTypes: true });
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return out;
    throw e;
  }
  for (const e of entries) {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isFile() && isInProgressName(e.name)) out.inProgress.push(path);
    if (e.name.startsWith('_') || e.name.startsWith('.')) continue;
    if (e.isDirectory()) {
      out.dirs.push(path);
      const sub = await listFiles(dir, path);
      out.files.push(...sub.files);
      out.dirs.push(...sub.dirs);
      out.inProgress.push(...sub.inProgress);
    } else out.files.push(path);
  }
  return out;
}

/** Problems of the directory layout (no file content is read). */
export async function scanDirectory(dir: string, known: KnownFiles): Promise<DatasetProblem[]> {
  const problems: DatasetProblem[] = [];
  const { files, inProgress } = await listFiles(dir);
  for (const path of inProgress) {
    problems.push({ file: path, kind: 'uncommitted', reason: 'a data file a writer was making when it stopped; removed by the next writer' });
  }
  for (const path of files) {
    if (known.committed.has(path) || known.garbage.has(path)) continue;
    if (path.endsWith('.tmp')) {
      problems.push({ file: path, kind: 'uncommitted', reason: 'a temporary file of an interrupted write; removed by the next writer' });
      continue;
    }
    const name = path.slice(path.lastIndexOf('/') + 1);
    const n = dataFileNumber(name);
    const depth = path.split('/').length - 1;
    if (n !== undefined && n >= known.nextFile && depth === known.partitionBy.length) {
      problems.push({ file: path, kind: 'uncommitted', reason: 'written by a writer that stopped before committing it; removed by the next writer' });
    } else {
      const why = !name.endsWith('.avro') ? 'not an Avro data file' : 'an Avro file the manifest does not list';
      problems.push({ file: path, kind: 'foreign', reason: `${why}: not part of the dataset, ignored by queries` });
    }
  }
  for (const [path, bytes] of known.committed) {
    try {
      const st = await stat(join(dir, path));
      if (st.size < bytes) {
        problems.push({ file: path, kind: 'truncated', reason: `it has ${st.size} bytes, ${bytes} were committed: it was cut or replaced` });
      }
    } catch (e) {
      if (codeOf(e) !== 'ENOENT') throw e;
      problems.push({ file: path, kind: 'missing', reason: 'listed in the manifest but not on disk' });
    }
  }
  return problems;
}
