import type { ContainerCodec } from '../codec.js';
import { tooLarge } from '../codec.js';

/** Options of {@link xzCodec}. */
export interface XzOptions {
  /** Preset 0-9 (default 6, as Java and Python). */
  readonly preset?: number;
}

/**
 * The `xz` codec, with `lzma-native` (liblzma; a prebuilt binary inside the npm package),
 * CRC-64 checks as Java and Python write them. Asynchronous only. The output size is checked
 * after decompressing.
 */
export async function xzCodec(options: XzOptions = {}): Promise<ContainerCodec> {
  const lzma = await import('lzma-native');
  const lib = (typeof lzma.compress === 'function' ? lzma : (lzma as unknown as { default: typeof lzma }).default);
  const preset = options.preset ?? 6;
  return {
    name: 'xz',
    compress: (data) =>
      new Promise((resolve, reject) => {
        lib.compress(data, { preset, check: lib.CHECK_CRC64 }, (out, err) => (err ? reject(err) : resolve(out)));
      }),
    decompress: (data, maxBytes) =>
      new Promise((resolve, reject) => {
        lib.decompress(data, {}, (out, err) => {
          if (err) reject(new Error(`invalid xz data: ${err.message}`, { cause: err }));
          else if (out.length > maxBytes) {
            try {
              tooLarge('xz', out.length, maxBytes);
            } catch (e) {
              reject(e);
            }
          } else resolve(out);
        });
      }),
  };
}
