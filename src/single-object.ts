import { AvroDecodeError } from './wire/errors.js';

/** The two marker bytes that open a single-object encoded message (version 1). */
export const SINGLE_OBJECT_MARKER: readonly number[] = [0xc3, 0x01];
/** Marker plus the 8-byte CRC-64-AVRO fingerprint. */
export const SINGLE_OBJECT_HEADER_SIZE = 10;

/** True when `buf` starts with the single-object marker and is long enough for a header. */
export function isSingleObject(buf: Uint8Array): boolean {
  return buf.length >= SINGLE_OBJECT_HEADER_SIZE && buf[0] === 0xc3 && buf[1] === 0x01;
}

/**
 * The schema fingerprint (8 little-endian bytes of CRC-64-AVRO) of a single-object message:
 * look the writer schema up by it, then decode the rest with that schema.
 */
export function singleObjectFingerprint(buf: Uint8Array): Uint8Array {
  if (!isSingleObject(buf)) {
    throw new AvroDecodeError('not a single-object message: it must start with C3 01 and a 8-byte fingerprint', 0);
  }
  return buf.slice(2, SINGLE_OBJECT_HEADER_SIZE);
}

/** Prefixes a binary-encoded datum with the marker and the writer schema's fingerprint. */
export function frameSingleObject(fingerprint: Uint8Array, datum: Uint8Array, out: Uint8Array): Uint8Array {
  out[0] = 0xc3;
  out[1] = 0x01;
  out.set(fingerprint, 2);
  out.set(datum, SINGLE_OBJECT_HEADER_SIZE);
  return out;
}
