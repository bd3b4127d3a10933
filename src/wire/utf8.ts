/**
 * UTF-8 encoding and decoding on plain `Uint8Array`s. Short ASCII strings take a hand loop,
 * which beats any native call at that size; longer ones use Node's `Buffer` methods when they
 * exist and `TextEncoder`/`TextDecoder` everywhere else.
 */

const NodeBuffer = (globalThis as { Buffer?: { prototype: Record<string, unknown> } }).Buffer;
type Utf8Slice = (this: Uint8Array, start: number, end: number) => string;
type Utf8Write = (this: Uint8Array, s: string, offset: number, length: number) => number;
const nodeUtf8Slice = NodeBuffer?.prototype['utf8Slice'] as Utf8Slice | undefined;
const nodeUtf8Write = NodeBuffer?.prototype['utf8Write'] as Utf8Write | undefined;

const textDecoder = new TextDecoder('utf-8');
const textEncoder = new TextEncoder();

/** Decodes `buf[start, end)` as UTF-8 (invalid sequences become U+FFFD, as Java does). */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  // Node's native slice wins from a few bytes on; TextDecoder's call costs more.
  if (end - start < (nodeUtf8Slice !== undefined ? 6 : 16)) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c >= 0x80) return decodeUtf8Slow(buf, start, end);
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decodeUtf8Slow(buf, start, end);
}

function decodeUtf8Slow(buf: Uint8Array, start: number, end: number): string {
  if (nodeUtf8Slice !== undefined) return nodeUtf8Slice.call(buf, start, end);
  return textDecoder.decode(buf.subarray(start, end));
}

/** Exact UTF-8 byte length of a JavaScript string (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * Writes `s` as UTF-8 at `pos`; the caller guarantees `3 * s.length` bytes of room.
 * Returns the new position.
 */
export function encodeUtf8Into(s: string, buf: Uint8Array, pos: number): number {
  const len = s.length;
  if (len < 32) {
    let p = pos;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return encodeUtf8Slow(s, buf, pos);
      buf[p++] = c;
    }
    return p;
  }
  return encodeUtf8Slow(s, buf, pos);
}

function encodeUtf8Slow(s: string, buf: Uint8Array, pos: number): number {
  if (nodeUtf8Write !== undefined) return pos + nodeUtf8Write.call(buf, s, pos, buf.length - pos);
  return pos + textEncoder.encodeInto(s, buf.subarray(pos)).written;
}

/** Encodes a string to a fresh `Uint8Array`. */
export function encodeUtf8(s: string): Uint8Array {
  return textEncoder.encode(s);
}
