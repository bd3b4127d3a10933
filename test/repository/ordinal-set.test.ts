import { describe, expect, it } from 'vitest';
import { OrdinalSet } from '../../src/repository/ordinal-set.js';

describe('OrdinalSet', () => {
  it('adds, tests, removes and lists ordinals as a Set would, across word boundaries', () => {
    const s = new OrdinalSet();
    const model = new Set<number>();
    const xs = [0, 1, 31, 32, 33, 63, 64, 1023, 1024, 99_999, 5, 31];
    for (const x of xs) {
      const fresh = !model.has(x);
      model.add(x);
      expect(s.add(x)).toBe(fresh);
    }
    expect(s.size).toBe(model.size);
    expect(s.toArray()).toEqual([...model].sort((a, b) => a - b));
    expect(s.has(2)).toBe(false);
    expect(s.has(1_000_000)).toBe(false);
    expect(s.delete(31)).toBe(true);
    expect(s.delete(31)).toBe(false);
    expect(s.has(31)).toBe(false);
    expect(s.size).toBe(model.size - 1);
  });

  it('a copy is independent (copy-on-write snapshots)', () => {
    const s = OrdinalSet.of([3, 4]);
    const c = s.copy();
    s.add(5);
    c.delete(3);
    expect(s.toArray()).toEqual([3, 4, 5]);
    expect(c.toArray()).toEqual([4]);
    expect(c.size).toBe(1);
  });
});
