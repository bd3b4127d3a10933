import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../../src/codec/binary.js';
import { cloneValue } from '../../src/codec/clone.js';
import type { CodecContext } from '../../src/codec/context.js';
import { randomValue, seededRng } from '../../src/codec/random.js';
import { AvroTypeError } from '../../src/schema/errors.js';
import type { Schema } from '../../src/schema/model.js';
import { parseSchema } from '../../src/schema/parse.js';
import { ByteReader } from '../../src/wire/reader.js';
import { ByteWriter } from '../../src/wire/writer.js';
import { arbitraryFor } from './arbitrary.js';
import { SCHEMAS, ctxWith, difference } from './fixtures.js';

const ctx = ctxWith();
const big = ctxWith({ longs: 'bigint' });

function binaryRoundTrip(s: Schema, v: unknown, c: CodecContext): unknown {
  const w = new ByteWriter();
  encodeValue(s, v, w, c);
  return decodeValue(s, new ByteReader(w.toBytes()), c);
}

describe('cloneValue', () => {
  it('gives what the binary codec decodes, for every schema and both long modes', () => {
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      for (const c of [ctx, big]) {
        const source = ['linkedList', 'tree'].includes(name)
          ? fc.integer().map((seed) => randomValue(schema, c, seededRng(seed)))
          : arbitraryFor(schema, c);
        fc.assert(
          fc.property(source, (v) => {
            expect(difference(cloneValue(schema, v, c), binaryRoundTrip(schema, v, c)), name).toBeUndefined();
          }),
          { numRuns: 40 },
        );
      }
    }
  });

  it('copies deeply: changing the copy leaves the original alone', () => {
    const s = SCHEMAS['order']!;
    const v = randomValue(s, ctx, seededRng(1)) as { items: { sku: string }[]; checksum: Uint8Array };
    v.items.push({ sku: 'x', price: 1, qty: 1 } as never);
    const copy = cloneValue(s, v, ctx) as typeof v;
    copy.items[0]!.sku = 'changed';
    copy.checksum[0] = (v.checksum[0]! + 1) % 256;
    expect(v.items[0]!.sku).not.toBe('changed');
    expect(copy.checksum[0]).not.toBe(v.checksum[0]);
  });

  it('gives plain Uint8Arrays for Buffers, rounds floats and converts longs to the mode', () => {
    expect(Object.getPrototypeOf(cloneValue(SCHEMAS['bytes']!, Buffer.from('ab'), ctx))).toBe(Uint8Array.prototype);
    expect(cloneValue(SCHEMAS['float']!, 0.1, ctx)).toBe(Math.fround(0.1));
    expect(cloneValue(SCHEMAS['long']!, 5, big)).toBe(5n);
    expect(cloneValue(SCHEMAS['long']!, 5n, ctx)).toBe(5);
    expect(() => cloneValue(SCHEMAS['long']!, 2n ** 60n, ctx)).toThrow(/longs: 'bigint'/);
  });

  it('keeps records in their registered class and drops members that are not fields', () => {
    class Point {
      x = 0;
      extra = 'not a field';
    }
    const s = parseSchema({ type: 'record', name: 'Point', fields: [{ name: 'x', type: 'int' }] });
    const c = ctxWith({ constructors: new Map([['Point', Point]]) });
    const copy = cloneValue(s, new Point(), c);
    expect(copy).toBeInstanceOf(Point);
    expect(Object.keys(copy as object)).toEqual(['x']);
  });

  it('converts logical values through their binding', () => {
    const s = SCHEMAS['logicalUnion']!;
    const d = new Date(Date.UTC(2001, 1, 3));
    const copy = cloneValue(s, d, ctx);
    expect(copy).toEqual(d);
    expect(copy).not.toBe(d);
  });

  it('names the path of the part that does not fit', () => {
    const s = SCHEMAS['order']!;
    const v = randomValue(s, ctx, seededRng(2)) as { items: Record<string, unknown>[] };
    v.items = [{ sku: 'a', price: 1, qty: 1 }, { sku: 'b', price: '1', qty: 1 }];
    try {
      cloneValue(s, v, ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AvroTypeError);
      expect((e as AvroTypeError).path).toBe('items[1].price');
    }
  });
});
