import { defaultCodecs } from '../container/index.js';
import type { CodecRegistry } from '../container/index.js';
import type { Type } from '../type.js';
import { RepositoryError } from './errors.js';

/** Options of `Repository.open`. */
export interface RepositoryOptions {
  /**
   * The entity's `Type` (for a decorated class, `typeOf(Class)`, whose decoded records are
   * instances of the class), or a record schema.
   */
  type: Type | unknown;
  /** The field that identifies an entity: enables `findById`, and a save of an existing id replaces it. */
  idField?: string;
  /** Fields whose values name directories (`country=NL/`), Hive style; fixed when the dataset is created. */
  partitionBy?: readonly string[];
  /** Block codec of new files (default `null`; `deflate`, `snappy`, `zstandard`, … as `avrokit/container` knows them). */
  codec?: string;
  /** Codecs by name (default: every codec `avrokit/container` has). */
  codecs?: CodecRegistry;
  /** A block is written when its records take this many bytes (default 64 KiB). */
  blockBytes?: number;
  /** A new file is started when the current one reaches this size (default 128 MiB). */
  maxFileBytes?: number;
  /** A new file is started when the current one holds this many records (default: no limit). */
  maxFileRecords?: number;
  /** How long to wait for another process's writer lock before failing (default 0: fail at once). */
  lockTimeoutMs?: number;
  /**
   * Files a rewrite replaced stay on disk this long for readers of older snapshots, then
   * `compact` or `vacuum` remove them (default 60 000 ms).
   */
  retainObsoleteMs?: number;
  /** Refuse every change (no lock is ever taken). */
  readOnly?: boolean;
}

/** {@link RepositoryOptions} with defaults applied and checked. */
export interface Settings {
  readonly idField: string | undefined;
  readonly partitionBy: readonly string[];
  readonly codec: string;
  readonly codecs: CodecRegistry;
  readonly blockBytes: number;
  readonly maxFileBytes: number;
  readonly maxFileRecords: number;
  readonly lockTimeoutMs: number;
  readonly retainObsoleteMs: number;
  readonly readOnly: boolean;
}

export function settingsOf(o: RepositoryOptions): Settings {
  const codecs = o.codecs ?? defaultCodecs();
  const codec = o.codec ?? 'null';
  if (!codecs.has(codec)) throw new RepositoryError('config', `unknown codec "${codec}" (known: ${codecs.names().join(', ')})`);
  return {
    idField: o.idField,
    partitionBy: o.partitionBy ?? [],
    codec,
    codecs,
    blockBytes: atLeast('blockBytes', o.blockBytes ?? 64 * 1024, 1),
    maxFileBytes: atLeast('maxFileBytes', o.maxFileBytes ?? 128 * 1024 * 1024, 1),
    maxFileRecords: atLeast('maxFileRecords', o.maxFileRecords ?? Infinity, 1),
    lockTimeoutMs: atLeast('lockTimeoutMs', o.lockTimeoutMs ?? 0, 0),
    retainObsoleteMs: atLeast('retainObsoleteMs', o.retainObsoleteMs ?? 60_000, 0),
    readOnly: o.readOnly ?? false,
  };
}

function atLeast(name: string, v: number, min: number): number {
  if (!(typeof v === 'number' && v >= min)) throw new RepositoryError('config', `${name} must be a number ≥ ${min}, got ${String(v)}`);
  return v;
}
