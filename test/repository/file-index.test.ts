import { describe, expect, it } from 'vitest';
import { IdList, IntList } from '../../src/repository/file-index.js';
import type { IdKey } from '../../src/repository/entity.js';
import { ByteReader } from '../../src/wire/reader.js';
import { ByteWriter } from '../../src/wire/writer.js';

/** A small seeded generator, so a failure repeats. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function decodeAll(bytes: Uint8Array, n: number, kind: 'string' | 'long'): IdKey[] {
  const r = new ByteReader(bytes, 0, bytes.length);
  const out: IdKey[] = [];
  for (let i = 0; i < n; i++) out.push(kind === 'string' ? r.readString() : r.readLong());
  expect(r.pos).toBe(bytes.length);
  return out;
}

describe('IdList', () => {
  for (const kind of ['string', 'long'] as const) {
    it(`keeps ${kind} ids through pushes, seals, loads and cut-backs, as a plain array would`, () => {
      const r = rng(kind === 'string' ? 1 : 2);
      const make = (i: number): IdKey => (kind === 'string' ? `id-${i}-${'é'.repeat(i % 3)}` : i * 7919 - 50_000);
      // Loaded chunks first, as from an index file.
      const loaded: IdKey[] = [];
      const list = new IdList(kind);
      for (let c = 0; c < 3; c++) {
        const w = new ByteWriter();
        const n = 1 + Math.floor(r() * 3000);
        for (let i = 0; i < n; i++) {
          const id = make(loaded.length);
          loaded.push(id);
          if (typeof id === 'string') w.writeString(id);
          else w.writeLong(id as number);
        }
        list.appendEncoded(w.buf.slice(0, w.pos), n);
      }
      const model = [...loaded];
      let committed = model.length;
      for (let step = 0; step < 400; step++) {
        const x = r();
        if (x < 0.6) {
          const n = Math.floor(r() * 200);
          for (let i = 0; i < n; i++) {
            const id = make(model.length + step);
            model.push(id);
            list.push(id);
          }
        } else if (x < 0.8) list.seal();
        else if (x < 0.9) {
          // A failed batch goes back to a length at least what was committed.
          const n = committed + Math.floor(r() * (model.length - committed + 1));
          model.length = n;
          list.truncate(n);
        } else {
          list.seal();
          committed = model.length;
        }
        expect(list.length).toBe(model.length);
      }
      list.seal();
      for (let i = 0; i < model.length; i++) {
        expect(list.get(i)).toBe(model[i]);
        expect(list.is(i, model[i]!)).toBe(true);
        expect(list.is(i, model[(i + 1) % model.length]!)).toBe(model[(i + 1) % model.length] === model[i]);
      }
      // Strings of the same length, differing late; longer and non-ASCII ones.
      if (kind === 'string') {
        const s = list.get(0) as string;
        expect(list.is(0, `${s.slice(0, -1)}#`)).toBe(false);
        expect(list.is(0, `${s}x`)).toBe(false);
        expect(list.is(0, 'é'.repeat(s.length))).toBe(false);
      }
      expect(list.get(model.length)).toBeUndefined();
      const w = new ByteWriter();
      for (const [a, b] of [[0, model.length], [5, 17], [loaded.length - 3, loaded.length + 40], [model.length - 1, model.length]] as const) {
        expect(decodeAll(list.encode(a, b, w), b - a, kind)).toEqual(model.slice(a, b));
      }
    });
  }

  it('refuses encoded ids that do not fill their bytes exactly', () => {
    const w = new ByteWriter();
    w.writeString('a');
    w.writeString('b');
    expect(() => new IdList('string').appendEncoded(w.buf.slice(0, w.pos), 3)).toThrow();
    expect(() => new IdList('string').appendEncoded(w.buf.slice(0, w.pos), 1)).toThrow(/left over/);
  });
});

describe('IntList', () => {
  it('grows, cuts back, and goes to and from little-endian bytes', () => {
    const l = new IntList(2);
    for (let i = 0; i < 1000; i++) l.push(i * -3);
    l.truncate(900);
    const bytes = Uint8Array.prototype.slice.call(l.bytesLE(10, 20));
    expect(new DataView(bytes.buffer).getInt32(4, true)).toBe(-33);
    const m = new IntList();
    m.appendLE(bytes, 10);
    expect(Array.from(m.data.subarray(0, m.length))).toEqual(Array.from({ length: 10 }, (_, i) => (i + 10) * -3));
    expect(() => m.appendLE(bytes, 3)).toThrow();
  });
});
