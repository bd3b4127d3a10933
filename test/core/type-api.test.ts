import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AvroDecodeError, AvroSchemaError, AvroTypeError, Type, isSingleObject } from '../../src/index.js';

const SHARED = process.env['AVROKIT_SHARED'] ?? join(__dirname, '../../../shared');

const order = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'customer', type: ['null', 'string'], default: null },
    {
      name: 'items',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Item',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'price', type: 'double' },
          ],
        },
      },
    },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
  ],
};
const anOrder = { id: 7, customer: 'Ann', items: [{ sku: 'a-1', price: 9.5 }], status: 'PAID' };

describe('Type API (avsc names)', () => {
  it('round-trips a record through toBuffer and fromBuffer', () => {
    const t = Type.forSchema(order);
    expect(t.fromBuffer(t.toBuffer(anOrder))).toEqual(anOrder);
    expect(t.name).toBe('shop.Order');
    expect(t.typeName).toBe('record');
  });

  it('accepts the schema as JSON text', () => {
    expect(Type.forSchema(JSON.stringify(order)).toBuffer(anOrder)).toEqual(Type.forSchema(order).toBuffer(anOrder));
  });

  it('toBuffer returns a Buffer on Node', () => {
    expect(Buffer.isBuffer(Type.forSchema('int').toBuffer(1))).toBe(true);
  });

  it('buffers from toBuffer never share bytes: each keeps its value, small or large', () => {
    const t = Type.forSchema({ type: 'array', items: 'string' });
    const values = Array.from({ length: 3000 }, (_, i) => Array.from({ length: i % 7 === 0 ? 500 : 2 }, (_, j) => `${i}-${j}`));
    const bufs = values.map((v) => t.toBuffer(v));
    bufs.forEach((b, i) => expect(t.fromBuffer(b)).toEqual(values[i]));
    // A failed encoding leaves nothing behind for the next value.
    expect(() => t.toBuffer(['a', 1])).toThrow();
    expect(t.fromBuffer(t.toBuffer(['z']))).toEqual(['z']);
  });

  it('encode writes into the caller buffer and returns the end offset', () => {
    const t = Type.forSchema(order);
    const expected = t.toBuffer(anOrder);
    const buf = new Uint8Array(100);
    const end = t.encode(anOrder, buf, 3);
    expect(end).toBe(3 + expected.length);
    expect(Buffer.from(buf.subarray(3, end)).equals(Buffer.from(expected))).toBe(true);
  });

  it('encode returns minus the missing bytes when the buffer is too small', () => {
    const t = Type.forSchema('string');
    expect(t.encode('hello', new Uint8Array(4), 0)).toBe(-2);
  });

  it('decode returns offset -1 on truncated input, for streams', () => {
    const t = Type.forSchema(order);
    const buf = t.toBuffer(anOrder);
    expect(t.decode(buf.subarray(0, buf.length - 1))).toEqual({ value: undefined, offset: -1 });
    expect(t.decode(buf, 0)).toEqual({ value: anOrder, offset: buf.length });
  });

  it('decode returns offset -1 wherever the input is cut, also inside an array block', () => {
    const t = Type.forSchema(order);
    const buf = t.toBuffer({ ...anOrder, items: [anOrder.items[0], anOrder.items[0]] });
    for (let cut = 0; cut < buf.length; cut++) expect(t.decode(buf.subarray(0, cut)).offset).toBe(-1);
  });

  it('a missing field takes its default when encoding (as avsc), and is an error without one', () => {
    for (const codegen of [true, false]) {
      const t = Type.forSchema(
        { type: 'record', name: 'D', fields: [{ name: 'a', type: 'int' }, { name: 'tags', type: { type: 'array', items: 'string' }, default: ['x'] }] },
        { codegen },
      );
      expect(t.fromBuffer(t.toBuffer({ a: 1 }))).toEqual({ a: 1, tags: ['x'] });
      expect(t.isValid({ a: 1 })).toBe(true);
      expect(() => t.toBuffer({ tags: [] })).toThrow(/^a: expected int, got undefined/);
    }
  });

  it('fromBuffer rejects trailing bytes unless noCheck', () => {
    const t = Type.forSchema('int');
    const buf = new Uint8Array([2, 0]);
    expect(() => t.fromBuffer(buf)).toThrow(/1 bytes left over/);
    expect(t.fromBuffer(buf, undefined, true)).toBe(1);
  });

  it('fromBuffer on truncated input names the field and the byte offset', () => {
    const t = Type.forSchema(order);
    const buf = t.toBuffer(anOrder);
    try {
      t.fromBuffer(buf.subarray(0, 12));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AvroDecodeError);
      // The items block claims more bytes than are left: the error is the block's.
      expect((e as AvroDecodeError).path).toBe('items');
      expect((e as AvroDecodeError).offset).toBeGreaterThan(0);
    }
  });

  it('isValid reports the path of every bad part through errorHook', () => {
    const t = Type.forSchema(order);
    const paths: string[] = [];
    const ok = t.isValid({ ...anOrder, items: [{ sku: 1, price: 2 }], status: 'LOST' }, { errorHook: (p) => paths.push(p.join('.')) });
    expect(ok).toBe(false);
    expect(paths).toEqual(['items.0.sku', 'status']);
    expect(t.isValid(anOrder)).toBe(true);
  });

  it('toBuffer of an invalid value throws AvroTypeError with the path', () => {
    const t = Type.forSchema(order);
    expect(() => t.toBuffer({ ...anOrder, status: 'LOST' })).toThrow(AvroTypeError);
    expect(() => t.toBuffer({ ...anOrder, status: 'LOST' })).toThrow(/^status: expected enum shop.Status, got "LOST"/);
  });

  it('schema() gives JSON that parses back to the same canonical form', () => {
    const t = Type.forSchema(order);
    expect(Type.forSchema(t.schema()).canonicalForm()).toBe(t.canonicalForm());
    expect(t.toString()).toBe(JSON.stringify(t.schema()));
  });

  it('toString and fromString use the Avro JSON encoding', () => {
    const t = Type.forSchema(order);
    const text = t.toString(anOrder);
    expect(JSON.parse(text)).toEqual({ ...anOrder, customer: { string: 'Ann' } });
    expect(t.fromString(text)).toEqual(anOrder);
  });

  it('clone, compare and random work on records', () => {
    const t = Type.forSchema(order);
    const c = t.clone(anOrder) as typeof anOrder;
    expect(c).toEqual(anOrder);
    expect(c.items).not.toBe(anOrder.items);
    expect(t.compare(anOrder, { ...anOrder, id: 8 })).toBe(-1);
    expect(t.compare(anOrder, c)).toBe(0);
    expect(t.isValid(t.random())).toBe(true);
  });

  it('fingerprint gives rabin by default and md5, sha256 on request', () => {
    const t = Type.forSchema('int');
    // CRC-64-AVRO of "int" from the spec's schema-tests: 7275446424231592157 (signed).
    const rabin = Buffer.from(t.fingerprint()).readBigInt64LE();
    expect(rabin).toBe(8247732601305521295n);
    expect(t.fingerprint('md5')).toHaveLength(16);
    expect(t.fingerprint('sha256')).toHaveLength(32);
  });

  it('rejects an invalid schema with the path', () => {
    expect(() => Type.forSchema({ type: 'record', name: 'A', fields: [{ name: 'x', type: 'nope' }] })).toThrow(AvroSchemaError);
    expect(() => Type.forSchema({ type: 'record', name: 'A', fields: [{ name: 'x', type: 'nope' }] })).toThrow(/^A\.x: unknown type "nope"/);
  });
});

describe('single-object encoding', () => {
  it('frames with C3 01 and the rabin fingerprint, and reads its own output', () => {
    const t = Type.forSchema(order);
    const msg = t.toSingleObject(anOrder);
    expect(isSingleObject(msg)).toBe(true);
    expect(Buffer.from(msg.subarray(2, 10)).equals(Buffer.from(t.fingerprint()))).toBe(true);
    expect(t.fromSingleObject(msg)).toEqual(anOrder);
  });

  it('rejects a message of another schema, naming both fingerprints', () => {
    const msg = Type.forSchema('int').toSingleObject(1);
    expect(() => Type.forSchema('long').fromSingleObject(msg)).toThrow(/is not this schema's/);
  });

  const dir = join(SHARED, 'avro/share/test/data/messageV1');
  it.runIf(existsSync(dir))('reads the message Java wrote (share/test/data/messageV1) and writes the same bytes', () => {
    const t = Type.forSchema(readFileSync(join(dir, 'test_schema.avsc'), 'utf8'));
    const bin = readFileSync(join(dir, 'test_message.bin'));
    const value = t.fromSingleObject(bin);
    expect(value).toEqual({ id: 42, name: 'Bill', tags: ['dog_lover', 'cat_hater'] });
    expect(Buffer.from(t.toSingleObject(value)).equals(bin)).toBe(true);
  });
  if (!existsSync(dir)) console.warn(`\n!!! SKIPPED messageV1 test: ${dir} not found (set AVROKIT_SHARED)\n`);
});

describe('long values', () => {
  const t = Type.forSchema('long');
  const big = Type.forSchema('long', { longs: 'bigint' });

  it('numbers round-trip exactly across the whole safe range', () => {
    for (const n of [0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 52 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(t.fromBuffer(t.toBuffer(n))).toBe(n);
    }
  });

  it('a value beyond 2^53 is an error in number mode, never a silent rounding', () => {
    const buf = big.toBuffer(2n ** 60n);
    expect(() => t.fromBuffer(buf)).toThrow(/longs: 'bigint'/);
    expect(() => t.toBuffer(2 ** 60)).toThrow(/pass a bigint/);
  });

  it('bigint mode reads and writes the whole int64 range', () => {
    for (const n of [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 12345678901234567n]) {
      expect(big.fromBuffer(big.toBuffer(n))).toBe(n);
    }
    expect(big.fromBuffer(big.toBuffer(5))).toBe(5n);
  });

  it('encodes int64 extremes as the spec (zig-zag, 10 bytes)', () => {
    expect(Buffer.from(big.toBuffer(-(2n ** 63n))).toString('hex')).toBe('ffffffffffffffffff01');
    expect(Buffer.from(t.toBuffer(-(2 ** 53) + 1)).toString('hex')).toBe(Buffer.from(big.toBuffer(-(2n ** 53n) + 1n)).toString('hex'));
  });
});

describe('names that clash with JavaScript', () => {
  const schema = {
    type: 'record',
    name: 'Clash',
    fields: ['__proto__', 'constructor', 'toString', 'toJSON', 'hasOwnProperty', 'valueOf', 'prototype'].map((name) => ({
      name,
      type: 'string',
    })),
  };
  for (const codegen of [true, false]) {
    it(`field names like __proto__ round-trip without touching prototypes (codegen ${codegen})`, () => {
      const t = Type.forSchema(schema, { codegen });
      const v: Record<string, string> = {};
      for (const f of schema.fields) Object.defineProperty(v, f.name, { value: `v-${f.name}`, enumerable: true });
      const back = t.fromBuffer(t.toBuffer(v)) as Record<string, unknown>;
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
      for (const f of schema.fields) expect(Object.getOwnPropertyDescriptor(back, f.name)?.value).toBe(`v-${f.name}`);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it(`map keys __proto__ stay data (codegen ${codegen})`, () => {
      const t = Type.forSchema({ type: 'map', values: { type: 'map', values: 'string' } }, { codegen });
      const inner: Record<string, string> = {};
      Object.defineProperty(inner, '__proto__', { value: 'x', enumerable: true });
      const v: Record<string, unknown> = {};
      Object.defineProperty(v, '__proto__', { value: inner, enumerable: true });
      const back = t.fromBuffer(t.toBuffer(v)) as Record<string, Record<string, string>>;
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
      expect(Object.keys(back)).toEqual(['__proto__']);
      expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual(inner);
      expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    });
  }

  it('JavaScript in docs, defaults, symbols and attributes never runs', () => {
    const g = globalThis as Record<string, unknown>;
    const payload = '"); globalThis.pwned = true; ("';
    const t = Type.forSchema({
      type: 'record',
      name: 'Evil',
      doc: payload,
      'x-attr': payload,
      fields: [
        { name: 'a', type: 'string', default: payload, doc: payload },
        { name: 'b', type: { type: 'enum', name: 'E', symbols: ['A'], doc: payload }, default: 'A' },
        { name: 'c', type: { type: 'map', values: 'string' }, default: { [payload]: payload } },
      ],
    });
    const v = { a: payload, b: 'A', c: { [payload]: payload } };
    expect(t.fromBuffer(t.toBuffer(v))).toEqual(v);
    t.compiledSource();
    expect(g['pwned']).toBeUndefined();
    expect(() => Type.forSchema({ type: 'record', name: 'x"+pwned()+"', fields: [] })).toThrow(AvroSchemaError);
    expect(() => Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'a"]=1;//', type: 'int' }] })).toThrow(AvroSchemaError);
  });
});
