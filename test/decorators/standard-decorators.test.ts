/**
 * TC39 standard decorators (TypeScript 5+ without experimentalDecorators). vite's transform
 * does not lower them on Node 20, so the fixtures in test/fixtures/tc39 are compiled with
 * tsc into a temp dir (which also type-checks the decorators' signatures in that mode) and
 * the output is imported. Standard decorators carry no types, so every type is written out.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decorators from '../../decorators/index.js';
import { schemaOf, typeOf } from '../../decorators/index.js';
import type * as Fixture from '../fixtures/tc39/shop.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let out = '';
let fx: typeof Fixture;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'avrokit-tc39-'));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [
      tsc, '--outDir', out, '--rootDir', root, '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
      '--strict', '--exactOptionalPropertyTypes', '--skipLibCheck', '--types', 'node', '--lib', 'ES2022,DOM',
      join(root, 'test/fixtures/tc39/shop.ts'),
      // Types of class-transformer's storage module (its package has none at that path).
      join(root, 'decorators/class-transformer-storage.d.ts'),
    ], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    throw new Error(`tsc failed on the TC39 fixtures:\n${(e as { stdout?: string }).stdout ?? e}`);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  fx = (await import(pathToFileURL(join(out, 'test/fixtures/tc39/shop.js')).href)) as typeof Fixture;
}, 120_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('TC39 standard decorators (tsc output)', () => {
  it('give the same schema as legacy decorators would: inheritance, enums, unions, maps, recursion, renames', () => {
    const { Order } = fx.defineShop(decorators);
    expect(schemaOf(Order)).toEqual({
      type: 'record', name: 'Order', namespace: 'com.shop', doc: 'An order',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'createdAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
        {
          name: 'items',
          type: {
            type: 'array',
            items: {
              type: 'record', name: 'LineItem',
              fields: [
                { name: 'sku', type: 'string' },
                { name: 'quantity', type: 'int' },
                {
                  name: 'price',
                  type: {
                    type: 'record', name: 'Money',
                    fields: [
                      { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
                      { name: 'currency', type: 'string', default: 'EUR' },
                    ],
                  },
                },
              ],
            },
          },
        },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['OPEN', 'SHIPPED'] } },
        { name: 'priority', type: { type: 'enum', name: 'Priority', symbols: ['Low', 'High'], logicalType: 'ts-enum' }, default: 'Low' },
        { name: 'note', type: ['null', 'string'] },
        {
          name: 'last',
          type: [
            { type: 'record', name: 'Placed', namespace: 'com.shop.events', fields: [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }] },
            { type: 'record', name: 'Cancelled', namespace: 'com.shop.events', fields: [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }] },
          ],
        },
        { name: 'tags', type: { type: 'map', values: 'string' } },
        { name: 'parent', type: ['null', 'Order'] },
        { name: 'version_no', type: 'long' },
      ],
    });
  });

  it('decode into instances of the right classes', () => {
    const { Order, RushOrder, LineItem, Money, Cancelled, Status, Priority } = fx.defineShop(decorators);
    const make = <T extends object>(c: abstract new (...a: never[]) => T, v: Partial<T>): T => Object.assign(Object.create(c.prototype) as T, v);
    const order = make(RushOrder, {
      id: 'o1', createdAt: new Date(0), status: Status.Shipped, priority: Priority.High, note: null,
      items: [make(LineItem, { sku: 'a', quantity: 2, price: make(Money, { amount: '1.50', currency: 'EUR' }) })],
      last: make(Cancelled, { at: new Date(5) }), tags: { k: 'v' }, parent: null, version: 3n, hours: 4,
    });
    // A Type of the subclass, and one of the parent whose `parent` field holds a subclass instance.
    const t = typeOf(RushOrder);
    expect(t.context.longs).toBe('number');
    const rush = typeOf(RushOrder, { longs: 'bigint' });
    const back = rush.fromBuffer(rush.toBuffer(order));
    expect(back).toBeInstanceOf(RushOrder);
    expect(back).toEqual(order);
    expect(back.items[0]!.total()).toBe(3);
    expect(back.itemCount).toBe(1);
    expect(back.last).toBeInstanceOf(Cancelled);
    const ot = typeOf(Order, { longs: 'bigint' });
    const plain = make(Order, { ...order, parent: null });
    expect(ot.fromBuffer(ot.toBuffer(plain))).toBeInstanceOf(Order);
  });

  it('name the class and property when a field has no type, with the fix', () => {
    expect(() => fx.defineUntyped(decorators)).toThrow(
      "Untyped.name: standard (TC39) decorators carry no type information; name the type: @Field('string'), @Field(() => Address), @Field(() => [LineItem])…",
    );
  });

  it('refuse `accessor` fields, which decoding could not fill', () => {
    expect(() => fx.defineAccessor(decorators)).toThrow(/^Counter\.count: @Field on an `accessor` field: its value lives in a private slot/);
  });
});
