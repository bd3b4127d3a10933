import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneValue } from '../../src/codec/clone.js';
import { fromJsonText, fromJsonValue, toJsonText, toJsonValue } from '../../src/codec/json.js';
import { parseJsonText, stringifyJson } from '../../src/schema/json-text.js';
import { randomValue, seededRng } from '../../src/codec/random.js';
import { arbitraryFor } from './arbitrary.js';
import { SCHEMAS, ctxWith, difference } from './fixtures.js';

const RECURSIVE = new Set(['linkedList', 'tree']);
const MODES = [ctxWith(), ctxWith({ longs: 'bigint' })];

describe('Avro JSON text round trip', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    for (const ctx of MODES) {
      it(`gives back the decoded value for ${name} (${ctx.longs} longs), random values`, () => {
        fc.assert(
          fc.property(fc.integer(), (seed) => {
            const v = randomValue(schema, ctx, seededRng(seed));
            expect(difference(fromJsonText(schema, toJsonText(schema, v, ctx), ctx), cloneValue(schema, v, ctx))).toBeUndefined();
          }),
          { numRuns: 60 },
        );
      });
      if (RECURSIVE.has(name)) continue;
      it(`gives back the decoded value for ${name} (${ctx.longs} longs), edge-case values`, () => {
        fc.assert(
          fc.property(arbitraryFor(schema, ctx, { wellFormed: true }), (v) => {
            expect(difference(fromJsonText(schema, toJsonText(schema, v, ctx), ctx), cloneValue(schema, v, ctx))).toBeUndefined();
          }),
          { numRuns: 100 },
        );
      });
    }
  }
});

describe('Avro JSON value round trip through JSON.stringify', () => {
  it('works for values without longs beyond 2^53 (number mode)', () => {
    const ctx = ctxWith();
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const v = randomValue(schema, ctx, seededRng(seed));
          const text = JSON.stringify(toJsonValue(schema, v, ctx));
          expect(difference(fromJsonValue(schema, JSON.parse(text), ctx), cloneValue(schema, v, ctx)), name).toBeUndefined();
        }),
        { numRuns: 20 },
      );
    }
  });
});

describe('JSON text reader and writer', () => {
  it('read what JSON.parse reads, except integers it would round', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(difference(unbig(parseJsonText(text)), JSON.parse(text))).toBeUndefined();
        expect(difference(unbig(parseJsonText(JSON.stringify(v, null, 2))), JSON.parse(text))).toBeUndefined();
      }),
    );
  });

  it('write what they read back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(difference(unbig(parseJsonText(stringifyJson(v))), v, '$', false)).toBeUndefined();
        expect(difference(unbig(parseJsonText(stringifyJson(v, '\t'))), v, '$', false)).toBeUndefined();
      }),
    );
  });

  it('keep every 64-bit integer exact both ways', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => {
        const text = stringifyJson([n]);
        expect(text).toBe(`[${n}]`);
        const back = (parseJsonText(text) as unknown[])[0];
        expect(BigInt(back as bigint | number)).toBe(n);
        expect(typeof back).toBe(Number.isSafeInteger(Number(n)) ? 'number' : 'bigint');
      }),
    );
  });

  it('keep lone surrogates, which JSON escapes carry', () => {
    const s = '\ud800x\udc00';
    expect(stringifyJson(s)).toBe('"\\ud800x\\udc00"');
    expect(parseJsonText(stringifyJson(s))).toBe(s);
  });

  it('read a __proto__ key as data, never as a prototype', () => {
    const o = parseJsonText('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

/** The value with every bigint turned into the (maybe rounded) number JSON.parse would give. */
function unbig(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(unbig);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      Object.defineProperty(out, k, { value: unbig((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}
