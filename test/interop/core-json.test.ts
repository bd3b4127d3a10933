/**
 * Avro's JSON encoding proven against Java avro 1.8 (python3-avro has none): for every schema
 * of ./core-cases.ts and its edge and seeded values, Java's JsonDecoder reads our
 * `type.toString(value)` to the same value and the same binary bytes as ours, and we read what
 * Java's JsonEncoder writes (`type.fromString`) to the same value. Our text and Java's also
 * parse to the same JSON, apart from how numbers are spelled (`1e21` / `1.0E21`).
 *
 * What Java 1.8 does differently, and what we do about it:
 * - NaN and ±Infinity: Java's JsonEncoder writes the strings `"NaN"`, `"Infinity"` and
 *   `"-Infinity"` (as we do), but its JsonDecoder reads neither those strings ("Expected
 *   double. Got VALUE_STRING") nor bare `NaN` tokens (a Jackson parse error): Java cannot read
 *   its own output. So values holding a non-finite float or double go one way only: we read
 *   Java's text, and a test pins that Java refuses ours.
 * - JsonDecoder wants full names for union branches ("Unknown union branch Rec") and every
 *   field present (a missing field with a default is "Expected string. Got END_OBJECT"). We
 *   always write both, and read short names (when unambiguous) and missing defaulted fields
 *   too; pinned below so a change in either side shows.
 *
 * Every other difference is in KNOWN_DIFFERENCES, with the reason; each is checked to still
 * happen, so the list stays true.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Type } from '../../src/index.js';
import { caseType, caseValues, CORE_CASES, difference, type CoreCase } from './core-cases.js';
import { describeIfPeer, fromHex, javaAvro, javaPeer, toHex, type PeerJson, type PeerRequest } from './peers/index.js';
import { fromPeerValue, peerContext, toPeerValue } from './peers/values.js';

interface Prepared {
  readonly c: CoreCase;
  readonly type: Type;
  readonly interpreted: Type;
  /** Values Java's JsonDecoder can read (every float and double finite). */
  readonly finite: unknown[];
  /** Values with NaN or ±Infinity somewhere: one-way only (see the header). */
  readonly nonFinite: unknown[];
}

function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array) && !(v instanceof Date)) return Object.values(v).some(hasNonFinite);
  return false;
}

const cases: Prepared[] = CORE_CASES.map((c, i) => {
  const type = caseType(c);
  const values = caseValues(c, type, 2000 + i);
  return {
    c,
    type,
    interpreted: caseType(c, false),
    finite: values.filter((v) => !hasNonFinite(v)),
    nonFinite: values.filter(hasNonFinite),
  };
});

const ctxOf = (c: CoreCase) => peerContext(c.longs ? { longs: c.longs } : {});
const peerValues = (p: Prepared, values: unknown[]): PeerJson[] => values.map((v) => toPeerValue(p.c.schema, v, ctxOf(p.c)));

/** The Java behaviours the header describes, each a request and what Java answers. */
const REC = { type: 'record', name: 'a.b.Rec', fields: [{ name: 'x', type: 'int' }, { name: 'y', type: 'string', default: 'd' }] };
const PINNED = [
  { what: 'a union branch named by its short name', schema: ['null', REC], text: '{"Rec":{"x":1,"y":"s"}}', javaError: /Unknown union branch Rec/ },
  { what: 'a record with a defaulted field left out', schema: REC, text: '{"x":1}', javaError: /Expected string\. Got END_OBJECT/ },
  { what: 'a bare NaN token', schema: 'double', text: 'NaN', javaError: /Non-standard token 'NaN'/ },
] as const;
/** Sent after PINNED: how Java reads "-0.0" (what we write) and "-0". */
const ZEROS = { op: 'jsonDecode' as const, schema: 'double', json: ['-0.0', '-0'] };

/** Where Java 1.8 and avrokit differ on the JSON encoding, and why (checked by the tests below). */
const KNOWN_DIFFERENCES = {
  emptyRecord:
    'Java 1.8 JsonEncoder writes nothing ("") for a top-level record without fields (a nested one is "{}"); an ' +
    'empty text is not JSON, so there is nothing to read.',
  mapOrder:
    'Java reads a map into a HashMap, so the bytes it writes back list map entries in hash order; map entry ' +
    'order carries no meaning in Avro, so those bytes are compared as values.',
} as const;

type Replies = (Record<string, unknown> & { error?: string })[];

/**
 * Where two parsed JSON texts differ, numbers compared at float precision: we write a float
 * with the fewest digits that read back to it (-236731860), Java with Float.toString
 * (-2.36731856E8). The exact values are checked by the value comparisons.
 */
function jsonDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    return Object.is(Math.fround(a), Math.fround(b)) ? undefined : `${path || '(root)'}: ${a} vs ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      const d = jsonDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    if (ka.join('\u0000') !== Object.keys(b).sort().join('\u0000')) return `${path || '(root)'}: keys differ`;
    for (const k of ka) {
      const d = jsonDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

describeIfPeer(javaAvro(), 'JSON encoding: avrokit and Java avro 1.8 read each other', () => {
  let decodeOurs: Replies;
  let encodeTheirs: Replies;
  let nonFinite: Replies;
  let pinned: Replies;
  let negativeZeroSeen = 0;

  beforeAll(async () => {
    const requests: PeerRequest[] = [
      ...cases.map((p) => ({ op: 'jsonDecode' as const, schema: p.c.schema, json: p.finite.map((v) => p.type.toString(v)) })),
      ...cases.map((p) => ({ op: 'jsonEncode' as const, schema: p.c.schema, datums: peerValues(p, [...p.finite, ...p.nonFinite]) })),
      // One request per value: each is expected to fail on its own.
      ...cases.flatMap((p) => p.nonFinite.map((v) => ({ op: 'jsonDecode' as const, schema: p.c.schema, json: [p.type.toString(v)] }))),
      ...PINNED.map((x) => ({ op: 'jsonDecode' as const, schema: x.schema, json: [x.text] })),
      ZEROS,
    ];
    const { replies } = await javaPeer({ op: 'batch', requests });
    const n = cases.length;
    const nf = cases.reduce((s, p) => s + p.nonFinite.length, 0);
    decodeOurs = replies.slice(0, n);
    encodeTheirs = replies.slice(n, 2 * n);
    nonFinite = replies.slice(2 * n, 2 * n + nf);
    pinned = replies.slice(2 * n + nf);
  });

  it.each(cases.map((p, i) => ({ name: p.c.name, i, n: p.finite.length })))('$name: Java reads our JSON text ($n values)', ({ i }) => {
    const p = cases[i]!;
    const reply = decodeOurs[i]!;
    if (reply.error !== undefined) throw new Error(`Java's JsonDecoder refused our text: ${reply.error}`);
    const datums = reply['datums'] as PeerJson[];
    const hex = reply['hex'] as string[];
    const hasMap = JSON.stringify(p.c.schema).includes('"map"');
    const problems: string[] = [];
    p.finite.forEach((v, j) => {
      const text = p.type.toString(v).slice(0, 200);
      // We write -0 as "-0.0", the form Java 1.8 reads as negative zero ("-0" it reads as +0).
      const expected = v;
      if (JSON.stringify(v, (_k, x) => (Object.is(x, -0) ? '<-0>' : typeof x === 'bigint' ? String(x) : x)).includes('<-0>')) negativeZeroSeen++;
      const d = difference(fromPeerValue(p.c.schema, datums[j]!, ctxOf(p.c)), expected);
      if (d) problems.push(`value #${j} (${text}): Java read ${d}`);
      const ours = toHex(p.type.toBuffer(expected));
      if (hex[j] === ours) return;
      // KNOWN_DIFFERENCES.mapOrder: Java's map entries come back in hash order.
      const asValue = hasMap ? difference(p.type.fromBuffer(fromHex(hex[j]!)), expected) : 'no map in the schema';
      if (asValue) problems.push(`value #${j} (${text}): Java's bytes ${hex[j]} vs ours ${ours} (${asValue})`);
    });
    expect(problems).toEqual([]);
  });

  it.each(cases.map((p, i) => ({ name: p.c.name, i, n: p.finite.length + p.nonFinite.length })))(
    '$name: we read the JSON text Java writes ($n values)',
    ({ i }) => {
      const p = cases[i]!;
      const reply = encodeTheirs[i]!;
      if (reply.error !== undefined) throw new Error(`Java's JsonEncoder failed: ${reply.error}`);
      const texts = reply['json'] as string[];
      const problems: string[] = [];
      [...p.finite, ...p.nonFinite].forEach((v, j) => {
        const text = texts[j]!;
        if (p.c.name === 'empty record') {
          // KNOWN_DIFFERENCES.emptyRecord
          expect(text, KNOWN_DIFFERENCES.emptyRecord).toBe('');
          expect(p.type.toString(v)).toBe('{}');
          return;
        }
        for (const t of [p.type, p.interpreted]) {
          const d = difference(t.fromString(text), v);
          if (d) problems.push(`value #${j} (${text.slice(0, 200)}), ${t.isCompiled ? 'compiled' : 'interpreted'}: we read ${d}`);
        }
        const same = jsonDifference(JSON.parse(p.type.toString(v)), JSON.parse(text));
        if (same) problems.push(`value #${j}: our text ${p.type.toString(v).slice(0, 200)} and Java's ${text.slice(0, 200)} differ at ${same}`);
      });
      expect(problems).toEqual([]);
    },
  );

  it('negative zero crossed to Java with its sign: Java keeps the sign of "-0.0" (ours) but not of "-0"', () => {
    // Runs after the per-case tests above, which count the values holding a -0.
    expect(negativeZeroSeen).toBeGreaterThan(3);
    expect(pinned[PINNED.length]!['hex']).toEqual(['0000000000000080', '0000000000000000']);
  });

  it('NaN and ±Infinity: we read what Java writes, Java 1.8 reads neither its own text nor ours', () => {
    const all = cases.flatMap((p) => p.nonFinite.map((v) => ({ p, v })));
    expect(all.length).toBeGreaterThan(10);
    all.forEach(({ p, v }, j) => {
      const text = p.type.toString(v);
      expect(text, 'we write non-finite numbers as Java does').toMatch(/"(NaN|-?Infinity)"/);
      expect(nonFinite[j]!.error, `Java read ${text} (if Java learnt it, move the value to the two-way tests)`).toMatch(
        /Expected (float|double)\. Got VALUE_STRING/,
      );
    });
  });

  it.each(PINNED.map((x, i) => ({ ...x, i })))('Java 1.8 refuses $what, which we read', ({ schema, text, javaError, i }) => {
    expect(pinned[i]!.error).toMatch(javaError);
    if (text !== 'NaN') expect(() => caseType({ name: '', schema, edges: [] }).fromString(text)).not.toThrow();
  });
});
