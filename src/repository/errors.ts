/**
 * What can go wrong with a repository, by kind, so callers can tell a misuse from a damaged
 * dataset or a busy one:
 * - `config`: the options do not fit the schema or the dataset (unknown id field, a partition
 *   field of a type that cannot name a directory, partitioning that differs from the dataset's);
 * - `incompatible`: the class's schema cannot read data already in the dataset (the
 *   compatibility report is in {@link RepositoryError.incompatibilities});
 * - `invalid`: a value to save does not fit the schema (`path` locates the field);
 * - `locked`: another writer holds the dataset;
 * - `manifest`: the dataset's manifest is unreadable or not ours;
 * - `damaged`: a data file is missing, shorter than committed, or unreadable (`file` names it);
 * - `closed`: the repository was closed.
 */
export type RepositoryErrorKind = 'config' | 'incompatible' | 'invalid' | 'locked' | 'manifest' | 'damaged' | 'closed';

/** One reason why the new schema cannot read an old file (from the resolution checker). */
export interface SchemaIncompatibility {
  /** The data file (relative to the dataset) whose schema is concerned. */
  readonly file: string;
  readonly kind: string;
  readonly message: string;
  /** Readable location in the new schema, e.g. `Order.items[].price`. */
  readonly path: string;
}

/** An error of a repository operation; the message says where and what to do. */
export class RepositoryError extends Error {
  override name = 'RepositoryError';
  readonly kind: RepositoryErrorKind;
  /** The file concerned, relative to the dataset directory, when one is. */
  readonly file: string | undefined;
  /** The location inside a value (kind `invalid`), e.g. `items[2].price`. */
  readonly path: string | undefined;
  /** The compatibility report (kind `incompatible`). */
  readonly incompatibilities: readonly SchemaIncompatibility[];

  constructor(
    kind: RepositoryErrorKind,
    message: string,
    details: { file?: string; path?: string; incompatibilities?: readonly SchemaIncompatibility[]; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.file = details.file;
    this.path = details.path;
    this.incompatibilities = details.incompatibilities ?? [];
  }
}

/** The message of any thrown value. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Node's error code (`ENOENT`, `EEXIST`…) of a thrown value, if any. */
export function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
