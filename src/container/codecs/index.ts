import { CodecRegistry, nullCodec } from '../codec.js';
import { bzip2Codec } from './bzip2.js';
import { deflateCodec } from './deflate.js';
import { snappyCodec } from './snappy.js';
import { xzCodec } from './xz.js';
import { zstandardCodec } from './zstandard.js';

export { bzip2Codec, deflateCodec, snappyCodec, xzCodec, zstandardCodec };
export type { DeflateOptions } from './deflate.js';
export type { XzOptions } from './xz.js';
export type { ZstandardOptions } from './zstandard.js';

/**
 * A new registry with every codec the spec names, each loaded on first use: `null` and
 * `deflate` (required by the spec), `snappy`, `zstandard`, `bzip2` and `xz`.
 */
export function defaultCodecs(): CodecRegistry {
  return new CodecRegistry([
    ['null', nullCodec],
    ['deflate', () => deflateCodec()],
    ['snappy', () => snappyCodec()],
    ['zstandard', () => zstandardCodec()],
    ['bzip2', () => bzip2Codec()],
    ['xz', () => xzCodec()],
  ]);
}
