import type { ContainerCodec } from '../codec.js';
import { tooLarge } from '../codec.js';

/** Options of {@link deflateCodec}. */
export interface DeflateOptions {
  /** zlib level 0-9 (default 6, zlib's and Java's default). */
  readonly level?: number;
  /**
   * Run zlib in Node's thread pool (default true): readers and writers keep a block in flight,
   * so compression overlaps with encoding and decoding. `false` runs it on the calling thread.
   */
  readonly async?: boolean;
}

/**
 * The spec's `deflate` codec: raw deflate (RFC 1951, no zlib header or checksum), with
 * Node's zlib, loaded on first use so the container code itself loads anywhere.
 */
export async function deflateCodec(options: DeflateOptions = {}): Promise<ContainerCodec> {
  const zlib = await import('node:zlib');
  const level = options.level ?? 6;
  const fail = (e: unknown, maxBytes: number): never => {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') tooLarge('deflate', `more than ${maxBytes}`, maxBytes);
    throw new Error(`invalid deflate data: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  };
  if (options.async === false) {
    return {
      name: 'deflate',
      compress: (data) => zlib.deflateRawSync(data, { level }),
      decompress: (data, maxBytes) => {
        try {
          return zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
        } catch (e) {
          return fail(e, maxBytes);
        }
      },
    };
  }
  return {
    name: 'deflate',
    compress: (data) =>
      new Promise((resolve, reject) => zlib.deflateRaw(data, { level }, (err, out) => (err ? reject(err) : resolve(out)))),
    decompress: (data, maxBytes) =>
      new Promise((resolve, reject) =>
        zlib.inflateRaw(data, { maxOutputLength: maxBytes }, (err, out) => {
          if (!err) resolve(out);
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
