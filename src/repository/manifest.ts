/**
 * The manifest: the one file that says what the dataset is. It lists every data file with the
 * length and record count committed in it, so a reader reads exactly that snapshot, whatever
 * a writer is appending or rewriting meanwhile. Writers replace it atomically
 * (`_avrokit/manifest.json`, written beside and renamed over), after the data it lists is
 * durable. Files a writer put on disk and a crash kept from being listed are not part of the
 * dataset.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './durable.js';
import { codeOf, messageOf, RepositoryError } from './errors.js';

/** The folder of the dataset's own files; Hive, Spark and Trino skip names starting with `_`. */
export const META_DIR = '_avrokit';
export const MANIFEST_FILE = `${META_DIR}/manifest.json`;
export const FORMAT = 'avrokit.dataset';
export const FORMAT_VERSION = 1;

/** One data file as committed. */
export interface FileEntry {
  /** Path relative to the dataset directory, `/`-separated (`country=NL/part-00003.avro`). */
  readonly path: string;
  /** Unique in the dataset, never reused; names the file's index and deletion files. */
  readonly number: number;
  /** Records committed in the file (including superseded ones, see `deleted`). */
  readonly records: number;
  /** Bytes committed: the file is read up to here; bytes after it are an unfinished append. */
  readonly bytes: number;
  /** The file's sync marker in hex (ties indexes to this very file). */
  readonly sync: string;
  readonly codec: string;
  /** Index into {@link Manifest.schemas} of the file's schema. */
  readonly schema: number;
  /** Sidecar file listing the ordinals of records superseded by a later save of their id. */
  readonly deletes?: string;
  /** How many records `deletes` lists. */
  readonly deleted?: number;
}

/** A file no longer in the dataset, kept for readers of older snapshots until vacuumed. */
export interface GarbageEntry {
  readonly path: string;
  /** When it left the dataset (ms since the epoch). */
  readonly since: number;
}

export interface Manifest {
  readonly format: typeof FORMAT;
  readonly version: typeof FORMAT_VERSION;
  /** Increases with every commit. */
  readonly generation: number;
  /** The entity schema of the last writer (partition fields included). */
  readonly schema: unknown;
  readonly idField: string | null;
  readonly partitionBy: readonly string[];
  /** The number the next new data file gets. */
  readonly nextFile: number;
  /** Schemas of the data files as stored (JSON text, without partition fields). */
  readonly schemas: readonly string[];
  readonly files: readonly FileEntry[];
  readonly garbage: readonly GarbageEntry[];
}

/** A manifest for a new dataset. */
export function emptyManifest(schema: unknown, idField: string | null, partitionBy: readonly string[]): Manifest {
  return {
    format: FORMAT, version: FORMAT_VERSION, generation: 0, schema, idField, partitionBy: [...partitionBy],
    nextFile: 1, schemas: [], files: [], garbage: [],
  };
}

/** Reads the manifest of `dir`; undefined when there is none (not a dataset yet). */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw new RepositoryError('manifest', `cannot read ${MANIFEST_FILE} in ${dir}: ${messageOf(e)}`, { file: MANIFEST_FILE, cause: e });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new RepositoryError('manifest', `${MANIFEST_FILE} in ${dir} is not valid JSON (${messageOf(e)}); restore it from a backup`, {
      file: MANIFEST_FILE,
      cause: e,
    });
  }
  const problem = checkManifest(value);
  if (problem !== undefined) {
    throw new RepositoryError('manifest', `${MANIFEST_FILE} in ${dir} is not an avrokit dataset manifest: ${problem}`, { file: MANIFEST_FILE });
  }
  return value as Manifest;
}

/** Replaces the manifest of `dir` atomically and durably. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
}

/** What is wrong with a parsed manifest, or undefined. */
export function checkManifest(v: unknown): string | undefined {
  if (!isObject(v)) return 'not a JSON object';
  if (v['format'] !== FORMAT) return `"format" is ${JSON.stringify(v['format'])}, expected "${FORMAT}"`;
  if (v['version'] !== FORMAT_VERSION) return `version ${JSON.stringify(v['version'])} is not supported (this avrokit reads version ${FORMAT_VERSION})`;
  for (const k of ['generation', 'nextFile']) if (!isCount(v[k])) return `"${k}" is not a non-negative integer`;
  if (!(v['idField'] === null || typeof v['idField'] === 'string')) return '"idField" is neither null nor a string';
  if (!isStrings(v['partitionBy'])) return '"partitionBy" is not a list of names';
  if (!isStrings(v['schemas'])) return '"schemas" is not a list of schema texts';
  const schemas = v['schemas'] as string[];
  if (!Array.isArray(v['files'])) return '"files" is not a list';
  const seen = new Set<string>();
  for (const [i, f] of (v['files'] as unknown[]).entries()) {
    if (!isObject(f) || typeof f['path'] !== 'string') return `files[${i}] has no path`;
    const where = `files[${i}] (${f['path']})`;
    if (seen.has(f['path'])) return `${where} is listed twice`;
    seen.add(f['path']);
    if (f['path'].startsWith('/') || f['path'].split('/').includes('..')) return `${where} is outside the dataset`;
    for (const k of ['number', 'records', 'bytes']) if (!isCount(f[k])) return `${where}: "${k}" is not a non-negative integer`;
    if (typeof f['sync'] !== 'string' || !/^[0-9a-f]{32}$/.test(f['sync'])) return `${where}: "sync" is not 32 hex digits`;
    if (typeof f['codec'] !== 'string') return `${where}: "codec" is not a string`;
    if (!isCount(f['schema']) || (f['schema'] as number) >= schemas.length) return `${where}: "schema" is not an index into "schemas"`;
    if (f['deletes'] !== undefined && typeof f['deletes'] !== 'string') return `${where}: "deletes" is not a path`;
  }
  if (!Array.isArray(v['garbage'])) return '"garbage" is not a list';
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): boolean {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

function isStrings(v: unknown): boolean {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
