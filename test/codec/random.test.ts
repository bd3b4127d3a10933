import { describe, expect, it } from 'vitest';
import { cloneValue } from '../../src/codec/clone.js';
import { randomValue, seededRng } from '../../src/codec/random.js';
import { isValidValue } from '../../src/codec/validate.js';
import type { LogicalBinding, LogicalTypeDefinition } from '../../src/logical/logical-type.js';
import { AvroTypeError } from '../../src/schema/errors.js';
import { parseSchema } from '../../src/schema/parse.js';
import { SCHEMAS, ctxWith, difference } from './fixtures.js';

const ctx = ctxWith();
const big = ctxWith({ longs: 'bigint' });

function depthOf(v: unknown): number {
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array || v instanceof Date) return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depthOf));
}

describe('randomValue', () => {
  it('gives valid values of every schema in both long modes', () => {
    for (const [name, s] of Object.entries(SCHEMAS)) {
      for (const c of [ctx, big]) {
        const rng = seededRng(42);
        for (let i = 0; i < 200; i++) {
          const v = randomValue(s, c, rng);
          expect(isValidValue(s, v, c), `${name} #${i}`).toBe(true);
        }
      }
    }
  });

  it("gives the decoder's representation (cloning changes nothing)", () => {
    for (const [name, s] of Object.entries(SCHEMAS)) {
      for (const c of [ctx, big]) {
        const rng = seededRng(7);
        for (let i = 0; i < 50; i++) {
          const v = randomValue(s, c, rng);
          expect(difference(v, cloneValue(s, v, c)), name).toBeUndefined();
        }
      }
    }
  });

  it('repeats with the same seed', () => {
    const s = SCHEMAS['order']!;
    expect(difference(randomValue(s, ctx, seededRng(3)), randomValue(s, ctx, seededRng(3)))).toBeUndefined();
    expect(difference(randomValue(s, ctx, seededRng(3)), randomValue(s, ctx, seededRng(4)))).toBeDefined();
  });

  it('keeps recursive values shallow', () => {
    const rng = seededRng(9);
    for (const name of ['linkedList', 'tree']) {
      for (let i = 0; i < 300; i++) expect(depthOf(randomValue(SCHEMAS[name]!, ctx, rng))).toBeLessThanOrEqual(20);
    }
  });

  it('reaches every union branch and long values beyond 2^53 in bigint mode', () => {
    const rng = seededRng(11);
    const kinds = new Set<string>();
    let bigLong = false;
    for (let i = 0; i < 500; i++) {
      const v = randomValue(SCHEMAS['wideUnion']!, big, rng);
      kinds.add(v === null ? 'null' : v instanceof Uint8Array ? 'bytes' : Array.isArray(v) ? 'array' : typeof v);
      if (typeof v === 'bigint' && (v > 2n ** 53n || v < -(2n ** 53n))) bigLong = true;
    }
    expect([...kinds].sort()).toEqual(['array', 'bigint', 'boolean', 'bytes', 'null', 'number', 'object', 'string']);
    expect(bigLong).toBe(true);
  });

  it('refuses a schema with no finite value, and avoids such union branches', () => {
    const endless = { type: 'record', name: 'Endless', fields: [{ name: 'next', type: 'Endless' }] };
    expect(() => randomValue(parseSchema(endless), ctx)).toThrow(AvroTypeError);
    const u = parseSchema(['null', endless]);
    for (let i = 0; i < 20; i++) expect(randomValue(u, ctx)).toBeNull();
    expect(randomValue(parseSchema({ type: 'array', items: endless }), ctx)).toEqual([]);
  });

  it('builds records of the registered class', () => {
    class LongList {}
    const c = ctxWith({ constructors: new Map([['LongList', LongList]]) });
    expect(randomValue(SCHEMAS['linkedList']!, c, seededRng(1))).toBeInstanceOf(LongList);
  });

  it("uses a logical type's random(), passing the generator, else converts random raw values", () => {
    const seen: unknown[] = [];
    const withRandom: LogicalTypeDefinition = {
      name: 'with-random',
      bind: () => ({
        fromAvro: (x: unknown) => x, toAvro: (x: unknown) => x, isValid: () => true,
        random: (rng?: () => number) => {
          seen.push(rng);
          return 'from random()';
        },
      }) as LogicalBinding,
    };
    const c = ctxWith({ logicalTypes: new Map([['with-random', withRandom]]) });
    const rng = seededRng(5);
    expect(randomValue(parseSchema({ type: 'string', logicalType: 'with-random' }), c, rng)).toBe('from random()');
    expect(seen).toEqual([rng]);
    expect(randomValue(parseSchema({ type: 'int', logicalType: 'test-days' }), ctx)).toBeInstanceOf(Date);
  });
});
