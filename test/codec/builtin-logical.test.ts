import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../../src/codec/binary.js';
import { cloneValue } from '../../src/codec/clone.js';
import { compareValues } from '../../src/codec/compare.js';
import { CodecContext } from '../../src/codec/context.js';
import { fromJsonText, toJsonText } from '../../src/codec/json.js';
import { randomValue, seededRng } from '../../src/codec/random.js';
import { isValidValue } from '../../src/codec/validate.js';
import { BUILTIN_LOGICAL_TYPES } from '../../src/logical/index.js';
import { parseSchema } from '../../src/schema/parse.js';
import { ByteReader } from '../../src/wire/reader.js';
import { ByteWriter } from '../../src/wire/writer.js';
import { compareEncoded } from './binary-order.js';
import { difference } from './fixtures.js';

/** The value walkers over the spec's logical types, as `Type` will configure them. */

const LOGICAL: Record<string, unknown> = {
  decimalBytes: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 3 },
  decimalFixed: { type: 'fixed', name: 'D', size: 6, logicalType: 'decimal', precision: 14, scale: 2 },
  uuid: { type: 'string', logicalType: 'uuid' },
  date: { type: 'int', logicalType: 'date' },
  timeMillis: { type: 'int', logicalType: 'time-millis' },
  timeMicros: { type: 'long', logicalType: 'time-micros' },
  timestampMillis: { type: 'long', logicalType: 'timestamp-millis' },
  timestampMicros: { type: 'long', logicalType: 'timestamp-micros' },
  timestampNanos: { type: 'long', logicalType: 'timestamp-nanos' },
  localTimestampMillis: { type: 'long', logicalType: 'local-timestamp-millis' },
  duration: { type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' },
  inUnion: ['null', { type: 'long', logicalType: 'timestamp-millis' }, { type: 'string', logicalType: 'uuid' }],
};

/**
 * Cases where the interpreted binary decoder does not yet give what the walkers give, with the
 * reason; the lead owns src/codec/binary.ts.
 */
const BINARY_GAPS = new Set([
  // binary.ts decodes raw longs by ctx.longs only; the binding's `rawLongs: 'bigint'` is not honoured yet.
  'timestampNanos/number',
]);

const MODES = (['number', 'bigint'] as const).map(
  (longs) => new CodecContext({ longs, logicalTypes: BUILTIN_LOGICAL_TYPES }),
);

function binary(s: ReturnType<typeof parseSchema>, v: unknown, ctx: CodecContext): Uint8Array {
  const w = new ByteWriter();
  encodeValue(s, v, w, ctx);
  return w.toBytes();
}

describe('built-in logical types through the value walkers', () => {
  for (const [name, json] of Object.entries(LOGICAL)) {
    for (const ctx of MODES) {
      const s = parseSchema(json);
      it(`${name} (${ctx.longs} longs): random values are valid, clone like the binary codec, round-trip JSON`, () => {
        expect(ctx.logical(s.kind === 'union' ? s.branches[1]! : s), 'binding applies').toBeDefined();
        fc.assert(
          fc.property(fc.integer(), (seed) => {
            const v = randomValue(s, ctx, seededRng(seed));
            expect(isValidValue(s, v, ctx)).toBe(true);
            const copy = cloneValue(s, v, ctx);
            expect(difference(fromJsonText(s, toJsonText(s, v, ctx), ctx), copy)).toBeUndefined();
            if (!BINARY_GAPS.has(`${name}/${ctx.longs}`)) {
              const decoded = decodeValue(s, new ByteReader(binary(s, v, ctx)), ctx);
              expect(difference(copy, decoded)).toBeUndefined();
            }
          }),
          { numRuns: 40 },
        );
      });

      it(`${name} (${ctx.longs} longs): compare agrees with the binary order`, () => {
        fc.assert(
          fc.property(fc.integer(), fc.integer(), (s1, s2) => {
            const a = randomValue(s, ctx, seededRng(s1));
            const b = randomValue(s, ctx, seededRng(s2));
            const expected = compareEncoded(s, new ByteReader(binary(s, a, ctx)), new ByteReader(binary(s, b, ctx)), ctx);
            const got = compareValues(s, a, b, ctx);
            // A logical type may order by value where the bytes do not (decimal, duration).
            if (!['decimalBytes', 'decimalFixed', 'duration'].includes(name)) expect(got).toBe(expected);
            expect(compareValues(s, a, a, ctx)).toBe(0);
          }),
          { numRuns: 40 },
        );
      });
    }
  }
});
