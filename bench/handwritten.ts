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

function readVarint(buf: Uint8Array, p: number): [number, number] {
  let n = 0;
  let shift = 0;
  let b: number;
  do {
    b = buf[p++]!;
    n += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [n % 2 ? -(n + 1) / 2 : n / 2, p];
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
      let p = 0;
      let id, ts, n, k;
      [id, p] = readVarint(buf, p);
      [ts, p] = readVarint(buf, p);
      for (let i = 0; i < 8; i++) f64b[i] = buf[p + i]!;
      p += 8;
      const score = f64[0];
      const active = buf[p++] === 1;
      [n, p] = readVarint(buf, p);
      const name = decodeUtf8(buf, p, p + n);
      p += n;
      [k, p] = readVarint(buf, p);
      return { id, ts, score, active, name, kind: KINDS[k] };
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
      let p = 0;
      const out: Record<string, string> = {};
      for (let i = 0; i < 10; i++) {
        let n;
        [n, p] = readVarint(buf, p);
        out[`s${i}`] = decodeUtf8(buf, p, p + n);
        p += n;
      }
      return out;
    },
  },
};
