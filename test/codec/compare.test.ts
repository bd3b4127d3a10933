import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeValue } from '../../src/codec/binary.js';
import { compareBytes, compareStrings, compareValues } from '../../src/codec/compare.js';
import { seededRng } from '../../src/codec/random.js';
import type { CodecContext } from '../../src/codec/context.js';
import type { LogicalBinding, LogicalTypeDefinition } from '../../src/logical/logical-type.js';
import { AvroTypeError } from '../../src/schema/errors.js';
import type { Schema } from '../../src/schema/model.js';
import { parseSchema } from '../../src/schema/parse.js';
import { Type } from '../../src/type.js';
import { encodeUtf8 } from '../../src/wire/utf8.js';
import { ByteReader } from '../../src/wire/reader.js';
import { ByteWriter } from '../../src/wire/writer.js';
import { arbitraryFor } from './arbitrary.js';
import { compareEncoded } from './binary-order.js';
import { ctxWith } from './fixtures.js';

const ctx = ctxWith();

function encode(s: Schema, v: unknown, c: CodecContext): ByteReader {
  const w = new ByteWriter();
  encodeValue(s, v, w, c);
  return new ByteReader(w.toBytes());
}

const COMPARABLE: Record<string, unknown> = {
  boolean: 'boolean',
  int: 'int',
  long: 'long',
  float: 'float',
  double: 'double',
  bytes: 'bytes',
  string: 'string',
  fixed: { type: 'fixed', name: 'F2', size: 2 },
  enum: { type: 'enum', name: 'Backwards', symbols: ['Z', 'A', 'M'] },
  arrayOfStrings: { type: 'array', items: 'string' },
  union: ['null', 'int', 'string', { type: 'array', items: 'boolean' }],
  logical: { type: 'int', logicalType: 'test-days' },
  record: {
    type: 'record', name: 'Row',
    fields: [
      { name: 'group', type: { type: 'enum', name: 'G', symbols: ['B', 'A'] } },
      { name: 'score', type: 'double', order: 'descending' },
      { name: 'notes', type: { type: 'map', values: 'string' }, order: 'ignore' },
      { name: 'name', type: ['null', 'string'] },
      { name: 'tags', type: { type: 'array', items: 'int' }, order: 'descending' },
    ],
  },
};

describe('compareValues agrees with the sort order of the binary encodings', () => {
  for (const [name, json] of Object.entries(COMPARABLE)) {
    for (const c of [ctx, ctxWith({ longs: 'bigint' })]) {
      const s = parseSchema(json);
      it(`for ${name} (${c.longs} longs)`, () => {
        const arb = arbitraryFor(s, c);
        fc.assert(
          fc.property(arb, arb, (a, b) => {
            const expected = compareEncoded(s, encode(s, a, c), encode(s, b, c), c);
            expect(compareValues(s, a, b, c)).toBe(expected);
            expect(compareValues(s, b, a, c)).toBe(-expected || 0);
            expect(compareValues(s, a, a, c)).toBe(0);
          }),
          { numRuns: 150 },
        );
      });
    }
  }
});

describe('strings and bytes', () => {
  it('order strings by UTF-8 bytes, i.e. code points, not UTF-16 units', () => {
    // UTF-16 puts U+1F600 (a surrogate pair) before U+FFFF; code point order does not.
    expect('😀' < '\uffff').toBe(true);
    expect(compareStrings('\uffff', '😀')).toBe(-1);
    expect(compareStrings('a😀', 'a\ue000')).toBe(1);
    expect(compareStrings('ab', 'a')).toBe(1);
    expect(compareStrings('', '')).toBe(0);
  });

  it('match UTF-8 byte order on any strings, lone surrogates counting as U+FFFD', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\ud83d\ude00', '\uffff', '\ufffd', '\ud800', '\udfff', 'a'),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 6 }), fc.string({ unit, maxLength: 6 }), (a, b) => {
        expect(compareStrings(a, b)).toBe(compareBytes(encodeUtf8(a), encodeUtf8(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('order bytes unsigned, a prefix first', () => {
    expect(compareBytes(new Uint8Array([0x7f]), new Uint8Array([0x80]))).toBe(-1);
    expect(compareBytes(new Uint8Array([1, 2]), new Uint8Array([1]))).toBe(1);
  });
});

describe('numbers', () => {
  const d = parseSchema('double');
  it("follow Java's Double.compare for -0 and NaN", () => {
    expect(compareValues(d, -0, 0, ctx)).toBe(-1);
    expect(compareValues(d, NaN, NaN, ctx)).toBe(0);
    expect(compareValues(d, NaN, Infinity, ctx)).toBe(1);
    expect(compareValues(d, -Infinity, NaN, ctx)).toBe(-1);
  });

  it('compare longs exactly across numbers and bigints', () => {
    const l = parseSchema('long');
    expect(compareValues(l, 2 ** 53 - 1, 2n ** 53n, ctx)).toBe(-1);
    expect(compareValues(l, 2n ** 63n - 1n, 2n ** 63n - 2n, ctx)).toBe(1);
    expect(compareValues(l, 5, 5n, ctx)).toBe(0);
  });

  it('compare floats as the 32-bit values they are written as', () => {
    expect(compareValues(parseSchema('float'), 0.1, Math.fround(0.1), ctx)).toBe(0);
  });
});

describe('complex values', () => {
  it('order enums by symbol position and unions by branch first', () => {
    expect(compareValues(parseSchema(COMPARABLE['enum']), 'Z', 'A', ctx)).toBe(-1);
    const u = parseSchema(COMPARABLE['union']);
    expect(compareValues(u, 99, 'a', ctx)).toBe(-1);
    expect(compareValues(u, null, 1, ctx)).toBe(-1);
  });

  it('honour descending and ignore fields, and refuse maps elsewhere', () => {
    const r = parseSchema(COMPARABLE['record']);
    const row = (score: number, notes: Record<string, string>) => ({ group: 'A', score, notes, name: null, tags: [] });
    expect(compareValues(r, row(2, { a: 'x' }), row(1, {}), ctx)).toBe(-1);
    expect(compareValues(r, row(1, { a: 'x' }), row(1, { b: 'y' }), ctx)).toBe(0);
    const m = parseSchema({ type: 'array', items: { type: 'map', values: 'int' } });
    expect(() => compareValues(m, [{}], [{}], ctx)).toThrow(/order": "ignore"/);
    try {
      compareValues(m, [{}], [{}], ctx);
    } catch (e) {
      expect((e as AvroTypeError).path).toBe('[0]');
    }
  });

  it("use a logical type's own compare when it has one", () => {
    const reversed: LogicalTypeDefinition = {
      name: 'reversed',
      bind: () => ({
        fromAvro: (x: unknown) => x, toAvro: (x: unknown) => x, isValid: (x: unknown) => typeof x === 'string',
        compare: (a: unknown, b: unknown) => ((a as string) < (b as string) ? 5 : (a as string) > (b as string) ? -5 : 0),
      }) as LogicalBinding,
    };
    const c = ctxWith({ logicalTypes: new Map([['reversed', reversed]]) });
    const s = parseSchema({ type: 'string', logicalType: 'reversed' });
    expect(compareValues(s, 'a', 'b', c)).toBe(1);
  });

  it('reject values that do not fit', () => {
    expect(() => compareValues(parseSchema('int'), 1, 'x', ctx)).toThrow(AvroTypeError);
  });
});

describe('Type.compare and the bytes of Type.toBuffer', () => {
  it('order fixed values exactly as their encodings (the encoding is the raw bytes)', () => {
    const t = Type.forSchema({ type: 'fixed', name: 'Key', size: 3 });
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3, maxLength: 3 }), fc.uint8Array({ minLength: 3, maxLength: 3 }), (a, b) => {
        expect(t.compare(a, b)).toBe(Math.sign(Buffer.compare(t.toBuffer(a), t.toBuffer(b))));
      }),
    );
  });

  it('order records of the compiled codec as the binary-order oracle does', () => {
    const json = COMPARABLE['record'];
    const t = Type.forSchema(json as object);
    const s = parseSchema(json);
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (x, y) => {
        const a = t.random(seededRng(x));
        const b = t.random(seededRng(y));
        const expected = compareEncoded(s, new ByteReader(t.toBuffer(a)), new ByteReader(t.toBuffer(b)), ctx);
        expect(t.compare(a, b)).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });
});

