/**
 * Where things are in a dataset directory: data files (`part-00001.avro`), Hive-style
 * partition directories (`country=NL/year=2024/`), and the dataset's own files under
 * `_avrokit/` (manifest, lock, id indexes, deletion files). Partition values are escaped the
 * way Hive and Spark escape them, so those engines read the same values back.
 */
import { META_DIR } from './manifest.js';

export const INDEX_DIR = `${META_DIR}/index`;
export const DELETES_DIR = `${META_DIR}/deletes`;

/** Hive's name for the directory of null values. */
export const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

const DATA_FILE = /^part-(\d+)\.avro$/;

/** The name of data file `n`. */
export function dataFileName(n: number): string {
  return `part-${String(n).padStart(5, '0')}.avro`;
}

/** The number of a data file name, or undefined when the name is not one of ours. */
export function dataFileNumber(name: string): number | undefined {
  const m = DATA_FILE.exec(name);
  return m === null ? undefined : Number(m[1]);
}

/** The hidden name data file `n` has while it is written, before its first commit. */
export function inProgressName(n: number): string {
  return `.${dataFileName(n)}.inprogress`;
}

/** True for the name of a file that was being written when its writer stopped. */
export function isInProgressName(name: string): boolean {
  return /^\.part-\d+\.avro\.inprogress$/.test(name);
}

/** The id index of data file `n`. */
export function indexPath(n: number): string {
  return `${INDEX_DIR}/${String(n).padStart(5, '0')}.idx.avro`;
}

/** A new deletion file of data file `n` at manifest generation `g`. */
export function deletesPath(n: number, g: number): string {
  return `${DELETES_DIR}/${String(n).padStart(5, '0')}-g${g}.json`;
}

/** Characters Hive and Spark escape in partition values (ExternalCatalogUtils' set). */
function needsEscape(code: number): boolean {
  return code < 0x20 || code === 0x7f || '"#%\'*/:=?\\{[]^'.includes(String.fromCharCode(code));
}

/** A partition value's text as a path segment (`%XX` escapes, as Hive writes them). */
export function escapePartitionText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code < 0x80 && needsEscape(code) ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : ch;
  }
  return out;
}

/** The text of an escaped path segment. */
export function unescapePartitionText(segment: string): string {
  return segment.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** `name=value` segments of a relative path, in order, up to the file name. */
export function partitionSegments(path: string): [string, string][] {
  const parts = path.split('/');
  parts.pop();
  const out: [string, string][] = [];
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq <= 0) return out;
    out.push([unescapePartitionText(p.slice(0, eq)), p.slice(eq + 1)]);
  }
  return out;
}

/** The directory (relative, no trailing slash, `''` for none) of partition values given as texts. */
export function partitionDir(fields: readonly string[], texts: readonly string[]): string {
  return fields.map((f, i) => `${escapePartitionText(f)}=${texts[i]}`).join('/');
}

/** Joins a partition directory and a file name. */
export function joinRelative(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}
