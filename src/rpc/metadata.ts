/**
 * Call metadata: the `{"type": "map", "values": "bytes"}` that starts every call request and
 * response. Kept as a `Map` so keys such as `__proto__` are plain keys.
 */
import { AvroDecodeError } from '../wire/errors.js';
import type { ByteReader } from '../wire/reader.js';
import type { ByteWriter } from '../wire/writer.js';

/** Metadata of a call: string keys, byte values. */
export type Metadata = Map<string, Uint8Array>;

/** What callers may pass as metadata. */
export type MetadataInit = ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;

const EMPTY: ReadonlyMap<string, Uint8Array> = new Map();

/** Most entries read from one metadata map (a hostile peer cannot make us loop longer). */
const MAX_ENTRIES = 10_000;

export function toMetadata(init: MetadataInit | undefined): ReadonlyMap<string, Uint8Array> {
  if (init === undefined) return EMPTY;
  if (init instanceof Map) return init;
  return new Map(Object.entries(init as Record<string, Uint8Array>));
}

export function writeMetadata(w: ByteWriter, meta: ReadonlyMap<string, Uint8Array> | undefined): void {
  if (meta !== undefined && meta.size > 0) {
    w.writeLong(meta.size);
    for (const [k, v] of meta) {
      w.writeString(k);
      w.writeBytes(v);
    }
  }
  w.writeLong(0);
}

/** Reads a metadata map; an empty one (the usual case) costs one byte and no allocation. */
export function readMetadata(r: ByteReader): ReadonlyMap<string, Uint8Array> {
  let count = r.readLong();
  if (count === 0) return EMPTY;
  const out: Metadata = new Map();
  while (count !== 0) {
    if (count < 0) {
      count = -count;
      r.readLong(); // block size in bytes, not needed here
    }
    if (out.size + count > MAX_ENTRIES) {
      throw new AvroDecodeError(`call metadata has more than ${MAX_ENTRIES} entries`, r.pos);
    }
    for (let i = 0; i < count; i++) {
      const k = r.readString();
      out.set(k, r.readBytes());
    }
    count = r.readLong();
  }
  return out;
}
