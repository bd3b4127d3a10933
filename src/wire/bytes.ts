const sliceCopy = Uint8Array.prototype.slice;

/**
 * A copy of `buf[start, end)`. `Buffer#slice` returns a view, so this calls the typed-array
 * method, which copies (and keeps the input's class: a `Buffer` gives a `Buffer`).
 */
export function copyBytes(buf: Uint8Array, start: number, end: number): Uint8Array {
  return sliceCopy.call(buf, start, end);
}
