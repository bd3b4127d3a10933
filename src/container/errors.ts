/**
 * What went wrong in a container file, by kind, so callers can tell a damaged file from a
 * misuse: `magic` (not an Avro container), `header`, `codec` (unknown or failing codec),
 * `block` (a block whose framing or content is bad), `sync` (a block not followed by the
 * file's sync marker), `truncated` (the input ends inside a block or the header), `limit`
 * (a size over the reader's limits), `schema` (a schema that does not match the file).
 */
export type ContainerErrorKind = 'magic' | 'header' | 'codec' | 'block' | 'sync' | 'truncated' | 'limit' | 'schema';

/**
 * An error reading or writing an object container file. `offset` is the byte offset in the
 * file of the block (or header) concerned, or -1 when no offset applies.
 */
export class AvroContainerError extends Error {
  override name = 'AvroContainerError';
  readonly kind: ContainerErrorKind;
  readonly offset: number;
  /** The message without the location. */
  readonly reason: string;

  constructor(kind: ContainerErrorKind, reason: string, offset: number, options?: { cause?: unknown }) {
    super(offset >= 0 ? `${reason} (block at byte ${offset})` : reason, options);
    this.kind = kind;
    this.offset = offset;
    this.reason = reason;
  }
}

/** Something a reader skipped (option `onDamage: 'skip'`) or found missing at the end. */
export interface DamageReport {
  /** `truncated`: the input ended inside a block; otherwise the error kind of the bad block. */
  readonly kind: ContainerErrorKind;
  /** File offset of the first byte not read as data (the bad block's start). */
  readonly offset: number;
  /** Bytes passed over, from `offset` to where reading resumed (or to the end of the input). */
  readonly skippedBytes: number;
  /**
   * Records lost, when the bad block's header could be read (its count, less the records of
   * it that were decoded and kept); undefined when unknown.
   */
  readonly lostRecords: number | undefined;
  /** What was wrong. */
  readonly reason: string;
}
