import { AvroContainerError } from './errors.js';

/**
 * A block compression codec. Either method may return a promise: codecs that are async-only
 * (xz) or need a WebAssembly module work the same way as synchronous ones.
 */
export interface ContainerCodec {
  /** The name stored in the header's `avro.codec`. */
  readonly name: string;
  compress(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /**
   * Decompresses one block. `maxBytes` is the reader's limit on a block's decompressed size:
   * a codec should refuse output beyond it (before allocating it, where the format states
   * the size) and throw an Error saying what is wrong with the data.
   */
  decompress(data: Uint8Array, maxBytes: number): Uint8Array | Promise<Uint8Array>;
}

/** A codec, or a function loading one on first use (for slow, WebAssembly or native codecs). */
export type CodecSource = ContainerCodec | (() => ContainerCodec | Promise<ContainerCodec>);

/**
 * Codecs by name. {@link defaultCodecs} holds every codec the spec names (null, deflate,
 * snappy, zstandard, bzip2, xz), each loaded only when a file uses it; `register` adds or
 * replaces one (a faster native zstd, a deflate with another level, a custom codec).
 */
export class CodecRegistry {
  private readonly sources = new Map<string, CodecSource>();
  private readonly loaded = new Map<string, Promise<ContainerCodec>>();

  constructor(entries: Iterable<[string, CodecSource]> = []) {
    for (const [name, source] of entries) this.register(name, source);
  }

  /** Adds or replaces the codec for `name` (given as the codec itself or a loader). */
  register(name: string, source: CodecSource): this {
    this.sources.set(name, source);
    this.loaded.delete(name);
    return this;
  }

  has(name: string): boolean {
    return this.sources.has(name);
  }

  names(): string[] {
    return [...this.sources.keys()];
  }

  /** The codec for `name`, loading it if needed; AvroContainerError (kind `codec`) if unknown. */
  get(name: string): Promise<ContainerCodec> {
    let p = this.loaded.get(name);
    if (p === undefined) {
      const source = this.sources.get(name);
      if (source === undefined) {
        return Promise.reject(
          new AvroContainerError(
            'codec',
            `unknown codec "${name}": this reader knows ${this.names().map((n) => `"${n}"`).join(', ')}; ` +
              'register others with CodecRegistry.register',
            -1,
          ),
        );
      }
      p = Promise.resolve(typeof source === 'function' ? source() : source).catch((e: unknown) => {
        this.loaded.delete(name);
        throw new AvroContainerError('codec', `could not load codec "${name}": ${e instanceof Error ? e.message : String(e)}`, -1, {
          cause: e,
        });
      });
      this.loaded.set(name, p);
    }
    return p;
  }

  /** A copy, to add codecs to without changing this one. */
  clone(): CodecRegistry {
    return new CodecRegistry(this.sources);
  }
}

/** The `null` codec: blocks stored as they are. */
export const nullCodec: ContainerCodec = Object.freeze({
  name: 'null',
  compress: (data: Uint8Array) => data,
  decompress: (data: Uint8Array) => data,
});

/** Throws the standard "too large" error of a codec. */
export function tooLarge(codec: string, size: number | string, maxBytes: number): never {
  throw new Error(`${codec} block decompresses to ${size} bytes, over the limit of ${maxBytes} (limits.maxBlockBytes)`);
}
