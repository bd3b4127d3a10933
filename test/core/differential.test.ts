import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Type } from '../../src/index.js';
import { schemaJsonArb, valueArb } from '../support/arbitraries.js';

/** Deep equality that tells -0 from 0 and accepts NaN (Object.is on leaves). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a && b) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same((a as any)[k], (b as any)[k]));
  }
  return false;
}

describe('compiled and interpreted codecs agree', () => {
  it('the compiled path really runs (guard against a silent fallback)', () => {
    const t = Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] });
    expect(t.isCompiled).toBe(true);
    expect(t.compiledSource().decoder).toContain('function decode');
    expect(t.compiledSource().encoder).toContain('function encode');
    expect(Type.forSchema('int', { codegen: false }).isCompiled).toBe(false);
  });

  it('give identical bytes and values on generated schemas and values', () => {
    fc.assert(
      fc.property(
        schemaJsonArb().chain((json) => {
          const compiled = Type.forSchema(json);
          return fc.tuple(fc.constant(json), fc.array(valueArb(compiled.schemaNode), { minLength: 1, maxLength: 5 }));
        }),
        ([json, values]) => {
          const compiled = Type.forSchema(json);
          const interpreted = Type.forSchema(json, { codegen: false });
          for (const v of values) {
            const a = compiled.toBuffer(v);
            const b = interpreted.toBuffer(v);
            expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
            const va = compiled.fromBuffer(a);
            const vb = interpreted.fromBuffer(a);
            expect(same(va, vb)).toBe(true);
            // Decoding then encoding again gives the same bytes: nothing lost on the way.
            expect(Buffer.from(compiled.toBuffer(va)).equals(Buffer.from(a))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reject the same invalid values with the same path', () => {
    const json = {
      type: 'record',
      name: 'Order',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'price', type: 'double' }] } } },
      ],
    };
    const bad = { id: 1, items: [{ price: 1 }, { price: 'x' }] };
    for (const codegen of [true, false]) {
      expect(() => Type.forSchema(json, { codegen }).toBuffer(bad)).toThrow('items[1].price: expected double, got "x"');
    }
  });
});
