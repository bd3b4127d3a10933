/**
 * The tables of upstream's lang/py/avro/test/test_io.py, as recorded in
 * vectors/py_io_examples.json, through both of avrokit's codecs (compiled, and interpreted with
 * `codegen: false`):
 * - `schemas_to_validate`: 42 schema/datum pairs with the bytes python3-avro 1.11.1 wrote; we
 *   write the same bytes and read them back to the same value.
 * - `binary_encodings_long`: zig-zag varint cases, as long and (where they fit) as int.
 * - `default_value_examples`: a reader field's default filled in by schema resolution.
 *
 * The file writes datums the Python way (bytes and fixed as ISO-8859-1 strings, decimals as
 * strings, dates and times as ISO-8601, unions untagged); `fromPythonJson` turns them into
 * avrokit values. Where python3-avro disagrees with the spec, the spec decides and
 * KNOWN_DIFFERENCES says so.
 */
import { describe, expect, it } from 'vitest';
import { Type } from '../../src/index.js';
import type { LongMode, Schema } from '../../src/index.js';
import { difference } from '../interop/core-cases.js';
import { readSharedJson, sharedAvro, toHex } from '../schema/shared-data.js';

interface IoExample {
  schema: string;
  datum_python_json: unknown;
  python_1_11_1_hex?: string;
  python_1_11_1_error?: string;
}
interface IoVectors {
  schemas_to_validate: IoExample[];
  binary_encodings_long: { value: number; hex: string }[];
  default_value_examples: { type: unknown; default_python: unknown }[];
}

const avro = sharedAvro('vectors/py_io_examples.json (Python test_io tables through both codecs)');
const vectors = avro ? readSharedJson<IoVectors>(avro, 'vectors', 'py_io_examples.json') : undefined;

/** Where python3-avro's recorded behaviour is not the spec's, keyed by `schema|datum`. */
const KNOWN_DIFFERENCES: ReadonlyMap<string, string> = new Map([
  [
    '[{"logicalType": "uuid", "type": "string"}, "null"]|null',
    'python3-avro 1.11.1 crashes (TypeError from uuid.UUID) writing null to a union whose first branch is a ' +
      'uuid; the spec picks the null branch, index 1, so we write 02.',
  ],
  [
    '[{"logicalType": "uuid", "type": "string"}, "null"]|"8e5e527c02e94c919919b8fd862f9dad"',
    'python3-avro writes a uuid without dashes; the uuid logical type is the RFC 4122 string form ' +
      '(8-4-4-4-12), so we refuse to write it, and read the bytes back as the plain string they hold.',
  ],
]);

const MS_PER_DAY = 86_400_000;
const UNSAFE = Symbol('needs longs: bigint');

/** Days since the epoch of a proleptic Gregorian y-m-d (years 1..9999 too). */
function epochDay(y: number, m: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** µs since the epoch of `YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM]` (Python's isoformat). */
function isoMicros(text: string): bigint {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-]\d\d):(\d\d)$/.exec(text);
  if (!m) throw new Error(`not an ISO timestamp: ${text}`);
  const [, y, mo, d, h, mi, s, frac = '', oh, om] = m;
  const offsetMin = Number(oh) * 60 + Math.sign(Number(oh) || Number(`${oh}1`)) * Number(om);
  const secs = epochDay(+y!, +mo!, +d!) * 86400 + (+h! * 60 + +mi! - offsetMin) * 60 + +s!;
  return BigInt(secs) * 1_000_000n + BigInt(frac.padEnd(6, '0'));
}

/** µs after midnight of `HH:MM:SS[.ffffff]`. */
function timeMicros(text: string): number {
  const m = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) throw new Error(`not a time: ${text}`);
  return ((+m[1]! * 60 + +m[2]!) * 60 + +m[3]!) * 1_000_000 + Number((m[4] ?? '').padEnd(6, '0'));
}

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const longValue = (v: bigint, longs: LongMode): bigint | number => {
  if (longs === 'bigint') return v;
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw UNSAFE;
  return Number(v);
};

/** A datum as test_io.py writes it → the avrokit value of `type` (throws UNSAFE for big longs in number mode). */
function fromPythonJson(type: Type, s: Schema, j: unknown): unknown {
  const longs = type.context.longs;
  if (s.kind !== 'union' && type.context.logical(s) !== undefined) {
    switch (s.logicalType) {
      case 'decimal':
      case 'uuid':
        return j;
      case 'date': {
        const [y, m, d] = (j as string).split('-').map(Number) as [number, number, number];
        return new Date(epochDay(y, m, d) * MS_PER_DAY);
      }
      case 'time-millis':
        return Math.floor(timeMicros(j as string) / 1000);
      case 'time-micros':
        return longValue(BigInt(timeMicros(j as string)), longs);
      case 'timestamp-millis':
        return new Date(Number(isoMicros(j as string) / 1000n));
      case 'timestamp-micros':
        return longValue(isoMicros(j as string), longs);
      default:
        throw new Error(`no conversion for logical type ${s.logicalType}`);
    }
  }
  switch (s.kind) {
    case 'bytes':
    case 'fixed':
      return latin1(j as string);
    case 'long':
      return longValue(BigInt(j as number), longs);
    case 'float':
      return Math.fround(j as number);
    case 'array':
      return (j as unknown[]).map((x) => fromPythonJson(type, s.items, x));
    case 'map':
    case 'record': {
      const out: Record<string, unknown> = {};
      const entries = s.kind === 'map'
        ? Object.entries(j as object).map(([k, x]) => [k, fromPythonJson(type, s.values, x)] as const)
        : s.fields.map((f) => [f.name, fromPythonJson(type, f.type, (j as Record<string, unknown>)[f.name])] as const);
      for (const [k, x] of entries) Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'union': {
      // Untagged: the first branch whose kind fits the JSON value.
      if (j === null) return null;
      const fits = (b: Schema): boolean => {
        if (typeof j === 'string') return ['string', 'bytes', 'fixed', 'enum'].includes(b.kind) || b.logicalType !== undefined;
        if (typeof j === 'number') return ['int', 'long', 'float', 'double'].includes(b.kind);
        if (typeof j === 'boolean') return b.kind === 'boolean';
        if (Array.isArray(j)) return b.kind === 'array';
        return b.kind === 'record' || b.kind === 'map';
      };
      const branch = s.branches.find(fits);
      if (!branch) throw new Error(`no union branch for ${JSON.stringify(j)}`);
      return fromPythonJson(type, branch, j);
    }
    default:
      return j;
  }
}

/** Both codecs for `schema`, in number mode unless the value needs bigint longs. */
function typesFor(schema: unknown, datum: unknown): { types: Type[]; value: unknown } {
  for (const longs of ['number', 'bigint'] as const) {
    const types = [Type.forSchema(schema, { longs }), Type.forSchema(schema, { longs, codegen: false })];
    try {
      return { types, value: fromPythonJson(types[0]!, types[0]!.schemaNode, datum) };
    } catch (e) {
      if (e !== UNSAFE) throw e;
    }
  }
  throw new Error('unreachable');
}

const codecName = (t: Type): string => (t.isCompiled ? 'compiled' : 'interpreted');
const fromHexText = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

describe.skipIf(vectors === undefined)('python test_io tables (vectors/py_io_examples.json)', () => {
  const v = vectors!;

  it('has the sizes the data README promises', () => {
    expect(v.schemas_to_validate).toHaveLength(42);
    expect(v.binary_encodings_long.length).toBeGreaterThan(0);
    expect(v.default_value_examples.length).toBeGreaterThan(0);
  });

  const examples = (v?.schemas_to_validate ?? []).map((e, i) => ({ ...e, i, key: `${e.schema}|${JSON.stringify(e.datum_python_json)}` }));

  it('lists only known differences that exist in the file', () => {
    for (const key of KNOWN_DIFFERENCES.keys()) expect(examples.map((e) => e.key)).toContain(key);
  });

  it.each(examples)('#$i $schema: $datum_python_json gives the spec\'s bytes in both codecs', (e) => {
    const { types, value } = typesFor(JSON.parse(e.schema), e.datum_python_json);
    const known = KNOWN_DIFFERENCES.get(e.key);
    for (const t of types) {
      expect(t.isValid(value) || known !== undefined, `${codecName(t)}: the value is valid`).toBe(true);
      if (e.python_1_11_1_hex === undefined) {
        // Python failed to write it (KNOWN_DIFFERENCES); the spec's bytes: null is branch 1.
        expect(known, `python3-avro failed (${e.python_1_11_1_error}) and no known difference says why`).toBeDefined();
        expect(toHex(t.toBuffer(value)), known).toBe('02');
        expect(t.fromBuffer(fromHexText('02'))).toBeNull();
        continue;
      }
      const written = fromHexText(e.python_1_11_1_hex);
      if (known) {
        expect(() => t.toBuffer(value), known).toThrow();
        expect(t.fromBuffer(written), known).toBe(e.datum_python_json);
        continue;
      }
      expect(toHex(t.toBuffer(value)), `${codecName(t)} bytes`).toBe(e.python_1_11_1_hex);
      expect(difference(t.fromBuffer(written), value), `${codecName(t)} reads python's bytes`).toBeUndefined();
    }
  });

  it.each(v?.binary_encodings_long ?? [])('zig-zag: $value is $hex as a long (both modes) and an int', ({ value, hex }) => {
    const bytes = fromHexText(hex);
    const cases: [Type, unknown][] = [
      ...(['number', 'bigint'] as const).flatMap((longs) =>
        [true, false].map((codegen) => [Type.forSchema('long', { longs, codegen }), longs === 'bigint' ? BigInt(value) : value] as [Type, unknown]),
      ),
      ...[true, false].map((codegen) => [Type.forSchema('int', { codegen }), value] as [Type, unknown]),
    ];
    for (const [t, x] of cases) {
      expect(toHex(t.toBuffer(x)), `${t.schema() as string} ${codecName(t)}`).toBe(hex);
      expect(t.fromBuffer(bytes)).toBe(x);
    }
  });

  /*
   * Python's test reads a record written without field F using a reader that has F with the
   * default. The expected values follow the spec, which here differs from python3-avro 1.11.1:
   * bytes and fixed defaults are ISO-8859-1 ("\u00ff\u00ff" is ff ff; Python encodes them as
   * UTF-8, c3bf c3bf), and a float default is rounded to 32 bits (Python keeps the double 1.1).
   * test/interop/core-binary.test.ts checks both against the live peer.
   */
  const WRITER = { type: 'record', name: 'Test', fields: [{ name: 'H', type: 'int' }] };
  it.each(v?.default_value_examples ?? [])('default $default_python of $type fills in the reader field', (d) => {
    const reader = { type: 'record', name: 'Test', fields: [{ name: 'H', type: 'int' }, { name: 'F', type: d.type, default: d.default_python }] };
    const written = Type.forSchema(WRITER).toBuffer({ H: 3 });
    for (const codegen of [true, false]) {
      const t = Type.forSchema(reader, { codegen });
      const field = (t.schemaNode as Extract<Schema, { kind: 'record' }>).fields[1]!;
      const expected = { H: 3, F: fromPythonJson(t, field.type, d.default_python) };
      const got = t.fromBuffer(written, t.createResolver(Type.forSchema(WRITER, { codegen })));
      expect(difference(got, expected), codecName(t)).toBeUndefined();
    }
  });
});
