/**
 * Cross-checks the logical types python3-avro 1.11 implements (decimal on bytes and fixed,
 * uuid on string, date, time-millis, time-micros, timestamp-millis, timestamp-micros) against
 * python3-avro's own conversions (test/interop/logical_python.py), three ways per value: the
 * bytes each side writes, Python reading our bytes, and us reading Python's. Python 1.11 has
 * no big-decimal, local-timestamp-*, timestamp-nanos, duration or uuid on fixed, so those are
 * covered by the unit tests in test/logical/ only. Skips loudly when python3-avro is missing.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { BUILTIN_LOGICAL_TYPES, type LogicalBinding } from '../../src/logical/index.js';
import { parseSchema } from '../../src/schema/parse.js';
import type { Schema } from '../../src/schema/model.js';
import { ByteReader, ByteWriter } from '../../src/wire/index.js';
import { describeIfPeer, fromHex, pythonAvro, runPython, toHex } from './peers/index.js';

const SCRIPT = 'test/interop/logical_python.py';
const MS_PER_DAY = 86_400_000;

type SchemaJson = { logicalType: string } & Record<string, unknown>;

/** One value: our JavaScript value, the same value as the Python script's JSON, and its label. */
interface Case {
  readonly schema: SchemaJson;
  readonly js: unknown;
  readonly py: string | number;
  /** Known python3-avro difference in the bytes (the values still agree), with the reason. */
  readonly quirk?: string;
}

const DEC_BYTES: SchemaJson = { type: 'bytes', logicalType: 'decimal', precision: 40, scale: 4 };
const DEC_FIXED: SchemaJson = { type: 'fixed', name: 'Amount', size: 9, logicalType: 'decimal', precision: 21, scale: 3 };
const UUID: SchemaJson = { type: 'string', logicalType: 'uuid' };
const DATE: SchemaJson = { type: 'int', logicalType: 'date' };
const TIME_MS: SchemaJson = { type: 'int', logicalType: 'time-millis' };
const TIME_US: SchemaJson = { type: 'long', logicalType: 'time-micros' };
const TS_MS: SchemaJson = { type: 'long', logicalType: 'timestamp-millis' };
const TS_US: SchemaJson = { type: 'long', logicalType: 'timestamp-micros' };

const sample = <T>(arb: fc.Arbitrary<T>, n: number, seed: number): T[] => fc.sample(arb, { numRuns: n, seed });

function decimalText(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

/**
 * python3-avro 1.11 sizes a negative bytes decimal from the bit length of its magnitude, so
 * -2^(8k-1) (e.g. -128 → ff80) gets one byte more than the minimal two's complement that the
 * spec implies and Java writes (-128 → 80). Both decode to the same value.
 */
function pythonBytesQuirk(unscaled: bigint): string | undefined {
  if (unscaled >= 0n) return undefined;
  const m = -unscaled;
  const bits = m.toString(2).length;
  return (m & (m - 1n)) === 0n && bits % 8 === 0 ? 'python3-avro writes -2^(8k-1) with an extra 0xff byte' : undefined;
}

function decimalCases(schema: SchemaJson, precision: number, scale: number, seed: number): Case[] {
  const limit = 10n ** BigInt(precision) - 1n;
  const edges = [0n, 1n, 127n, 128n, 129n, 255n, 256n, 32767n, 32768n, 2n ** 31n, 2n ** 63n, limit]
    .flatMap((v) => [v, -v])
    .filter((v) => v <= limit && v >= -limit);
  const random = sample(fc.bigInt({ min: -limit, max: limit }), 60, seed);
  return [...new Set([...edges, ...random])].map((unscaled) => {
    const text = decimalText(unscaled, scale);
    const quirk = schema.type === 'bytes' ? pythonBytesQuirk(unscaled) : undefined;
    return { schema, js: text, py: text, ...(quirk ? { quirk } : {}) };
  });
}

function buildCases(): Case[] {
  const cases: Case[] = [...decimalCases(DEC_BYTES, 40, 4, 1), ...decimalCases(DEC_FIXED, 21, 3, 2)];
  for (const u of ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', ...sample(fc.uuid(), 30, 3)]) {
    cases.push({ schema: UUID, js: u, py: u });
  }
  // Python's date spans years 1 to 9999.
  const days = [0, -1, 1, 19782, -719162, 2932896, ...sample(fc.integer({ min: -719162, max: 2932896 }), 40, 4)];
  for (const d of days) {
    const js = new Date(d * MS_PER_DAY);
    cases.push({ schema: DATE, js, py: js.toISOString().slice(0, 10) });
  }
  for (const ms of [0, 1, 86_399_999, 43_200_000, ...sample(fc.integer({ min: 0, max: 86_399_999 }), 30, 5)]) {
    cases.push({ schema: TIME_MS, js: ms, py: ms });
  }
  for (const us of [0, 1, 86_399_999_999, ...sample(fc.integer({ min: 0, max: 86_399_999_999 }), 30, 6)]) {
    cases.push({ schema: TIME_US, js: us, py: us });
  }
  // Years 1 to 9999 for millis; within ±2^53 µs (1685–2255) for micros, so JSON carries them exactly.
  const msRange = { min: -62_135_596_800_000, max: 253_402_300_799_999 };
  for (const ms of [0, -1, 946_720_800_000, msRange.min, msRange.max, ...sample(fc.integer(msRange), 40, 7)]) {
    cases.push({ schema: TS_MS, js: new Date(ms), py: ms });
  }
  for (const us of [0, -1, 946_720_800_000_000, -9_007_199_254_740_991, 9_007_199_254_740_991, ...sample(fc.maxSafeInteger(), 40, 8)]) {
    cases.push({ schema: TS_US, js: us, py: us });
  }
  return cases;
}

function bind(json: SchemaJson): { schema: Schema; binding: LogicalBinding } {
  const schema = parseSchema(json);
  const binding = BUILTIN_LOGICAL_TYPES.get(json.logicalType)!.bind(schema, { longs: 'number' });
  if (typeof binding === 'string') throw new Error(binding);
  return { schema, binding };
}

/** Our bytes for a value: the binding's raw value in the underlying type's binary encoding. */
function encode(json: SchemaJson, value: unknown): string {
  const { schema, binding } = bind(json);
  const raw = binding.toAvro(value);
  const w = new ByteWriter(64);
  switch (schema.kind) {
    case 'bytes': w.writeBytes(raw as Uint8Array); break;
    case 'fixed': w.writeFixed(raw as Uint8Array); break;
    case 'string': w.writeString(raw as string); break;
    case 'int': w.writeInt(raw as number); break;
    case 'long': w.writeLong(raw as number); break;
    default: throw new Error(`no raw encoding for ${schema.kind} in this test`);
  }
  return toHex(w.toBytes());
}

/** Our reading of bytes: the underlying type's raw value through the binding. */
function decode(json: SchemaJson, hex: string): unknown {
  const { schema, binding } = bind(json);
  const r = new ByteReader(fromHex(hex));
  let raw: unknown;
  switch (schema.kind) {
    case 'bytes': raw = r.readBytes(); break;
    case 'fixed': raw = r.readFixed(schema.size); break;
    case 'string': raw = r.readString(); break;
    case 'int': raw = r.readInt(); break;
    case 'long': raw = r.readLong(); break;
    default: throw new Error(`no raw decoding for ${schema.kind} in this test`);
  }
  expect(r.remaining, `bytes left after ${hex}`).toBe(0);
  return binding.fromAvro(raw);
}

const label = (c: Case): string => `${c.schema.logicalType} on ${String(c.schema.type)}: ${c.py}`;

describeIfPeer(pythonAvro(), 'logical types against python3-avro 1.11', () => {
  const cases = buildCases();
  let ours: string[];
  let reply: { encoded: (string | { error: string })[]; decoded: (unknown | { error: string })[] };

  beforeAll(async () => {
    ours = cases.map((c) => encode(c.schema, c.js));
    reply = (await runPython(SCRIPT, {
      encode: cases.map((c) => ({ schema: c.schema, value: c.py })),
      decode: cases.map((c, i) => ({ schema: c.schema, hex: ours[i] })),
    })) as typeof reply;
  });

  it('writes the same bytes as python3-avro (apart from its documented non-minimal negatives)', () => {
    let quirks = 0;
    cases.forEach((c, i) => {
      const theirs = reply.encoded[i]!;
      if (typeof theirs !== 'string') throw new Error(`python3-avro could not write ${label(c)}: ${theirs.error}`);
      if (c.quirk === undefined) expect(ours[i], label(c)).toBe(theirs);
      else {
        quirks++;
        expect(theirs, `${label(c)} (${c.quirk})`).not.toBe(ours[i]);
      }
    });
    expect(quirks).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThan(350);
  });

  it('reads what python3-avro writes as the same value', () => {
    cases.forEach((c, i) => {
      const theirs = reply.encoded[i] as string;
      const value = decode(c.schema, theirs);
      if (c.js instanceof Date) expect((value as Date).getTime(), label(c)).toBe(c.js.getTime());
      else expect(value, label(c)).toEqual(c.js);
    });
  });

  it('writes bytes python3-avro reads as the same value', () => {
    cases.forEach((c, i) => {
      const theirs = reply.decoded[i];
      if (typeof theirs === 'object' && theirs !== null && 'error' in theirs) {
        throw new Error(`python3-avro could not read our ${ours[i]} for ${label(c)}: ${String(theirs.error)}`);
      }
      expect(theirs, label(c)).toEqual(c.py);
    });
  });
});
