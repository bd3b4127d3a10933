import type { ContainerCodec } from '../codec.js';
import { tooLarge } from '../codec.js';
import { deflateBound, DeflatePool } from './deflate-pool.js';

/** Options of {@link deflateCodec}. */
export interface DeflateOptions {
  /** zlib level 0-9 (default 6: zlib's, Java's, Python's and avsc's default). */
  readonly level?: number;
  /**
   * zlib memLevel 1-9 (default 8, zlib's default, as Java, Python and avsc use). 9 uses
   * about 200 KiB more per block being compressed and deflates about 10% faster, with the
   * same level and a standard stream any reader inflates.
   */
  readonly memLevel?: number;
  /**
   * Run zlib in Node's thread pool (default true): readers and writers keep blocks in flight,
   * so compression overlaps with encoding and decoding. `false` runs it on the calling thread.
   */
  readonly async?: boolean;
}

/** Smallest output chunk zlib accepts, and the largest first guess for inflating. */
const MIN_CHUNK = 64;
const FIRST_GUESS = 256 * 1024;

/**
 * The spec's `deflate` codec: raw deflate (RFC 1951, no zlib header or checksum), with
 * Node's zlib, loaded on first use so the container code itself loads anywhere.
 */
export async function deflateCodec(options: DeflateOptions = {}): Promise<ContainerCodec> {
  const zlib = await import('node:zlib');
  const level = options.level ?? 6;
  const memLevel = options.memLevel ?? 8;
  const deflateOptions = (data: Uint8Array): { level: number; memLevel: number; chunkSize: number } => ({
    level,
    memLevel,
    chunkSize: deflateBound(data.length),
  });
  const fail = (e: unknown, maxBytes: number): never => {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') tooLarge('deflate', `more than ${maxBytes}`, maxBytes);
    throw new Error(`invalid deflate data: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  };
  // Inflated sizes are not stored, but a file's blocks are alike: the output chunk is sized
  // after the last block, so a block inflates in one pass into one buffer (no concatenation).
  // A block larger than the guess still inflates, in two chunks.
  let last = 0;
  const inflateOptions = (data: Uint8Array, maxBytes: number): { chunkSize: number; maxOutputLength: number } => {
    const guess = last > 0 ? last + (last >>> 3) + 1024 : Math.min(FIRST_GUESS, 4 * data.length + 1024);
    return { chunkSize: Math.max(MIN_CHUNK, Math.min(guess, maxBytes + 1)), maxOutputLength: maxBytes };
  };
  const inflated = (out: Uint8Array): Uint8Array => {
    last = out.length;
    return out;
  };
  if (options.async === false) {
    return {
      name: 'deflate',
      compress: (data) => zlib.deflateRawSync(data, deflateOptions(data)),
      decompress: (data, maxBytes) => {
        try {
          return inflated(zlib.inflateRawSync(data, inflateOptions(data, maxBytes)));
        } catch (e) {
          return fail(e, maxBytes);
        }
      },
    };
  }
  const pool = new DeflatePool(zlib, { level, memLevel });
  return {
    name: 'deflate',
    compress: (data) => pool.compress(data),
    decompress: (data, maxBytes) =>
      new Promise((resolve, reject) =>
        zlib.inflateRaw(data, inflateOptions(data, maxBytes), (err, out) => {
          if (!err) resolve(inflated(out));
          else {
            try {
              fail(err, maxBytes);
            } catch (e) {
              reject(e);
            }
          }
        }),
      ),
  };
}
