import { skipValue } from '../../src/codec/binary.js';
import type { CodecContext } from '../../src/codec/context.js';
import type { Schema } from '../../src/schema/model.js';
import type { ByteReader } from '../../src/wire/reader.js';

/**
 * A test oracle: the spec's sort order computed on two binary encodings, reading both side by
 * side without building values (as Java's BinaryData.compare does). Floats and doubles use
 * Java's Float/Double.compare. Returns -1, 0 or 1.
 */
export function compareEncoded(s: Schema, r1: ByteReader, r2: ByteReader, ctx: CodecContext): number {
  switch (s.kind) {
    case 'null':
      return 0;
    case 'boolean':
      return sign(Number(r1.readBoolean()) - Number(r2.readBoolean()));
    case 'int':
    case 'enum':
      return sign(r1.readInt() - r2.readInt());
    case 'long': {
      const a = r1.readBigLong();
      const b = r2.readBigLong();
      return a < b ? -1 : a > b ? 1 : 0;
    }
    case 'float':
      return javaCompare(r1.readFloat(), r2.readFloat());
    case 'double':
      return javaCompare(r1.readDouble(), r2.readDouble());
    case 'bytes':
    case 'string':
      // Both are a length and raw bytes (UTF-8 for strings): compare the bytes unsigned.
      return unsigned(r1.readBytes(), r2.readBytes());
    case 'fixed':
      return unsigned(r1.readFixed(s.size), r2.readFixed(s.size));
    case 'map':
      throw new Error('maps cannot be compared');
    case 'union': {
      const i1 = r1.readLong();
      const i2 = r2.readLong();
      if (i1 !== i2) return sign(i1 - i2);
      return compareEncoded(s.branches[i1]!, r1, r2, ctx);
    }
    case 'record':
      for (const f of s.fields) {
        if (f.order === 'ignore') {
          skipValue(f.type, r1, ctx);
          skipValue(f.type, r2, ctx);
          continue;
        }
        const c = compareEncoded(f.type, r1, r2, ctx);
        if (c !== 0) return f.order === 'descending' ? -c : c;
      }
      return 0;
    case 'array': {
      let left1 = 0;
      let left2 = 0;
      let done1 = false;
      let done2 = false;
      for (;;) {
        if (left1 === 0 && !done1) [left1, done1] = block(r1);
        if (left2 === 0 && !done2) [left2, done2] = block(r2);
        if (done1 || done2) return done1 && done2 ? 0 : done1 ? -1 : 1;
        const c = compareEncoded(s.items, r1, r2, ctx);
        if (c !== 0) return c;
        left1--;
        left2--;
      }
    }
  }
}

function block(r: ByteReader): [count: number, done: boolean] {
  let n = r.readLong();
  if (n < 0) {
    n = -n;
    r.readLong();
  }
  return [n, n === 0];
}

function unsigned(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return sign(a[i]! - b[i]!);
  return sign(a.length - b.length);
}

function javaCompare(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  // Java orders by the bits when not < or >: NaN (canonical) last, -0 before 0.
  const key = (x: number): number => (x !== x ? 2 : Object.is(x, -0) ? -1 : 0);
  return sign(key(a) - key(b));
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
