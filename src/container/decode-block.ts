import { decodeValue } from '../codec/binary.js';
import { minEncodedSize } from '../codec/sizes.js';
import { compileDecoder } from '../compiler/compile-decoder.js';
import type { CompiledDecoder } from '../compiler/compile-decoder.js';
import type { Resolver, Type } from '../type.js';
import { ByteReader } from '../wire/reader.js';

/** Generated decoders by writer Type, compiled once for block loops (a cache, not state). */
const compiled = new WeakMap<Type, CompiledDecoder>();

/** Thrown by {@link BlockDecoder.decode}: the records before `index` decoded fine. */
export class RecordDecodeFailure extends Error {
  override name = 'RecordDecodeFailure';
  constructor(
    readonly index: number,
    readonly decoded: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Decodes the records of a block. Without a reader schema it runs the writer type's generated
 * decoder in a tight loop over the block (one call per record, no per-record allocation but
 * the record itself); where that fails it re-reads the failing record with the interpreted
 * codec, which says precisely what is wrong. With a reader schema it runs the resolver.
 */
export class BlockDecoder {
  private readonly fast: CompiledDecoder | undefined;
  private readonly minSize: number;

  constructor(
    private readonly writerType: Type,
    private readonly resolver: Resolver | undefined,
  ) {
    this.minSize = minEncodedSize(writerType.schemaNode);
    if (resolver === undefined && writerType.isCompiled) {
      let fn = compiled.get(writerType);
      if (fn === undefined) {
        fn = compileDecoder(writerType.schemaNode, writerType.context).fn;
        compiled.set(writerType, fn);
      }
      this.fast = fn;
    }
  }

  /**
   * Appends the `count` records of `data` to `out`. Throws RecordDecodeFailure when a record
   * cannot be decoded, when the data is too short for `count` records, or when bytes are left
   * over after them (all signs of a damaged block).
   */
  decode(data: Uint8Array, count: number, out: unknown[]): void {
    if (count * this.minSize > data.length) {
      throw new RecordDecodeFailure(0, 0, `${count} records need at least ${count * this.minSize} bytes, the block has ${data.length}`);
    }
    const start = out.length;
    let pos = 0;
    let i = 0;
    try {
      if (this.fast !== undefined) {
        const st = { buf: data, pos: 0, end: data.length };
        const fn = this.fast;
        for (; i < count; i++) {
          pos = st.pos;
          out.push(fn(st));
        }
        pos = st.pos;
      } else {
        const r = new ByteReader(data, 0, data.length);
        const resolver = this.resolver;
        const s = this.writerType.schemaNode;
        const ctx = this.writerType.context;
        for (; i < count; i++) {
          pos = r.pos;
          out.push(resolver !== undefined ? resolver.read(r) : decodeValue(s, r, ctx));
        }
        pos = r.pos;
      }
    } catch (e) {
      const why = this.explain(data, pos, e);
      throw new RecordDecodeFailure(i, out.length - start, `record ${i} of ${count} (byte ${pos} of the block's data): ${why.message}`, {
        cause: why,
      });
    }
    if (pos !== data.length) {
      throw new RecordDecodeFailure(count, count, `${data.length - pos} bytes are left over after the block's ${count} records`);
    }
  }

  /** The precise error for a record at `pos` that the fast path failed on. */
  private explain(data: Uint8Array, pos: number, e: unknown): Error {
    if (this.fast !== undefined) {
      try {
        decodeValue(this.writerType.schemaNode, new ByteReader(data, pos, data.length), this.writerType.context);
      } catch (precise) {
        if (precise instanceof Error) return precise;
      }
    }
    return e instanceof Error ? e : new Error(String(e));
  }
}
