/**
 * Hand-written codecs for two cases: the ceiling the generated code is measured against
 * (what a careful person writes for one schema: one function, a local position, no checks
 * beyond what correctness needs).
 */
import { decodeUtf8, writeLongAt, writeStringAt } from '../src/wire/index.js';

const f64 = new Float64Array(1);
const f64b = new Uint8Array(f64.buffer);
const KINDS = ['A', 'B', 'C', 'D'];
let scratch = Buffer.allocUnsafeSlow(4096);

interface Small {
  id: number;
  ts: number;
  score: number;
  active: boolean;
  name: string;
  kind: string;
}

/** Position after the last varint read by {@link varint} (one module-level cursor: bench only). */
let at = 0;
function varint(buf: Uint8Array, p: number): number {
  let b = buf[p++]!;
  if (b < 0x80) {
    at = p;
    return (b >>> 1) ^ -(b & 1);
  }
  let n = b & 0x7f;
  let scale = 128;
  do {
    b = buf[p++]!;
    n += (b & 0x7f) * scale;
    scale *= 128;
  } while (b >= 0x80);
  at = p;
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

class SmallRecord {
  constructor(
    public id: number,
    public ts: number,
    public score: number,
    public active: boolean,
    public name: string,
    public kind: string,
  ) {}
}

export const handwritten: Record<string, { encode(v: unknown): Uint8Array; decode(b: Uint8Array): unknown }> = {
  'small record': {
    encode(value) {
      const v = value as Small;
      const buf = scratch;
      let p = 0;
      p = writeLongAt(buf, p, v.id);
      p = writeLongAt(buf, p, v.ts);
      f64[0] = v.score;
      for (let i = 0; i < 8; i++) buf[p + i] = f64b[i]!;
      p += 8;
      buf[p++] = v.active ? 1 : 0;
      p = writeStringAt(buf, p, v.name);
      p = writeLongAt(buf, p, KINDS.indexOf(v.kind));
      return Uint8Array.prototype.slice.call(buf, 0, p);
    },
    decode(buf) {
      const id = varint(buf, 0);
      const ts = varint(buf, at);
      let p = at;
      f64b[0] = buf[p]!; f64b[1] = buf[p + 1]!; f64b[2] = buf[p + 2]!; f64b[3] = buf[p + 3]!;
      f64b[4] = buf[p + 4]!; f64b[5] = buf[p + 5]!; f64b[6] = buf[p + 6]!; f64b[7] = buf[p + 7]!;
      p += 8;
      const score = f64[0]!;
      const active = buf[p++] === 1;
      const n = varint(buf, p);
      p = at;
      const name = decodeUtf8(buf, p, p + n);
      const kind = KINDS[varint(buf, p + n)]!;
      return new SmallRecord(id, ts, score, active, name, kind);
    },
  },
  '10 ASCII strings': {
    encode(value) {
      const v = value as Record<string, string>;
      if (scratch.length < 4096) scratch = Buffer.allocUnsafeSlow(4096);
      const buf = scratch;
      let p = 0;
      for (let i = 0; i < 10; i++) {
        const s = v[`s${i}`]!;
        const len = s.length;
        let q = p + 1;
        let ascii = len < 64;
        for (let j = 0; ascii && j < len; j++) {
          const c = s.charCodeAt(j);
          if (c > 0x7f) ascii = false;
          else buf[q++] = c;
        }
        if (ascii) {
          buf[p] = len << 1;
          p = q;
        } else p = writeStringAt(buf, p, s);
      }
      return Uint8Array.prototype.slice.call(buf, 0, p);
    },
    decode(buf) {
      const s: string[] = [];
      let p = 0;
      for (let i = 0; i < 10; i++) {
        const n = varint(buf, p);
        p = at;
        s.push(decodeUtf8(buf, p, p + n));
        p += n;
      }
      return { s0: s[0], s1: s[1], s2: s[2], s3: s[3], s4: s[4], s5: s[5], s6: s[6], s7: s[7], s8: s[8], s9: s[9] };
    },
  },
};
