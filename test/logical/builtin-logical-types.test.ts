import { describe, expect, it } from 'vitest';
import { BUILTIN_LOGICAL_TYPES } from '../../src/logical/index.js';
import { mustBind } from './bind.js';

/** One schema each logical type binds to, per long mode. */
const SCHEMAS: Record<string, Record<string, unknown>> = {
  decimal: { type: 'bytes', precision: 10, scale: 3 },
  'big-decimal': { type: 'bytes' },
  uuid: { type: 'string' },
  date: { type: 'int' },
  'time-millis': { type: 'int' },
  'time-micros': { type: 'long' },
  'timestamp-millis': { type: 'long' },
  'timestamp-micros': { type: 'long' },
  'timestamp-nanos': { type: 'long' },
  'local-timestamp-millis': { type: 'long' },
  'local-timestamp-micros': { type: 'long' },
  'local-timestamp-nanos': { type: 'long' },
  duration: { type: 'fixed', name: 'D', size: 12 },
};

describe('BUILTIN_LOGICAL_TYPES', () => {
  it('holds every logical type of the Avro 1.12 spec, keyed by its name', () => {
    expect([...BUILTIN_LOGICAL_TYPES.keys()].sort()).toEqual(Object.keys(SCHEMAS).sort());
    for (const [name, def] of BUILTIN_LOGICAL_TYPES) expect(def.name).toBe(name);
  });

  it.each(Object.keys(SCHEMAS))('%s: random values are valid and survive toAvro/fromAvro in both long modes', (name) => {
    for (const longs of ['number', 'bigint'] as const) {
      const b = mustBind({ ...SCHEMAS[name], logicalType: name }, longs);
      for (let i = 0; i < 50; i++) {
        const v = b.random!();
        expect(b.isValid(v)).toBe(true);
        const back = b.fromAvro(b.toAvro(v));
        expect(b.compare!(back, v)).toBe(0);
        expect(b.isValid(back)).toBe(true);
      }
    }
  });

  it.each(Object.keys(SCHEMAS))('%s: random values repeat under the same seeded generator', (name) => {
    const b = mustBind({ ...SCHEMAS[name], logicalType: name });
    const draw = (seed: number) => {
      let state = seed;
      const rng = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
      return Array.from({ length: 10 }, () => b.random!(rng));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it.each(Object.keys(SCHEMAS))('%s: isValid never throws on odd input', (name) => {
    const b = mustBind({ ...SCHEMAS[name], logicalType: name });
    const odd = [undefined, null, NaN, -0, Infinity, '', {}, [], Symbol('x'), () => 1, Object.create(null), new Date(NaN), 2n ** 80n, new Uint8Array(3)];
    for (const v of odd) expect(() => b.isValid(v)).not.toThrow();
  });
});
