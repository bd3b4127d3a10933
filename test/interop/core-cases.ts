/**
 * Schemas and values the core interop tests (core-binary, core-json) send to the real peers:
 * every primitive, records (nested, empty, hostile field names), enums, fixed (zero size
 * too), arrays, maps, unions (of primitives, of named types, two records with the same short
 * name), recursive types (linked list, n-ary tree, mutually recursive Lisp cells) and logical
 * types, each with hand-picked edge values plus seeded generated ones, so every run sends the
 * same data and a failure repeats.
 */
import fc from 'fast-check';
import { seededRng, Type } from '../../src/index.js';
import type { LongMode, Schema } from '../../src/index.js';
import { valueArb } from '../support/arbitraries.js';

/** One schema, its long mode and its edge values (in avrokit's representation). */
export interface CoreCase {
  readonly name: string;
  readonly schema: unknown;
  readonly longs?: LongMode;
  readonly edges: readonly unknown[];
}

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

/** Strings that have broken codecs: empty, NUL, multi-byte UTF-8 of every length, astral. */
export const EDGE_STRINGS = [
  '', '\u0000', 'a\u0000b', 'héllo wörld', '日本語テキスト', '😀', '𝄞 clef \u{10FFFF}', '\u{FFFF}\u{E000}',
  '\u007f\u0080\u07ff\u0800', 'a'.repeat(300), '"quoted" \\ back\nslash\t',
];
export const EDGE_INTS = [0, -1, 1, 63, 64, -64, -65, 8191, -8193, 2147483647, -2147483648];
export const EDGE_LONGS = [0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
export const EDGE_BIG_LONGS = [
  0n, -1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 63n - 1n, -(2n ** 63n), 1234567890123456789n, -(2n ** 62n),
];
export const EDGE_FLOATS = [
  0, -0, NaN, Infinity, -Infinity, Math.fround(1.1), Math.fround(-0.1), 3.4028234663852886e38, -3.4028234663852886e38,
  1.401298464324817e-45, Math.fround(1.1754943508222875e-38), 16777216,
];
export const EDGE_DOUBLES = [
  0, -0, NaN, Infinity, -Infinity, 0.1, -1e-300, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2,
  2.2250738585072014e-308,
];

const ADDRESS = {
  type: 'record',
  name: 'Address',
  namespace: 'org.example',
  fields: [
    { name: 'street', type: 'string' },
    { name: 'zip', type: ['null', 'int'] },
  ],
};
const SUIT = { type: 'enum', name: 'Suit', symbols: ['SPADES', 'HEARTS', 'DIAMONDS', 'CLUBS'] };
const MD5 = { type: 'fixed', name: 'MD5', size: 16 };

const PERSON = {
  type: 'record',
  name: 'Person',
  namespace: 'org.example',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'home', type: ['null', ADDRESS] },
    { name: 'work', type: ['null', 'Address'] },
    { name: 'suit', type: SUIT },
    { name: 'hash', type: MD5 },
    { name: 'empty', type: { type: 'fixed', name: 'Nothing', size: 0 } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'scores', type: { type: 'map', values: 'double' } },
    { name: 'nested', type: { type: 'record', name: 'Inner', fields: [{ name: 'deep', type: { type: 'record', name: 'Deeper', fields: [{ name: 'x', type: 'float' }] } }] } },
  ],
};

const ALL_PRIMITIVES = {
  type: 'record',
  name: 'AllPrimitives',
  fields: ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'].map((t) => ({ name: `f_${t}`, type: t })),
};

const NAME_CLASH = {
  type: 'record',
  name: 'Clash',
  fields: ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'class', 'default'].map((name, i) => ({
    name,
    type: i % 2 === 0 ? 'int' : ['null', 'string'],
  })),
};

const LINKED_LIST = {
  type: 'record',
  name: 'LinkedList',
  fields: [
    { name: 'value', type: 'int' },
    { name: 'next', type: ['null', 'LinkedList'] },
  ],
};
const TREE = {
  type: 'record',
  name: 'org.tree.Tree',
  fields: [
    { name: 'label', type: 'string' },
    { name: 'children', type: { type: 'array', items: 'Tree' } },
    { name: 'attrs', type: { type: 'map', values: ['null', 'Tree'] } },
  ],
};
const BINARY_TREE = {
  type: 'record',
  name: 'Node',
  fields: [
    { name: 'key', type: 'long' },
    { name: 'left', type: ['null', 'Node'] },
    { name: 'right', type: ['null', 'Node'] },
  ],
};
/** Mutual recursion through a union, as in python's test_io.py. */
const LISP = {
  type: 'record',
  name: 'Lisp',
  fields: [
    {
      name: 'value',
      type: ['null', 'string', { type: 'record', name: 'Cons', fields: [{ name: 'car', type: 'Lisp' }, { name: 'cdr', type: 'Lisp' }] }],
    },
  ],
};

const A_REC = { type: 'record', name: 'a.Rec', fields: [{ name: 'n', type: 'int' }] };
const B_REC = { type: 'record', name: 'b.Rec', fields: [{ name: 's', type: 'string' }, { name: 'b', type: 'boolean' }] };

const dec = (type: string, extra: Record<string, unknown>): Record<string, unknown> => ({ type, logicalType: 'decimal', ...extra });
const LOGICAL_FIELDS = [
  { name: 'amount', type: dec('bytes', { precision: 20, scale: 4 }) },
  { name: 'price', type: dec('fixed', { name: 'Price', size: 8, precision: 18, scale: 2 }) },
  { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
  { name: 'rawId', type: { type: 'fixed', name: 'Uuid16', size: 16, logicalType: 'uuid' } },
  { name: 'day', type: { type: 'int', logicalType: 'date' } },
  { name: 'tMs', type: { type: 'int', logicalType: 'time-millis' } },
  { name: 'tUs', type: { type: 'long', logicalType: 'time-micros' } },
  { name: 'tsMs', type: { type: 'long', logicalType: 'timestamp-millis' } },
  { name: 'tsUs', type: { type: 'long', logicalType: 'timestamp-micros' } },
  { name: 'tsNs', type: { type: 'long', logicalType: 'timestamp-nanos' } },
  { name: 'localMs', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
  { name: 'localUs', type: { type: 'long', logicalType: 'local-timestamp-micros' } },
  { name: 'span', type: { type: 'fixed', name: 'Duration', size: 12, logicalType: 'duration' } },
  { name: 'maybeTs', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }] },
];
const LOGICAL = { type: 'record', name: 'org.example.Logical', fields: LOGICAL_FIELDS };

const UTC = (y: number, m = 0, d = 1, ms = 0): Date => new Date(Date.UTC(y, m, d) + ms);
/** Edge values of the Logical record (first: the small ones, then the extremes). */
const LOGICAL_EDGES = [
  {
    amount: '0.0000', price: '0.00', id: '00000000-0000-0000-0000-000000000000', rawId: '00000000-0000-0000-0000-000000000000',
    day: UTC(1970), tMs: 0, tUs: 0, tsMs: new Date(0), tsUs: 0, tsNs: 0n, localMs: new Date(0), localUs: 0,
    span: { months: 0, days: 0, milliseconds: 0 }, maybeTs: null,
  },
  {
    amount: '-9999999999999999.9999', price: '9999999999999999.99', id: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
    rawId: '123e4567-e89b-12d3-a456-426614174000', day: UTC(1, 0, 1), tMs: 86_399_999, tUs: 86_399_999_999,
    tsMs: new Date(-62_135_596_800_000), tsUs: -62_135_596_800_000_000, tsNs: -(2n ** 63n), localMs: new Date(253_402_300_799_999),
    localUs: 253_402_300_799_999_000, span: { months: 4294967295, days: 4294967295, milliseconds: 4294967295 },
    maybeTs: new Date(-1),
  },
  {
    amount: '-0.0001', price: '-0.01', id: 'a4818e1c-8e59-11eb-8dcd-0242ac130003', rawId: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
    day: UTC(9999, 11, 31), tMs: 1, tUs: 1, tsMs: new Date(253_402_300_799_999), tsUs: 253_402_300_799_999_999, tsNs: 2n ** 63n - 1n,
    localMs: new Date(-62_135_596_800_000), localUs: -1, span: { months: 1, days: 2, milliseconds: 3 }, maybeTs: new Date(1),
  },
];

const arrOf = (items: unknown): unknown => ({ type: 'array', items });
const mapOf = (values: unknown): unknown => ({ type: 'map', values });
const obj = (entries: [string, unknown][]): Record<string, unknown> => {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};

/** The schemas of the core interop tests, with their edge values. */
export const CORE_CASES: readonly CoreCase[] = [
  { name: 'null', schema: 'null', edges: [null] },
  { name: 'boolean', schema: 'boolean', edges: [true, false] },
  { name: 'int', schema: 'int', edges: EDGE_INTS },
  { name: 'long', schema: 'long', edges: EDGE_LONGS },
  { name: 'long (bigint mode, beyond 2^53)', schema: 'long', longs: 'bigint', edges: EDGE_BIG_LONGS },
  { name: 'float', schema: 'float', edges: EDGE_FLOATS },
  { name: 'double', schema: 'double', edges: EDGE_DOUBLES },
  { name: 'bytes', schema: 'bytes', edges: [bytes(), bytes(0), bytes(0, 0, 0), ALL_BYTES] },
  { name: 'string', schema: 'string', edges: EDGE_STRINGS },
  { name: 'enum', schema: SUIT, edges: SUIT.symbols },
  { name: 'fixed(16)', schema: MD5, edges: [new Uint8Array(16), new Uint8Array(16).fill(255), ALL_BYTES.slice(120, 136)] },
  { name: 'fixed(0)', schema: { type: 'fixed', name: 'Zero', size: 0 }, edges: [bytes()] },
  { name: 'record of every primitive', schema: ALL_PRIMITIVES, edges: [] },
  { name: 'record with hostile field names', schema: NAME_CLASH, edges: [] },
  { name: 'nested records, enum, fixed, array, map', schema: PERSON, edges: [] },
  { name: 'empty record', schema: { type: 'record', name: 'Empty', fields: [] }, edges: [{}] },
  { name: 'array of int', schema: arrOf('int'), edges: [[], [0], EDGE_INTS] },
  { name: 'array of strings', schema: arrOf('string'), edges: [[''], EDGE_STRINGS] },
  { name: 'array of arrays of doubles', schema: arrOf(arrOf('double')), edges: [[[]], [[], [NaN, -0], []], [EDGE_DOUBLES]] },
  { name: 'array of records', schema: arrOf(ADDRESS), edges: [[], [{ street: '', zip: null }, { street: '\u0000', zip: -1 }]] },
  { name: 'map of long', schema: mapOf('long'), edges: [{}, obj([['', 0], ['__proto__', 1], ['constructor', -1], ['😀', 2 ** 40]])] },
  { name: 'map of maps of strings', schema: mapOf(mapOf('string')), edges: [{}, { a: {} }, obj([['\u0000', obj([['é', '']])]])] },
  { name: 'map of arrays of bytes', schema: mapOf(arrOf('bytes')), edges: [{ k: [] }, { k: [bytes(), ALL_BYTES] }] },
  { name: 'array of maps of floats', schema: arrOf(mapOf('float')), edges: [[{}], [{ x: NaN, y: -0, z: Infinity }]] },
  { name: 'union null|string', schema: ['null', 'string'], edges: [null, '', 'x', '😀'] },
  { name: 'union string|null', schema: ['string', 'null'], edges: [null, ''] },
  {
    name: 'union of all primitives',
    schema: ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'],
    // No -0 here: a JavaScript -0 is an integer, so the int branch takes it (as 0).
    edges: [null, true, 0, 2 ** 40, 1.5, 0.1, NaN, bytes(1, 2), ''],
  },
  { name: 'union null|float|double', schema: ['null', 'float', 'double'], edges: [null, -0, NaN, Infinity, -Infinity, 0.1, 1.5] },
  {
    name: 'union of named types, array and map',
    schema: ['null', ADDRESS, SUIT, MD5, arrOf('int'), mapOf('string')],
    edges: [null, { street: 'x', zip: 1 }, 'HEARTS', new Uint8Array(16), [], [1, 2], {}, { a: 'b' }],
  },
  { name: 'union of two records with the same short name', schema: [A_REC, B_REC], edges: [{ n: 1 }, { s: '', b: false }] },
  { name: 'array of unions', schema: arrOf(['null', 'long', 'string', SUIT]), edges: [[null, 1, 'a', 'CLUBS']] },
  {
    name: 'linked list (recursive)',
    schema: LINKED_LIST,
    edges: [{ value: 0, next: null }, { value: 1, next: { value: 2, next: { value: -2147483648, next: null } } }],
  },
  {
    name: 'n-ary tree (recursive through array and map)',
    schema: TREE,
    edges: [
      { label: 'leaf', children: [], attrs: {} },
      { label: 'root', children: [{ label: 'a', children: [], attrs: { up: null } }], attrs: { b: { label: 'b', children: [], attrs: {} } } },
    ],
  },
  { name: 'binary tree (recursive through two unions)', schema: BINARY_TREE, edges: [{ key: 1, left: { key: 0, left: null, right: null }, right: null }] },
  {
    name: 'Lisp cells (mutual recursion)',
    schema: LISP,
    edges: [{ value: null }, { value: { car: { value: 'head' }, cdr: { value: { car: { value: null }, cdr: { value: 'tail' } } } } }],
  },
  { name: 'logical types', schema: LOGICAL, edges: LOGICAL_EDGES },
  { name: 'logical types (bigint mode)', schema: LOGICAL, longs: 'bigint', edges: [] },
  {
    name: 'record of longs (bigint mode)',
    schema: { type: 'record', name: 'Longs', fields: [
      { name: 'one', type: 'long' },
      { name: 'many', type: arrOf('long') },
      { name: 'byKey', type: mapOf('long') },
      { name: 'maybe', type: ['null', 'long'] },
    ] },
    longs: 'bigint',
    edges: [{ one: 2n ** 63n - 1n, many: EDGE_BIG_LONGS, byKey: { min: -(2n ** 63n) }, maybe: 2n ** 53n + 1n }],
  },
];

const hasLogical = (s: unknown): boolean => JSON.stringify(s).includes('"logicalType"');

/**
 * The values a case sends: its edges, then `random` values from `Type.random(seededRng(seed))`
 * and, for schemas without logical types (fast-check's `valueArb` builds raw values), as many
 * edge-heavy ones from `valueArb` with the same fixed seed. Values that are not valid for the
 * type are left out (valueArb's strings can hold lone surrogates, which UTF-8 cannot carry).
 */
export function caseValues(c: CoreCase, type: Type, seed: number, random = 8): unknown[] {
  const rng = seededRng(seed);
  const out = [...c.edges];
  for (let i = 0; i < random; i++) out.push(type.random(rng));
  // valueArb builds raw values and does not stop on recursion, so it gets the other schemas.
  if (!hasLogical(c.schema) && c.longs !== 'bigint' && !isRecursive(type.schemaNode)) {
    out.push(...fc.sample(valueArb(type.schemaNode), { numRuns: random, seed }));
  }
  return out.filter((v) => type.isValid(v) && !hasLoneSurrogate(v));
}

function isRecursive(s: Schema, open: Set<Schema> = new Set()): boolean {
  if (open.has(s)) return true;
  open.add(s);
  const children =
    s.kind === 'record' ? s.fields.map((f) => f.type) : s.kind === 'union' ? s.branches
      : s.kind === 'array' ? [s.items] : s.kind === 'map' ? [s.values] : [];
  const found = children.some((x) => isRecursive(x, open));
  open.delete(s);
  return found;
}

function hasLoneSurrogate(v: unknown): boolean {
  if (typeof v === 'string') return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v);
  if (Array.isArray(v)) return v.some(hasLoneSurrogate);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array) && !(v instanceof Date)) {
    return Object.entries(v).some(([k, x]) => hasLoneSurrogate(k) || hasLoneSurrogate(x));
  }
  return false;
}

/** A Type for the case (compiled unless told). */
export function caseType(c: CoreCase, codegen = true): Type {
  return Type.forSchema(c.schema, { codegen, ...(c.longs ? { longs: c.longs } : {}) });
}

/**
 * Where two avrokit values first differ (undefined when equal): Object.is on leaves (so -0 ≠ 0
 * and NaN = NaN), bytes by content, Dates by instant, objects by own enumerable keys.
 */
export function difference(a: unknown, b: unknown, path = ''): string | undefined {
  const here = path || '(root)';
  if (Object.is(a, b)) return undefined;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]) ? undefined : `${here}: bytes ${hex(a)} vs ${hex(b)}`;
  }
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime()) ? undefined : `${here}: ${a.toISOString()} vs ${b.toISOString()}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${here}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${here}: keys [${ka}] vs [${kb}]`;
    for (const k of ka) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return `${here}: ${show(a)} vs ${show(b)}`;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const show = (v: unknown): string => (typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : typeof v === 'string' ? JSON.stringify(v) : String(v));
