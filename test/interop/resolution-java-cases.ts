/**
 * Writer/reader pairs for the Java resolution interop test, covering every rule of the spec's
 * Schema Resolution. Values are avrokit values of the writer's schema.
 */
export interface ResolutionCase {
  readonly name: string;
  readonly writer: unknown;
  readonly reader: unknown;
  readonly values: readonly unknown[];
  /** Long mode of both Types (bigint where values pass 2^53). */
  readonly longs?: 'number' | 'bigint';
}

const rec = (name: string, fields: unknown[], extra: Record<string, unknown> = {}): unknown => ({ type: 'record', name, fields, ...extra });
const enm = (name: string, symbols: string[], extra: Record<string, unknown> = {}): unknown => ({ type: 'enum', name, symbols, ...extra });
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

const allKinds = [
  { name: 'n', type: 'null' }, { name: 'b', type: 'boolean' }, { name: 'i', type: 'int' }, { name: 'l', type: 'long' },
  { name: 'f', type: 'float' }, { name: 'd', type: 'double' }, { name: 'by', type: 'bytes' }, { name: 's', type: 'string' },
  { name: 'fx', type: { type: 'fixed', name: 'F2', size: 2 } }, { name: 'e', type: enm('E3', ['A', 'B', 'C']) },
  { name: 'a', type: { type: 'array', items: 'long' } }, { name: 'm', type: { type: 'map', values: ['null', 'string'] } },
  { name: 'u', type: ['null', 'double', rec('In', [{ name: 'x', type: 'int' }])] },
  { name: 'r', type: rec('Nested', [{ name: 'p', type: 'float' }, { name: 'q', type: { type: 'array', items: 'string' } }]) },
];
const allValues = {
  n: null, b: true, i: -7, l: 2 ** 40, f: 1.25, d: -2.5e100, by: bytes(0, 1, 255), s: 'héllo ☃', fx: bytes(9, 8), e: 'C',
  a: [1, -2, 3], m: { x: 'y', z: null }, u: { x: 5 }, r: { p: 0.5, q: ['a', 'b'] },
};

export const CASES: readonly ResolutionCase[] = [
  // Primitives and promotions.
  { name: 'int as long', writer: 'int', reader: 'long', values: [0, -1, 2147483647, -2147483648] },
  { name: 'int as float', writer: 'int', reader: 'float', values: [3, 16777217, -2147483648, 123456789] },
  { name: 'int as double', writer: 'int', reader: 'double', values: [7, -2147483648] },
  { name: 'long as float', writer: 'long', reader: 'float', longs: 'bigint', values: [5n, 2n ** 60n + 2n ** 36n + 1n, -(2n ** 63n), 2n ** 53n + 1n] },
  { name: 'long as double', writer: 'long', reader: 'double', longs: 'bigint', values: [-3n, 2n ** 63n - 1n, 2n ** 53n + 1n] },
  { name: 'float as double', writer: 'float', reader: 'double', values: [0.1, -0, NaN, Infinity, 3.4e38] },
  { name: 'string as bytes', writer: 'string', reader: 'bytes', values: ['', 'abc', 'é😀'] },
  { name: 'bytes as string', writer: 'bytes', reader: 'string', values: [bytes(), bytes(104, 105), bytes(0xe2, 0x98, 0x83)] },
  { name: 'same primitives', writer: 'boolean', reader: 'boolean', values: [true, false] },

  // Records.
  {
    name: 'fields reordered, all kinds',
    writer: rec('R', allKinds), reader: rec('R', [...allKinds].reverse()), values: [allValues],
  },
  {
    name: 'writer-only fields of every kind skipped',
    writer: rec('R', [...allKinds, { name: 'keep', type: 'string' }]), reader: rec('R', [{ name: 'keep', type: 'string' }]),
    values: [{ ...allValues, keep: 'kept' }],
  },
  {
    name: 'reader-only fields from defaults',
    writer: rec('R', [{ name: 'id', type: 'int' }]),
    reader: rec('R', [
      { name: 'id', type: 'int' }, { name: 'b', type: 'boolean', default: true }, { name: 'l', type: 'long', default: 12345678901 },
      { name: 'd', type: 'double', default: 1.5 }, { name: 's', type: 'string', default: 'x' }, { name: 'by', type: 'bytes', default: '\u00ff\u0000' },
      { name: 'fx', type: { type: 'fixed', name: 'F1', size: 1 }, default: 'z' }, { name: 'e', type: enm('E', ['P', 'Q']), default: 'Q' },
      { name: 'a', type: { type: 'array', items: 'int' }, default: [1, 2] }, { name: 'm', type: { type: 'map', values: 'int' }, default: { k: 1 } },
      { name: 'u', type: ['null', 'int'], default: null }, { name: 'r', type: rec('D', [{ name: 'v', type: 'int' }]), default: { v: 3 } },
    ]),
    values: [{ id: 1 }, { id: -1 }],
  },
  {
    name: 'field renamed through an alias',
    writer: rec('R', [{ name: 'old', type: 'int' }, { name: 'x', type: 'string' }]),
    reader: rec('R', [{ name: 'x', type: 'string' }, { name: 'new', type: 'long', aliases: ['old'] }]),
    values: [{ old: 4, x: 'q' }],
  },
  {
    name: 'record renamed through an alias',
    writer: rec('ns.Old', [{ name: 'x', type: 'int' }]),
    reader: rec('ns.New', [{ name: 'x', type: 'int' }], { aliases: ['Old'] }),
    values: [{ x: 1 }],
  },
  {
    name: 'nested records, arrays and maps with promotions',
    writer: rec('R', [{ name: 'items', type: { type: 'array', items: rec('Item', [{ name: 'qty', type: 'int' }, { name: 'sku', type: 'string' }]) } },
      { name: 'tags', type: { type: 'map', values: 'float' } }]),
    reader: rec('R', [{ name: 'items', type: { type: 'array', items: rec('Item', [{ name: 'qty', type: 'double' }, { name: 'note', type: 'string', default: '' }]) } },
      { name: 'tags', type: { type: 'map', values: 'double' } }]),
    values: [{ items: [{ qty: 1, sku: 'a' }, { qty: 2, sku: 'b' }], tags: { t: 0.5 } }, { items: [], tags: {} }],
  },
  {
    name: 'recursive list, renamed, with a new field',
    writer: rec('LongList', [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'LongList'] }]),
    reader: rec('LinkedLongs', [{ name: 'value', type: 'long' }, { name: 'next', type: ['null', 'LinkedLongs'] }, { name: 'n', type: 'int', default: 0 }], { aliases: ['LongList'] }),
    values: [{ value: 1, next: { value: 2, next: { value: 3, next: null } } }],
  },

  // Enums and fixed.
  { name: 'enum read by symbol, reader reordered and larger', writer: enm('E', ['A', 'B', 'C']), reader: enm('E', ['C', 'X', 'B', 'A']), values: ['A', 'B', 'C'] },
  { name: 'enum symbol unknown to the reader takes its default', writer: enm('E', ['A', 'B', 'NEW']), reader: enm('E', ['A', 'B', 'OTHER'], { default: 'OTHER' }), values: ['A', 'NEW'] },
  { name: 'enum renamed through an alias', writer: enm('Old', ['A']), reader: enm('New', ['A'], { aliases: ['Old'] }), values: ['A'] },
  { name: 'fixed', writer: { type: 'fixed', name: 'F', size: 3 }, reader: { type: 'fixed', name: 'F', size: 3 }, values: [bytes(1, 2, 3)] },
  { name: 'fixed renamed through an alias', writer: { type: 'fixed', name: 'a.F', size: 1 }, reader: { type: 'fixed', name: 'G', size: 1, aliases: ['a.F'] }, values: [bytes(7)] },

  // Unions.
  { name: 'non-union writer into a reader union (promotion)', writer: 'int', reader: ['null', 'string', 'long'], values: [5, -5] },
  { name: 'writer union into a non-union reader', writer: ['int', 'long'], reader: 'double', values: [1, 2 ** 40] },
  { name: 'unions on both sides, reordered', writer: ['null', 'string', 'int'], reader: ['int', 'null', 'bytes'], values: [null, 'x', 7] },
  { name: 'record branch matched by name in a union', writer: ['null', rec('A', [{ name: 'x', type: 'int' }]), rec('B', [{ name: 'y', type: 'string' }])],
    reader: [rec('B', [{ name: 'y', type: 'bytes' }]), 'null', rec('A', [{ name: 'x', type: 'long' }, { name: 'z', type: 'int', default: 1 }])],
    values: [null, { x: 3 }, { y: 'why' }] },
  { name: 'the writer\'s own type preferred over an earlier promotion', writer: 'int', reader: ['long', 'int'], values: [9] },
  { name: 'first promotion in branch order', writer: 'int', reader: ['null', 'float', 'long'], values: [16777217] },
  { name: 'enum and fixed inside unions', writer: ['null', enm('E', ['A', 'B']), { type: 'fixed', name: 'F', size: 1 }],
    reader: [{ type: 'fixed', name: 'F', size: 1 }, enm('E', ['B', 'A']), 'null'], values: [null, 'B', bytes(1)] },

  // Logical types resolve on their underlying types.
  { name: 'date as timestamp-millis (int as long)', writer: { type: 'int', logicalType: 'date' }, reader: { type: 'long', logicalType: 'timestamp-millis' },
    values: [new Date(0), new Date(86_400_000 * 3)] },
  { name: 'decimal with the same precision and scale', writer: { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 },
    reader: { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 }, values: ['123.45'] },

  // Where Java 1.8 and the spec part ways (see JAVA_18_DIFFERENCES).
  { name: 'records of different names', writer: rec('A', [{ name: 'x', type: 'int' }]), reader: rec('B', [{ name: 'x', type: 'int' }]), values: [{ x: 1 }] },
  { name: 'records in different namespaces', writer: rec('a.R', [{ name: 'x', type: 'int' }]), reader: rec('b.R', [{ name: 'x', type: 'int' }]), values: [{ x: 1 }] },
  { name: 'enums in different namespaces', writer: enm('a.E', ['X']), reader: enm('b.E', ['X']), values: ['X'] },
  { name: 'decimals of different scales', writer: { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 },
    reader: { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 3 }, values: ['123.45'] },
];
