/**
 * Decorated services under TC39 standard decorators (TypeScript without
 * experimentalDecorators). vite's transform does not lower them on Node 20, so the service
 * below is compiled by tsc (which also type-checks the decorators' standard signatures
 * against the built declarations) and the output is run here with this checkout's decorators.
 * Standard decorators cannot decorate parameters, so messages list them in `request`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as decorators from '../../decorators/rpc.js';
import { clientOf, protocolOf, serve } from '../../decorators/rpc.js';
import { ensureBuilt, repoRoot } from '../infra/build.js';

const dts = (path: string): string => JSON.stringify(join(repoRoot, 'dist/esm', path));

const SOURCE = `
import type * as D from ${dts('decorators/rpc.js')};
import type { CallContext } from ${dts('src/rpc/index.js')};

export function defineShop(d: typeof D) {
  const { AvroMessage, AvroRecord, AvroService, Field } = d;

  @AvroRecord({ namespace: 'org.tc39' })
  class Item {
    @Field('string') name!: string;
    @Field('int') quantity!: number;
  }

  @AvroRecord({ namespace: 'org.tc39', error: true })
  class OutOfStock {
    @Field('string') item!: string;
  }

  @AvroService({ protocol: 'Shop', namespace: 'org.tc39' })
  class Shop {
    stock = 3;
    ticks = 0;

    @AvroMessage({ request: { item: () => Item }, response: 'int', errors: [OutOfStock] })
    async order(item: Item, ctx?: CallContext): Promise<number> {
      void ctx;
      if (item.quantity > this.stock) throw Object.assign(new OutOfStock(), { item: item.name });
      this.stock -= item.quantity;
      return this.stock;
    }

    @AvroMessage({ request: [{ name: 'name', type: 'string', default: 'world' }], response: 'string' })
    hello(name: string): string {
      return 'hello ' + name;
    }

    @AvroMessage({ oneWay: true })
    tick(): void {
      this.ticks++;
    }
  }
  return { Item, OutOfStock, Shop };
}

/** A parameter without a request list: standard decorators cannot name it. */
export function defineUnnamed(d: typeof D) {
  const { AvroMessage, AvroService } = d;
  @AvroService()
  class Unnamed {
    @AvroMessage({ response: 'string' })
    echo(text: string): string {
      return text;
    }
  }
  return Unnamed;
}
`;

interface Fixture {
  defineShop(d: typeof decorators): { Item: new () => { name: string; quantity: number }; OutOfStock: new () => { item: string }; Shop: new () => object };
  defineUnnamed(d: typeof decorators): unknown;
}

let dir = '';
let fx: Fixture;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'avrokit-service-tc39-'));
  writeFileSync(join(dir, 'shop.ts'), SOURCE);
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  try {
    await promisify(execFile)(process.execPath, [
      join(repoRoot, 'node_modules/typescript/bin/tsc'), '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
      '--strict', '--exactOptionalPropertyTypes', '--skipLibCheck', '--types', 'node', '--typeRoots', join(repoRoot, 'node_modules/@types'),
      '--lib', 'ES2022,DOM', join(dir, 'shop.ts'),
    ], { cwd: dir });
  } catch (e) {
    throw new Error(`tsc failed on the TC39 service:\n${(e as { stdout?: string }).stdout ?? String(e)}`);
  }
  fx = (await import(pathToFileURL(join(dir, 'shop.js')).href)) as Fixture;
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

describe('decorated services with TC39 standard decorators (tsc output)', () => {
  it('give the protocol that legacy decorators would', () => {
    const { Shop } = fx.defineShop(decorators);
    expect(protocolOf(Shop).toJSON()).toEqual({
      protocol: 'Shop', namespace: 'org.tc39',
      types: [
        { type: 'record', name: 'org.tc39.Item', fields: [{ name: 'name', type: 'string' }, { name: 'quantity', type: 'int' }] },
        { type: 'error', name: 'org.tc39.OutOfStock', fields: [{ name: 'item', type: 'string' }] },
      ],
      messages: {
        order: { request: [{ name: 'item', type: 'org.tc39.Item' }], response: 'int', errors: ['org.tc39.OutOfStock'] },
        hello: { request: [{ name: 'name', type: 'string', default: 'world' }], response: 'string' },
        tick: { request: [], response: 'null', 'one-way': true },
      },
    });
  });

  it('serve and call over TCP, declared errors as instances', async () => {
    const { Item, OutOfStock, Shop } = fx.defineShop(decorators);
    const shop = new Shop() as { ticks: number };
    const listener = await serve(shop, 'tcp://127.0.0.1:0');
    const client = clientOf(Shop, `tcp://127.0.0.1:${listener.port}`) as unknown as {
      order(item: object): Promise<number>; hello(name?: string): Promise<string>; tick(): Promise<void>; $close(): Promise<void>;
    };
    open.push(listener, { close: () => client.$close() });
    expect(await client.order(Object.assign(new Item(), { name: 'pen', quantity: 2 }))).toBe(1);
    const e = await client.order(Object.assign(new Item(), { name: 'ink', quantity: 5 })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OutOfStock);
    expect(e).toEqual(Object.assign(new OutOfStock(), { item: 'ink' }));
    expect(await client.hello()).toBe('hello world');
    await client.tick();
    expect(await client.hello('again')).toBe('hello again');
    expect(shop.ticks).toBe(1);
  });

  it('refuse a parameter that no request names', () => {
    expect(() => fx.defineUnnamed(decorators)).toThrow(
      /^Unnamed\.echo: its parameters have no names: name each with @Param\('name', type\), or list them in @AvroMessage\(\{ request: \{ name: type, … \} \}\)/,
    );
  });
});
