/**
 * A repository of decorated classes: orders saved into a directory of standard Avro files
 * (partitioned by country, Hive style), queried back as instances, changed and deleted, then
 * read by a newer version of the class (a field added, one renamed), while a change that
 * could not read the old files is refused before anything is written.
 *
 *   node --import tsx examples/repository.ts [DIR]      (after `npm run build`)
 *
 * Without DIR the dataset goes to a temporary directory, removed at the end.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AvroRecord, Field, typeOf } from 'avrokit/decorators';
import { Repository, RepositoryError } from 'avrokit/repository';
import type { RepositoryOptions } from 'avrokit/repository';

@AvroRecord({ name: 'Order', namespace: 'com.example.shop' })
class Order {
  @Field('string') id!: string;
  @Field('string') customer!: string;
  @Field('string') country!: string;
  @Field('double') total!: number;
  @Field('timestamp-millis') placedAt!: Date;

  summary(): string {
    return `${this.id} ${this.customer} (${this.country}) ${this.total.toFixed(2)}`;
  }
}

/** The one line that ties a decorated class to a dataset. */
function openRepository<T extends object>(dir: string, cls: abstract new (...a: never[]) => T, options: Omit<RepositoryOptions, 'type'> = {}) {
  return Repository.open<T>(dir, { type: typeOf(cls), ...options });
}

const dir = process.argv[2] ?? (await mkdtemp(join(tmpdir(), 'avrokit-example-')));
const options = { idField: 'id', partitionBy: ['country'] };

// 1. Save.
const orders = await openRepository(dir, Order, options);
const countries = ['NL', 'DE', 'FR'];
await orders.saveAll(
  Array.from({ length: 3000 }, (_, i) =>
    Object.assign(new Order(), {
      id: `o-${i}`,
      customer: `customer ${i % 50}`,
      country: countries[i % 3]!,
      total: (i * 7919) % 500,
      placedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
    }),
  ),
);
await orders.flush(); // durable from here on
console.log(`saved ${await orders.count()} orders`);

// 2. Query: filters, projection, lookups by id.
const big = await orders.findBy({ country: 'NL', total: { gte: 495 } }).toArray();
console.log(`NL orders of 495 or more: ${big.length}; first: ${big[0]!.summary()} (an Order: ${big[0] instanceof Order})`);
const ids = await orders.find({ where: { customer: 'customer 7', country: { in: ['DE', 'FR'] } }, select: ['id', 'total'], limit: 3 }).toArray();
console.log(`customer 7 outside NL, id and total only: ${ids.map((o) => `${o.id}=${o.total}`).join(', ')}`);
console.log(`findById("o-42"): ${(await orders.findById('o-42'))?.summary()}`);

// 3. Change: a save of an existing id replaces it; update and delete rewrite files atomically.
await orders.save(Object.assign(new Order(), { ...(await orders.findById('o-42'))!, total: 999 }));
const updated = await orders.update({ country: 'FR', total: { lt: 5 } }, (o) => {
  o.total += 100;
});
const deleted = await orders.delete({ customer: 'customer 13' });
console.log(`o-42 now ${(await orders.findById('o-42'))?.total}; updated ${updated}, deleted ${deleted}; ${await orders.count()} left`);
// Rewrites keep replaced files a while for readers of older snapshots; vacuum removes them now.
await orders.compact();
await orders.vacuum({ olderThanMs: 0 });
await orders.close();
const files = await readdir(dir, { recursive: true });
console.log(`files: ${files.filter((f) => f.endsWith('.avro') && !f.startsWith('_')).sort().join(', ')}`);

// 4. Evolve the class: a new field with a default, `customer` renamed to `buyer` (alias keeps old data readable).
@AvroRecord({ name: 'Order', namespace: 'com.example.shop' })
class OrderV2 {
  @Field('string') id!: string;
  @Field('string', { aliases: ['customer'] }) buyer!: string;
  @Field('string') country!: string;
  @Field('double') total!: number;
  @Field('timestamp-millis') placedAt!: Date;
  @Field('string', { default: 'web' }) channel!: string;
}

const v2 = await openRepository(dir, OrderV2, options);
const old = await v2.findById('o-1');
console.log(`old data as OrderV2: buyer "${old?.buyer}", channel "${old?.channel}" (the default), an OrderV2: ${old instanceof OrderV2}`);
await v2.save(Object.assign(new OrderV2(), { id: 'o-new', buyer: 'Grace', country: 'NL', total: 12.5, placedAt: new Date(0), channel: 'app' }));
console.log(`orders from the app: ${(await v2.findBy({ channel: 'app' }).toArray()).map((o) => o.buyer).join(', ')}`);
await v2.close();

// 5. A change that cannot read the old files is refused, with the report, before any write.
@AvroRecord({ name: 'Order', namespace: 'com.example.shop' })
class OrderV3 {
  @Field('string') id!: string;
  @Field('string') country!: string;
  @Field('int') total!: number; // double → int does not resolve
  @Field('string') warehouse!: string; // new, without a default
}
try {
  await openRepository(dir, OrderV3, options);
} catch (e) {
  if (!(e instanceof RepositoryError)) throw e;
  console.log(`OrderV3 refused (${e.kind}): ${e.incompatibilities.map((i) => `${i.path} ${i.kind}`).join('; ')}`);
}

if (process.argv[2] === undefined) await rm(dir, { recursive: true, force: true });
