import { Type } from '../type.js';
import { decodeUtf8, encodeUtf8 } from '../wire/utf8.js';
import { AvroContainerError } from './errors.js';

/**
 * The container header, declared as the Avro schema the spec gives for it and read and
 * written with our own `Type` (the format describes itself).
 */
export const HEADER_SCHEMA = Object.freeze({
  type: 'record',
  name: 'org.apache.avro.file.Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
  ],
});

let headerType: Type | undefined;
/** The header's Type, built on first use (no work at import time). */
export function headerTypeOf(): Type {
  return (headerType ??= Type.forSchema(HEADER_SCHEMA));
}

/** `O b j 1`: the first four bytes of every container file. */
export const MAGIC: Uint8Array = Uint8Array.of(0x4f, 0x62, 0x6a, 0x01);
export const SYNC_SIZE = 16;

/** Metadata keys the spec reserves for itself. */
export const SCHEMA_KEY = 'avro.schema';
export const CODEC_KEY = 'avro.codec';

/** A metadata value as users give it: text (stored as UTF-8) or bytes. */
export type MetadataValue = string | Uint8Array;

/** A container file's header as read. */
export interface ContainerHeader {
  /** Every metadata entry, including `avro.schema` and `avro.codec`. */
  readonly metadata: ReadonlyMap<string, Uint8Array>;
  /** The file's 16-byte sync marker. */
  readonly sync: Uint8Array;
  /** The writer's schema as JSON text (`avro.schema`). */
  readonly schemaText: string;
  /** The codec name (`avro.codec`, `null` when absent). */
  readonly codec: string;
  /** Header length in bytes: the offset of the first block. */
  readonly size: number;
}

interface HeaderRecord {
  magic: Uint8Array;
  meta: Record<string, Uint8Array>;
  sync: Uint8Array;
}

/** Checks the first bytes for the magic, with a clear message for the pre-1.3 format. */
export function checkMagic(buf: Uint8Array): void {
  const n = Math.min(buf.length, 4);
  let same = true;
  for (let i = 0; i < n; i++) if (buf[i] !== MAGIC[i]) same = false;
  if (same && n === 4) return;
  if (n === 4 && buf[0] === 0x4f && buf[1] === 0x62 && buf[2] === 0x6a && buf[3] === 0x00) {
    throw new AvroContainerError(
      'magic',
      'this is a pre-1.3 Avro data file (magic "Obj\\0"), a format no current Avro reads: ' +
        'rewrite it with Avro 1.2 tools, or Java Avro before 1.9',
      -1,
    );
  }
  if (!same) {
    const hex = Array.from(buf.subarray(0, n), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new AvroContainerError('magic', `not an Avro object container file: it starts with ${hex}, not 4f 62 6a 01 ("Obj" 1)`, -1);
  }
}

/**
 * Decodes a header from the start of `buf`. Returns undefined when `buf` ends before the
 * header does (read more and call again); throws AvroContainerError when it is invalid.
 */
export function decodeHeader(buf: Uint8Array): ContainerHeader | undefined {
  checkMagic(buf);
  if (buf.length < 4) return undefined;
  let decoded: { value: unknown; offset: number };
  try {
    decoded = headerTypeOf().decode(buf, 0);
  } catch (e) {
    throw new AvroContainerError('header', `invalid header: ${e instanceof Error ? e.message : String(e)}`, -1, { cause: e });
  }
  if (decoded.offset < 0) return undefined;
  const rec = decoded.value as HeaderRecord;
  const metadata = new Map<string, Uint8Array>(Object.entries(rec.meta));
  const schema = metadata.get(SCHEMA_KEY);
  if (schema === undefined) throw new AvroContainerError('header', `the header has no "${SCHEMA_KEY}" entry, which the spec requires`, -1);
  const codec = metadata.get(CODEC_KEY);
  return {
    metadata,
    sync: rec.sync,
    schemaText: decodeUtf8(schema, 0, schema.length),
    codec: codec === undefined ? 'null' : decodeUtf8(codec, 0, codec.length),
    size: decoded.offset,
  };
}

/** Encodes a header for a new file. User metadata may not use the reserved `avro.` prefix. */
export function encodeHeader(
  schemaText: string,
  codec: string,
  sync: Uint8Array,
  userMetadata: Readonly<Record<string, MetadataValue>> | ReadonlyMap<string, MetadataValue> = {},
): Uint8Array {
  const meta: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  const entries = userMetadata instanceof Map ? [...userMetadata] : Object.entries(userMetadata);
  for (const [k, v] of entries) {
    if (k.startsWith('avro.')) {
      throw new AvroContainerError('header', `metadata key "${k}": keys starting with "avro." are reserved by the spec`, -1);
    }
    meta[k] = typeof v === 'string' ? encodeUtf8(v) : v;
  }
  meta[SCHEMA_KEY] = encodeUtf8(schemaText);
  // Writers of the reference implementations always state the codec, even "null".
  meta[CODEC_KEY] = encodeUtf8(codec);
  if (sync.length !== SYNC_SIZE) throw new RangeError(`a sync marker has ${SYNC_SIZE} bytes, got ${sync.length}`);
  return headerTypeOf().toBuffer({ magic: MAGIC, meta, sync });
}

/** A metadata value as text (UTF-8), or undefined when absent. */
export function metadataText(header: ContainerHeader, key: string): string | undefined {
  const v = header.metadata.get(key);
  return v === undefined ? undefined : decodeUtf8(v, 0, v.length);
}

/** 16 random bytes for a new file's sync marker. */
export function randomSync(): Uint8Array {
  const out = new Uint8Array(SYNC_SIZE);
  globalThis.crypto.getRandomValues(out);
  return out;
}
