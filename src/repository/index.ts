/**
 * `avrokit/repository`: ORM-style persistence of objects into a dataset of standard Avro
 * container files, with no database server: `save`, `find`, `findById`, `count`, `delete`,
 * `update`, `compact`, Hive-style partitions, schema evolution through resolution, crash-safe
 * commits and a writer lock.
 *
 * ```ts
 * import { Repository } from 'avrokit/repository';
 * const orders = await Repository.open<Order>('data/orders', { type: typeOf(Order), idField: 'id' });
 * await orders.saveAll(newOrders);
 * await orders.flush();
 * for await (const o of orders.findBy({ total: { gte: 100 } })) console.log(o.id);
 * await orders.close();
 * ```
 */
export { Repository, Query, openRepository } from './repository.js';
export type { FindOptions, Changes, DatasetStats } from './repository.js';
export type { RepositoryOptions } from './options.js';
export type { Where, WhereFields, FieldCondition, Operators } from './filter.js';
export { RepositoryError } from './errors.js';
export type { RepositoryErrorKind, SchemaIncompatibility } from './errors.js';
export type { DatasetProblem } from './inspect.js';
export type { RewriteResult } from './rewrite.js';
export type { IdKey } from './entity.js';
export { MANIFEST_FILE, META_DIR } from './manifest.js';
export type { Manifest, FileEntry } from './manifest.js';
export { LOCK_FILE } from './lock.js';
