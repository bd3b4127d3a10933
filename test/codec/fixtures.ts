import { CodecContext, type CodecContextOptions } from '../../src/codec/context.js';
import type { LogicalBinding, LogicalTypeDefinition } from '../../src/logical/logical-type.js';
import { parseSchema } from '../../src/schema/parse.js';
import type { Schema } from '../../src/schema/model.js';

/**
 * Schemas and a small logical type shared by the value-walker tests. The logical type is local
 * to the tests so that they do not depend on the built-in ones.
 */

const DAY = 86_400_000;

/** `test-days`: an int of days since the epoch, as a UTC `Date`. */
export const testDays: LogicalTypeDefinition = {
  name: 'test-days',
  bind(schema: Schema): LogicalBinding | string {
    if (schema.kind !== 'int') return 'test-days needs an int';
    const binding: LogicalBinding<Date, number> = {
      fromAvro: (raw) => new Date(raw * DAY),
      toAvro: (d) => {
        if (!(d instanceof Date) || d.getTime() % DAY !== 0) throw new TypeError('expected a Date at midnight UTC');
        return d.getTime() / DAY;
      },
      isValid: (v) => v instanceof Date && v.getTime() % DAY === 0 && Number.isInteger(v.getTime() / DAY),
    };
    return binding as LogicalBinding;
  },
};

export function ctxWith(options: CodecContextOptions = {}): CodecContext {
  return new CodecContext({ logicalTypes: new Map([[testDays.name, testDays]]), ...options });
}

/** A spread of schemas: every kind, nesting, unions of many shapes, recursion, logical types. */
export const SCHEMA_JSON: Record<string, unknown> = {
  null: 'null',
  boolean: 'boolean',
  int: 'int',
  long: 'long',
  float: 'float',
  double: 'double',
  bytes: 'bytes',
  string: 'string',
  fixed: { type: 'fixed', name: 'F4', size: 4 },
  enum: { type: 'enum', name: 'Suit', symbols: ['SPADES', 'HEARTS', 'DIAMONDS', 'CLUBS'] },
  arrayOfLongs: { type: 'array', items: 'long' },
  mapOfDoubles: { type: 'map', values: 'double' },
  nullableString: ['null', 'string'],
  wideUnion: ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string',
    { type: 'fixed', name: 'ns.Hash', size: 2 }, { type: 'enum', name: 'ns.Color', symbols: ['RED', 'GREEN'] },
    { type: 'array', items: 'int' }, { type: 'map', values: 'string' }],
  order: {
    type: 'record', name: 'Order', namespace: 'shop',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'customer', type: ['null', { type: 'record', name: 'Customer', fields: [
        { name: 'name', type: 'string' }, { name: 'email', type: ['null', 'string'], default: null },
      ] }] },
      { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [
        { name: 'sku', type: 'string' }, { name: 'price', type: 'double' }, { name: 'qty', type: 'int' },
      ] } } },
      { name: 'tags', type: { type: 'map', values: 'string' } },
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
      { name: 'checksum', type: { type: 'fixed', name: 'Md5', size: 16 } },
      { name: 'placed', type: { type: 'int', logicalType: 'test-days' } },
    ],
  },
  linkedList: {
    type: 'record', name: 'LongList',
    fields: [{ name: 'value', type: 'long' }, { name: 'next', type: ['null', 'LongList'] }],
  },
  tree: {
    type: 'record', name: 'Tree',
    fields: [
      { name: 'label', type: 'string' },
      { name: 'children', type: { type: 'array', items: 'Tree' } },
      { name: 'attrs', type: { type: 'map', values: ['null', 'Tree', 'float'] } },
    ],
  },
  twoRecords: [
    { type: 'record', name: 'a.Point', fields: [{ name: 'x', type: 'int' }] },
    { type: 'record', name: 'b.Point', fields: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }] },
  ],
  logicalUnion: ['null', { type: 'int', logicalType: 'test-days' }, 'string'],
  nested: { type: 'array', items: { type: 'map', values: { type: 'array', items: ['null', 'bytes', 'double'] } } },
};

export const SCHEMAS: Record<string, Schema> = Object.fromEntries(
  Object.entries(SCHEMA_JSON).map(([k, v]) => [k, parseSchema(v)]),
);

/**
 * Strict structural equality for codec values: same prototypes, same own keys in any order,
 * numbers by `Object.is` (so NaN equals NaN and -0 differs from 0), any bytes by content. Written
 * out because vitest's `toStrictEqual` compares a field named `constructor` as the class.
 * `prototypes: false` skips the prototype check (for JSON from other sources).
 * Returns where the values differ, or undefined.
 */
export function difference(a: unknown, b: unknown, at = '$', prototypes = true): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${at}: ${show(a)} vs ${show(b)}`;
  }
  // Bytes compare by content: the binary decoder keeps its input's class (a Buffer on Node).
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]) ? undefined : `${at}: bytes differ`;
  }
  if (prototypes && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: different prototypes`;
  if (a instanceof Date && b instanceof Date) {
    return Object.is(a.getTime(), b.getTime()) ? undefined : `${at}: ${a.toISOString()} vs ${b.toISOString()}`;
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${at}: keys ${JSON.stringify(ka)} vs ${JSON.stringify(kb)}`;
  for (const k of ka) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}[${JSON.stringify(k)}]`, prototypes);
    if (d !== undefined) return d;
  }
  return undefined;
}

function show(v: unknown): string {
  return typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? JSON.stringify(v) : String(v);
}
