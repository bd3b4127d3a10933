import { crc32 as portableCrc32 } from '../../wire/crc32.js';
import type { ContainerCodec } from '../codec.js';
import { tooLarge } from '../codec.js';

interface SnappyJs {
  compress(data: Uint8Array): Uint8Array;
  uncompress(data: Uint8Array, maxLength?: number): Uint8Array;
}

/** The uncompressed length a raw snappy block announces (its leading varint), or -1. */
function announcedLength(data: Uint8Array): number {
  let n = 0;
  for (let i = 0, shift = 0; i < 5 && i < data.length; i++, shift += 7) {
    const b = data[i]!;
    n += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return n;
  }
  return -1;
}

/**
 * The spec's `snappy` codec: a raw snappy block followed by the big-endian CRC-32 of the
 * uncompressed data, which is checked on read. Uses `snappyjs` (pure JS) and zlib's CRC-32
 * where Node has it.
 */
export async function snappyCodec(): Promise<ContainerCodec> {
  const mod = (await import('snappyjs')) as unknown as SnappyJs & { default?: SnappyJs };
  const snappy: SnappyJs = typeof mod.compress === 'function' ? mod : mod.default!;
  let crc32 = portableCrc32;
  try {
    const zlib = await import('node:zlib');
    if (typeof zlib.crc32 === 'function') crc32 = (d: Uint8Array) => zlib.crc32(d) >>> 0;
  } catch {
    // not on Node: the portable CRC is used
  }
  return {
    name: 'snappy',
    compress(data) {
      const body = snappy.compress(data);
      const out = new Uint8Array(body.length + 4);
      out.set(body, 0);
      new DataView(out.buffer).setUint32(body.length, crc32(data), false);
      return out;
    },
    decompress(data, maxBytes) {
      if (data.length < 4) throw new Error(`snappy block of ${data.length} bytes is too short for its CRC-32`);
      const body = data.subarray(0, data.length - 4);
      const size = announcedLength(body);
      if (size < 0) throw new Error('invalid snappy data: bad uncompressed length');
      if (size > maxBytes) tooLarge('snappy', size, maxBytes);
      let out: Uint8Array;
      try {
        out = snappy.uncompress(body, maxBytes);
      } catch (e) {
        throw new Error(`invalid snappy data: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      const expected = new DataView(data.buffer, data.byteOffset + data.length - 4, 4).getUint32(0, false);
      const actual = crc32(out);
      if (actual !== expected) {
        throw new Error(
          `snappy CRC-32 mismatch: the block says ${expected.toString(16).padStart(8, '0')}, ` +
            `its data has ${actual.toString(16).padStart(8, '0')}`,
        );
      }
      return out;
    },
  };
}
