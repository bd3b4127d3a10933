import { describe, expect, it } from 'vitest';
import { IdBatch, IdMap, hashKey } from '../../src/repository/id-map.js';
import type { IdKey } from '../../src/repository/entity.js';

/** Files' ids by file number, as the indexes hold them, and a map reading them back. */
function setup() {
  const files = new Map<number, IdKey[]>();
  const map = new IdMap({
    idAt: (f, o) => files.get(f)?.[o],
    isId: (f, o, id) => {
      const x = files.get(f)?.[o];
      return x !== undefined && (typeof x === 'bigint' && Number.isSafeInteger(Number(x)) ? Number(x) : x) === id;
    },
  });
  /** Appends ids to file `f` and puts them in the map as one batch; returns the replaced locations. */
  const save = (f: number, ids: IdKey[]): [number, number][] => {
    const list = files.get(f) ?? [];
    files.set(f, list);
    const batch = new IdBatch();
    for (const id of ids) batch.add(hashKey(id), f, list.push(id) - 1);
    const replaced: [number, number][] = [];
    map.putAll(batch, () => replaced.push([map.prevFile, map.prevOrdinal]));
    return replaced;
  };
  const where = (id: IdKey): [number, number] | undefined => {
    const e = map.find(id);
    return e < 0 ? undefined : [map.file(e), map.ordinal(e)];
  };
  return { files, map, save, where };
}

/** Two different strings with the same 32-bit hash (a birthday search). */
function collidingPair(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const s = `k${i}`;
    const h = hashKey(s);
    const other = seen.get(h);
    if (other !== undefined) return [other, s];
    seen.set(h, s);
  }
}

describe('IdMap', () => {
  it('finds ids where they were put, and nothing for unknown ids', () => {
    const { save, where, map } = setup();
    expect(save(1, ['a', 'b', 'c'])).toEqual([]);
    expect(where('b')).toEqual([1, 1]);
    expect(where('zz')).toBeUndefined();
    expect(map.size).toBe(3);
  });

  it('a later save of an id replaces it and hands back where it was, also within one batch', () => {
    const { save, where, map } = setup();
    save(1, ['a', 'b']);
    expect(save(2, ['b', 'x', 'x'])).toEqual([[1, 1], [2, 1]]);
    expect(where('b')).toEqual([2, 0]);
    expect(where('x')).toEqual([2, 2]);
    expect(map.size).toBe(3);
  });

  it('last write wins in large batches (sorted insertion keeps the order of one id)', () => {
    const { save, where, map } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 50_000; i++) ids.push(`id-${i % 20_000}`);
    const replaced = save(1, ids);
    expect(replaced).toHaveLength(30_000);
    expect(map.size).toBe(20_000);
    for (const i of [0, 9_999, 10_000, 19_999]) expect(where(`id-${i}`)).toEqual([1, i + (i < 10_000 ? 40_000 : 20_000)]);
    // Every replacement named the previous version of that id.
    for (const [, ordinal] of replaced) expect(ordinal).toBeLessThan(40_000);
  });

  it('tells apart ids whose hashes are equal', () => {
    const [a, b] = collidingPair();
    expect(a).not.toBe(b);
    const { save, where } = setup();
    expect(save(1, [a])).toEqual([]);
    expect(save(1, [b])).toEqual([]);
    expect(where(a)).toEqual([1, 0]);
    expect(where(b)).toEqual([1, 1]);
    expect(save(2, [a])).toEqual([[1, 0]]);
    expect(where(b)).toEqual([1, 1]);
  });

  it('a long id is one id whether given as a number or a bigint; int and large long ids work', () => {
    const { save, where } = setup();
    save(1, [5n, 7, -3, 2 ** 40, 2n ** 62n]);
    expect(where(5)).toEqual([1, 0]);
    expect(where(7n)).toEqual([1, 1]);
    expect(where(-3n)).toEqual([1, 2]);
    expect(where(BigInt(2 ** 40))).toEqual([1, 3]);
    expect(where(2n ** 62n)).toEqual([1, 4]);
    expect(save(2, [5])).toEqual([[1, 0]]);
  });

  it('a failed batch is taken back: ids added are removed, ids moved are moved back', () => {
    const { save, where, map } = setup();
    save(1, ['a', 'b']);
    const mark = map.mark();
    save(2, ['b', 'c']);
    const e = map.find('b');
    map.relocate(e, 1, 1);
    map.truncate(mark);
    expect(where('b')).toEqual([1, 1]);
    expect(where('c')).toBeUndefined();
    expect(where('a')).toEqual([1, 0]);
    expect(map.size).toBe(2);
    save(2, ['c']);
    expect(where('c')).toEqual([2, 2]);
  });

  it('grows from a few ids to many', () => {
    const { save, where, map } = setup();
    for (let f = 1; f <= 40; f++) save(f, Array.from({ length: 3000 }, (_, i) => f * 10_000 + i));
    expect(map.size).toBe(120_000);
    expect(where(170_123)).toEqual([17, 123]);
    expect(where(5)).toBeUndefined();
  });
});
