import type { ContainerCodec } from '../codec.js';
import { tooLarge } from '../codec.js';

/** Options of {@link zstandardCodec}. */
export interface ZstandardOptions {
  /** Compression level 1-22 (default 3, zstd's default). */
  readonly level?: number;
}

/**
 * The content size a zstd frame header announces, or -1 when the frame does not state it
 * (Java's writer streams frames without it). Lets the limit apply before decompressing.
 */
export function zstdFrameContentSize(data: Uint8Array): number {
  if (data.length < 6 || data[0] !== 0x28 || data[1] !== 0xb5 || data[2] !== 0x2f || data[3] !== 0xfd) return -1;
  const fhd = data[4]!;
  const fcsFlag = fhd >> 6;
  const single = (fhd >> 5) & 1;
  const dictBytes = [0, 1, 2, 4][fhd & 3]!;
  const fcsBytes = [single ? 1 : 0, 2, 4, 8][fcsFlag]!;
  if (fcsBytes === 0) return -1;
  let p = 5 + (single ? 0 : 1) + dictBytes;
  if (p + fcsBytes > data.length) return -1;
  let n = 0;
  for (let i = 0; i < fcsBytes; i++) n += data[p++]! * 2 ** (8 * i);
  return fcsBytes === 2 ? n + 256 : n;
}

type Libraries = [typeof import('@bokuweb/zstd-wasm'), typeof import('fzstd')];

/**
 * The loaded libraries, shared by every codec instance: the WebAssembly module must be
 * initialised once (concurrent `init()` calls corrupt its state). A cache, loaded on first use.
 */
let libraries: Promise<Libraries> | undefined;

async function loadLibraries(): Promise<Libraries> {
  try {
    const [wasm, fzstd] = await Promise.all([import('@bokuweb/zstd-wasm'), import('fzstd')]);
    await wasm.init();
    return [wasm, fzstd];
  } catch (e) {
    libraries = undefined;
    throw e;
  }
}

/**
 * The `zstandard` codec: compresses with `@bokuweb/zstd-wasm` (WebAssembly, initialised on
 * first use) and decompresses with `fzstd` (pure JS, which also reads frames without a content
 * size, as Java writes them).
 */
export async function zstandardCodec(options: ZstandardOptions = {}): Promise<ContainerCodec> {
  const [wasm, fzstd] = await (libraries ??= loadLibraries());
  const level = options.level ?? 3;
  return {
    name: 'zstandard',
    compress: (data) => wasm.compress(data, level),
    decompress(data, maxBytes) {
      const announced = zstdFrameContentSize(data);
      if (announced > maxBytes) tooLarge('zstandard', announced, maxBytes);
      let out: Uint8Array;
      try {
        out = fzstd.decompress(data);
      } catch (e) {
        throw new Error(`invalid zstandard data: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      if (out.length > maxBytes) tooLarge('zstandard', out.length, maxBytes);
      return out;
    },
  };
}
