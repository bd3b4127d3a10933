/**
 * Limits a container reader applies before it allocates, against hostile or damaged files.
 * Every size read from a file is checked against these (and against the bytes actually
 * present) first; the defaults accept any file written by Avro's own implementations with
 * their default settings and leave ample room above them.
 */
export interface ContainerLimits {
  /** Largest header (magic, metadata, sync marker), in bytes. Default 16 MiB. */
  readonly maxHeaderBytes: number;
  /**
   * Largest block, in bytes, both as stored and after decompression. Default 256 MiB
   * (Java's writer flushes a block at 64 KB by default, at most at 1 GiB).
   */
  readonly maxBlockBytes: number;
  /**
   * Most records in one block. Records of schemas that take at least one byte are also bounded
   * by the block's size; this bounds zero-byte records (a `null` schema). Default 10,000,000.
   */
  readonly maxBlockRecords: number;
}

export const DEFAULT_CONTAINER_LIMITS: ContainerLimits = Object.freeze({
  maxHeaderBytes: 16 << 20,
  maxBlockBytes: 256 << 20,
  maxBlockRecords: 10_000_000,
});

/** `limits` over the defaults, each checked to be a positive integer. */
export function containerLimits(limits: Partial<ContainerLimits> = {}): ContainerLimits {
  const out = { ...DEFAULT_CONTAINER_LIMITS, ...limits };
  for (const [k, v] of Object.entries(out)) {
    if (!Number.isSafeInteger(v) || v <= 0) throw new RangeError(`container limit ${k} must be a positive integer, got ${v}`);
  }
  return out;
}
