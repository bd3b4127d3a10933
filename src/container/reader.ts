import { Type } from '../type.js';
import type { Resolver, TypeOptions } from '../type.js';
import type { CodecRegistry } from './codec.js';
import { defaultCodecs } from './codecs/index.js';
import { BlockDecoder, RecordDecodeFailure } from './decode-block.js';
import { AvroContainerError } from './errors.js';
import type { DamageReport } from './errors.js';
import { FramingError, readRawBlocks } from './framing.js';
import type { DamagePolicy, FramingItem, RawBlock } from './framing.js';
import { decodeHeader } from './header.js';
import type { ContainerHeader } from './header.js';
import { containerLimits } from './limits.js';
import type { ContainerLimits } from './limits.js';
import { ByteSource } from './source.js';
import type { ByteInput } from './source.js';

/** Options of {@link ContainerReader.open} and the functions built on it. */
export interface ReadOptions {
  /**
   * The schema to read records as (schema evolution, or a projection onto a few fields): a
   * schema (JSON text or value) or a Type. Default: the file's own schema.
   */
  readerSchema?: unknown;
  /** Options for the Types built from the file's schema and `readerSchema` (longs, logical types, classes…). */
  typeOptions?: TypeOptions;
  /** Codecs by name (default {@link defaultCodecs}). */
  codecs?: CodecRegistry;
  /**
   * `'error'` (default): a damaged block stops reading with an AvroContainerError naming its
   * offset. `'skip'`: the reader skips to the next sync marker, records what it skipped in
   * {@link ContainerReader.damage} (and calls `onSkip`), and goes on. Records of a block that
   * decoded before the damaged record are kept.
   */
  onDamage?: DamagePolicy;
  /** With `onDamage: 'skip'`: called with each damage skipped, in file order. */
  onSkip?: (report: DamageReport) => void;
  limits?: Partial<ContainerLimits>;
}

/** A block's decoded records. */
export interface RecordBatch {
  /** File offset of the block. */
  readonly offset: number;
  readonly records: unknown[];
}

/** Internal: where to start reading blocks (splits). */
export interface BlockRange {
  readonly source: ByteSource;
  /** Stop before a block whose preceding sync marker starts at or after this offset. */
  readonly stopAt: number;
}

/**
 * Reads an object container file in one pass, in memory bounded by its largest block: the
 * header first ({@link ContainerReader.open}), then blocks, batches of records or records.
 *
 * ```ts
 * const reader = await ContainerReader.open(bytesOrChunks);
 * for await (const record of reader) console.log(record);
 * ```
 */
export class ContainerReader implements AsyncIterable<unknown> {
  /** Every damage found so far (skipped blocks, truncation). */
  readonly damage: DamageReport[] = [];
  private consumed = false;

  private constructor(
    /** The file's header. */
    readonly header: ContainerHeader,
    /** The file's schema. */
    readonly writerType: Type,
    /** The Type records are read as (`readerSchema`, or the writer's). */
    readonly type: Type,
    private readonly resolver: Resolver | undefined,
    private readonly codecs: CodecRegistry,
    private readonly limits: ContainerLimits,
    private readonly options: ReadOptions,
    private readonly range: BlockRange,
  ) {}

  /** Reads the header of `input` and returns a reader positioned at the first block. */
  static async open(input: ByteInput, options: ReadOptions = {}): Promise<ContainerReader> {
    const limits = containerLimits(options.limits);
    const source = new ByteSource(input);
    let header: ContainerHeader | undefined;
    try {
      header = await readHeader(source, limits);
    } catch (e) {
      await source.close();
      throw e;
    }
    source.consume(header.size);
    return ContainerReader.withHeader(header, { source, stopAt: Infinity }, options);
  }

  /** A reader of blocks from `range` of a file whose header is known (splits, appends). */
  static withHeader(header: ContainerHeader, range: BlockRange, options: ReadOptions = {}): ContainerReader {
    const limits = containerLimits(options.limits);
    const codecs = options.codecs ?? defaultCodecs();
    if (!codecs.has(header.codec)) {
      throw new AvroContainerError(
        'codec',
        `the file uses codec "${header.codec}", which this reader does not know (known: ${codecs.names().join(', ')}); ` +
          'register it with CodecRegistry.register',
        -1,
      );
    }
    const writerType = schemaOf(header, options.typeOptions);
    let type = writerType;
    let resolver: Resolver | undefined;
    if (options.readerSchema !== undefined) {
      type = Type.forSchema(options.readerSchema, options.typeOptions);
      resolver = type.createResolver(writerType);
    }
    return new ContainerReader(header, writerType, type, resolver, codecs, limits, options, range);
  }

  /** True when the input ended inside a block (a writer that crashed, a partial copy). */
  get truncated(): boolean {
    return this.damage.some((d) => d.kind === 'truncated');
  }

  /** The blocks as stored (compressed), for tools that copy blocks without decoding them. */
  async *blocks(): AsyncGenerator<RawBlock> {
    for await (const item of this.framed()) {
      if ('damage' in item) this.note(item.damage, true);
      else yield item;
    }
  }

  /** Blocks and skipped damage in file order; damage that stops reading is noted, then thrown. */
  private async *framed(): AsyncGenerator<FramingItem> {
    if (this.consumed) throw new Error('a ContainerReader reads its input once: blocks(), batches() or records() was already called');
    this.consumed = true;
    const opts = { limits: this.limits, onDamage: this.options.onDamage ?? 'error', stopAt: this.range.stopAt };
    try {
      yield* readRawBlocks(this.range.source, this.header.sync, opts);
    } catch (e) {
      if (e instanceof FramingError) this.note(e.report, false);
      throw e;
    } finally {
      await this.range.source.close();
    }
  }

  /**
   * The records of each block, decoded (the fastest way to read: one await per block). The
   * next block is read and its decompression started while this one is decoded, so an
   * asynchronous codec (zlib's thread pool) works in parallel with decoding.
   */
  async *batches(): AsyncGenerator<RecordBatch> {
    if (this.consumed) throw new Error('a ContainerReader reads its input once: blocks(), batches() or records() was already called');
    const codec = await this.codecs.get(this.header.codec);
    const decoder = new BlockDecoder(this.writerType, this.resolver);
    const blocks = this.framed();
    const maxBytes = this.limits.maxBlockBytes;
    const fetch = async (): Promise<Pending | undefined> => {
      const r = await blocks.next();
      if (r.done === true) return undefined;
      if ('damage' in r.value) return r.value;
      const block = r.value;
      let data: Promise<Uint8Array | Error>;
      try {
        data = Promise.resolve(codec.decompress(block.data, maxBytes)).catch(asError);
      } catch (e) {
        data = Promise.resolve(asError(e));
      }
      return { block, data };
    };
    // Blocks fetched ahead, in file order, each already decompressing in the thread pool.
    const ahead: Promise<Pending | undefined>[] = [];
    const refill = (): void => {
      while (ahead.length < READ_AHEAD) {
        const p = fetch();
        // Settled later (or never, if decoding this block throws): keep its failure handled.
        p.catch(() => undefined);
        ahead.push(p);
      }
    };
    refill();
    try {
      for (;;) {
        const current = await ahead.shift()!;
        if (current === undefined) return;
        refill();
        if ('damage' in current) {
          this.note(current.damage, true);
          continue;
        }
        const records: unknown[] = [];
        const damage = this.decodeBlock(current.block, codec.name, await current.data, decoder, records);
        if (damage !== undefined) {
          const skip = this.options.onDamage === 'skip';
          this.note(damage, skip);
          if (!skip) throw new AvroContainerError(damage.kind, damage.reason, damage.offset);
        }
        if (records.length > 0) yield { offset: current.block.offset, records };
      }
    } finally {
      await blocks.return(undefined);
    }
  }

  /** The records, one by one. */
  records(): AsyncIterableIterator<unknown> {
    return new RecordIterator(this.batches());
  }

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    return this.records();
  }

  /** Stops reading (closes the input) when records are not read to the end. */
  async close(): Promise<void> {
    this.consumed = true;
    await this.range.source.close();
  }

  /** Records damage (and tells `onSkip` when it was skipped rather than thrown). */
  private note(d: DamageReport, skipped: boolean): void {
    this.damage.push(d);
    if (skipped) this.options.onSkip?.(d);
  }

  private decodeBlock(
    block: RawBlock,
    codecName: string,
    data: Uint8Array | Error,
    decoder: BlockDecoder,
    out: unknown[],
  ): DamageReport | undefined {
    if (data instanceof Error) return damageOf(block, `bad ${codecName} data: ${data.message}`, block.count);
    try {
      decoder.decode(data, block.count, out);
    } catch (e) {
      if (!(e instanceof RecordDecodeFailure)) throw e;
      return damageOf(block, e.message, block.count - e.decoded);
    }
    return undefined;
  }
}

/**
 * Blocks read and decompressing ahead of the one being decoded: two keep both cores busy with
 * zlib's thread pool while the main thread decodes, and absorb the pool's wake-up latency.
 */
const READ_AHEAD = 2;

type Pending = PendingBlock | { readonly damage: DamageReport };

interface PendingBlock {
  readonly block: RawBlock;
  /** The decompressed data, or why decompressing failed. */
  readonly data: Promise<Uint8Array | Error>;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Records one at a time over batches, without an async generator's per-item machinery: a
 * record already decoded is handed out as an already-resolved promise.
 */
class RecordIterator implements AsyncIterableIterator<unknown> {
  private batch: unknown[] = [];
  private i = 0;

  constructor(private readonly batches: AsyncGenerator<RecordBatch>) {}

  next(): Promise<IteratorResult<unknown>> {
    if (this.i < this.batch.length) return Promise.resolve({ value: this.batch[this.i++], done: false });
    return this.batches.next().then((r) => {
      if (r.done === true) return { value: undefined, done: true };
      this.batch = r.value.records;
      this.i = 1;
      return { value: this.batch[0], done: false };
    });
  }

  async return(): Promise<IteratorResult<unknown>> {
    this.batch = [];
    await this.batches.return(undefined);
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<unknown> {
    return this;
  }
}

function damageOf(block: RawBlock, reason: string, lost: number): DamageReport {
  return { kind: 'block', offset: block.offset, skippedBytes: block.end - block.offset, lostRecords: lost, reason };
}

/** The Type of a file's schema; a schema that does not parse is a header error. */
export function schemaOf(header: ContainerHeader, options: TypeOptions = {}): Type {
  try {
    return Type.forSchema(header.schemaText, options);
  } catch (e) {
    throw new AvroContainerError('header', `the file's schema (avro.schema) is invalid: ${e instanceof Error ? e.message : String(e)}`, -1, {
      cause: e,
    });
  }
}

/** Reads the header at the start of `src` (without consuming it), within the header limit. */
export async function readHeader(src: ByteSource, limits: ContainerLimits): Promise<ContainerHeader> {
  let want = 4096;
  for (;;) {
    const full = await src.ensure(want);
    const view = src.buf.subarray(src.pos, src.end);
    if (view.length === 0) throw new AvroContainerError('truncated', 'the input is empty: not an Avro object container file', -1);
    const header = decodeHeader(view.length > limits.maxHeaderBytes ? view.subarray(0, limits.maxHeaderBytes) : view);
    if (header !== undefined) return header;
    if (view.length >= limits.maxHeaderBytes) {
      throw new AvroContainerError('limit', `the header is larger than ${limits.maxHeaderBytes} bytes (limits.maxHeaderBytes)`, -1);
    }
    if (!full) {
      throw new AvroContainerError('truncated', `the input ends inside the file header (after ${view.length} bytes; truncated file?)`, -1);
    }
    if (want >= limits.maxHeaderBytes) {
      throw new AvroContainerError('limit', `the header is larger than ${limits.maxHeaderBytes} bytes (limits.maxHeaderBytes)`, -1);
    }
    want = Math.min(want * 4, limits.maxHeaderBytes);
  }
}
