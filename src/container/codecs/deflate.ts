import type { ContainerCodec } from '../codec.js';
import { tooLarge } from '../codec.js';

/** Options of {@link deflateCodec}. */
export interface DeflateOptions {
  /** zlib level 0-9 (default 6, zlib's and Java's default). */
  readonly level?: number;
}

/**
 * The spec's `deflate` codec: raw deflate (RFC 1951, no zlib header or checksum), with
 * Node's zlib, loaded on first use so the container code itself loads anywhere.
 */
export async function deflateCodec(options: DeflateOptions = {}): Promise<ContainerCodec> {
  const zlib = await import('node:zlib');
  const level = options.level ?? 6;
  return {
    name: 'deflate',
    compress: (data) => zlib.deflateRawSync(data, { level }),
    decompress: (data, maxBytes) => {
      try {
        return zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') tooLarge('deflate', `more than ${maxBytes}`, maxBytes);
        throw new Error(`invalid deflate data: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    },
  };
}
