const sliceCopy = Uint8Array.prototype.slice;
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafe(n: number): Uint8Array } }).Buffer;

/**
 * A copy of `buf[start, end)`: a `Buffer` on Node (from its pool, the fastest allocation
 * there), a `Uint8Array` elsewhere. Never a view: callers may reuse the input.
 */
export function copyBytes(buf: Uint8Array, start: number, end: number): Uint8Array {
  if (NodeBuffer === undefined) return sliceCopy.call(buf, start, end);
  const n = end - start;
  const out = NodeBuffer.allocUnsafe(n);
  if (n <= 32) {
    for (let i = 0; i < n; i++) out[i] = buf[start + i]!;
  } else out.set(buf.subarray(start, end));
  return out;
}
