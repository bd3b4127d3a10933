import { AvroDecodeError } from '../wire/errors.js';
import { ByteReader } from '../wire/reader.js';
import { AvroContainerError } from './errors.js';
import type { ContainerErrorKind, DamageReport } from './errors.js';
import { SYNC_SIZE } from './header.js';
import type { ContainerLimits } from './limits.js';
import { indexOfMarker } from './source.js';
import type { ByteSource } from './source.js';

/** One block as stored: its place in the file, record count and (compressed) data. */
export interface RawBlock {
  /** File offset of the block's first byte (its record count). */
  readonly offset: number;
  /** File offset just past the block's sync marker. */
  readonly end: number;
  /** Records in the block. */
  readonly count: number;
  /** The block's data as stored, compressed by the file's codec. Do not modify. */
  readonly data: Uint8Array;
}

/** What to do with a damaged block: stop with an error, or skip to the next sync marker. */
export type DamagePolicy = 'error' | 'skip';

export interface FramingOptions {
  readonly limits: ContainerLimits;
  readonly onDamage: DamagePolicy;
  /**
   * Stop before a block whose preceding sync marker starts at or after this offset (the end
   * of a split); Infinity reads to the end of the input.
   */
  readonly stopAt: number;
}

/** A damaged block under `onDamage: 'error'`: the error, with what a report needs. */
export class FramingError extends AvroContainerError {
  constructor(
    kind: ContainerErrorKind,
    reason: string,
    offset: number,
    readonly lostRecords: number | undefined,
  ) {
    super(kind, reason, offset);
  }

  get report(): DamageReport {
    return { kind: this.kind, offset: this.offset, skippedBytes: 0, lostRecords: this.lostRecords, reason: this.reason };
  }
}

class BlockDamage {
  constructor(
    readonly kind: ContainerErrorKind,
    readonly reason: string,
    readonly count: number | undefined,
  ) {}
}

/** The largest block header: two 10-byte varints. */
const MAX_BLOCK_HEADER = 20;

/**
 * Reads block framing (count, size, data, sync marker) from `src`, which is positioned at a
 * block start right after a sync marker. Every size is checked against the limits and the
 * bytes present before anything is allocated. Damage either throws AvroContainerError
 * naming the block's offset, or, with `onDamage: 'skip'`, is reported and reading resumes
 * after the next sync marker found by scanning.
 */
/** What {@link readRawBlocks} yields: blocks, and (with `onDamage: 'skip'`) what it skipped, in file order. */
export type FramingItem = RawBlock | { readonly damage: DamageReport };

export async function* readRawBlocks(src: ByteSource, sync: Uint8Array, opts: FramingOptions): AsyncGenerator<FramingItem> {
  for (;;) {
    const offset = src.offset;
    if (offset - SYNC_SIZE >= opts.stopAt) return;
    if (src.available < MAX_BLOCK_HEADER) await src.ensure(MAX_BLOCK_HEADER);
    if (src.available === 0) return;
    const result = frameBlock(src, sync, opts.limits);
    let damage: BlockDamage;
    if (result instanceof BlockDamage) damage = result;
    else {
      const [headerLength, count, size] = result;
      const total = headerLength + size + SYNC_SIZE;
      if (src.available >= total || (await src.ensure(total))) {
        const dataStart = src.pos + headerLength;
        const syncAt = dataStart + size;
        if (indexOfMarker(src.buf, sync, syncAt, syncAt + SYNC_SIZE) === syncAt) {
          const data = src.buf.subarray(dataStart, syncAt);
          src.consume(total);
          yield { offset, end: offset + total, count, data };
          continue;
        }
        damage = new BlockDamage('sync', `the block of ${count} records and ${size} bytes is not followed by the file's sync marker`, count);
      } else {
        damage = new BlockDamage(
          'truncated',
          `the input ends inside a block: it announces ${count} records in ${size} bytes plus the sync marker, ` +
            `only ${src.available - headerLength} bytes follow (truncated file?)`,
          count,
        );
      }
    }
    if (opts.onDamage === 'error') throw new FramingError(damage.kind, damage.reason, offset, damage.count);
    const resumed = await skipToSync(src, sync, offset + 1);
    yield {
      damage: {
        kind: damage.kind,
        offset,
        skippedBytes: (resumed ? src.offset : src.offset + src.available) - offset,
        lostRecords: damage.count,
        reason: damage.reason,
      },
    };
    if (!resumed) return;
  }
}

/** Parses a block's count and size at `src.pos`: [header length, count, size] or the damage. */
function frameBlock(src: ByteSource, sync: Uint8Array, limits: ContainerLimits): [number, number, number] | BlockDamage {
  const r = new ByteReader(src.buf, src.pos, src.end);
  let count: number;
  let size: number;
  try {
    count = r.readLong();
    if (count < 0) return new BlockDamage('block', `negative record count ${count}`, undefined);
    if (count > limits.maxBlockRecords) {
      return new BlockDamage('limit', `the block claims ${count} records, over the limit of ${limits.maxBlockRecords} (limits.maxBlockRecords)`, undefined);
    }
    size = r.readLong();
  } catch (e) {
    if (e instanceof AvroDecodeError && src.eof && /truncated|unterminated/.test(e.reason)) {
      return new BlockDamage('truncated', `the input ends inside a block header (${src.available} bytes left; truncated file?)`, undefined);
    }
    return new BlockDamage('block', `invalid block header: ${e instanceof Error ? e.message : String(e)}`, undefined);
  }
  if (size < 0) return new BlockDamage('block', `negative block size ${size}`, count);
  if (size > limits.maxBlockBytes) {
    return new BlockDamage('limit', `the block claims ${size} bytes, over the limit of ${limits.maxBlockBytes} (limits.maxBlockBytes)`, count);
  }
  void sync;
  return [r.pos - src.pos, count, size];
}

/**
 * Moves `src` just past the next sync marker at or after absolute offset `from`. Returns
 * false (with everything consumed) when the input ends first. Keeps at most one chunk plus
 * 15 bytes in memory.
 */
export async function skipToSync(src: ByteSource, sync: Uint8Array, from: number): Promise<boolean> {
  src.consume(Math.min(from - src.offset, src.available));
  for (;;) {
    const at = indexOfMarker(src.buf, sync, src.pos, src.end);
    if (at >= 0) {
      src.consume(at - src.pos + SYNC_SIZE);
      return true;
    }
    // Keep the last 15 bytes: the marker may straddle this chunk and the next.
    src.consume(Math.max(0, src.available - (SYNC_SIZE - 1)));
    if (!(await src.ensure(src.available + 1))) {
      src.consume(src.available);
      return false;
    }
  }
}
