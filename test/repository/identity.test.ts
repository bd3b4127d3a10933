import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Repository } from '../../src/repository/index.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

const open = (dir: string, extra: object = {}) => Repository.open<Order>(dir, { type: orderType(), idField: 'id', blockBytes: 256, ...extra });

describe('identity', () => {
  it('finds by id, also for entities not yet flushed', async () => {
    const repo = await open(await tempDir());
    await repo.saveAll(orders(300));
    expect((await repo.findById('o123'))?.total).toBe(123);
    expect(await repo.findById('nope')).toBeUndefined();
    await repo.flush();
    expect((await repo.findById('o299'))?.customer).toBe('c8');
    expect({ ...(await repo.findById('o5', { select: ['id', 'country'] })) }).toEqual({ id: 'o5', country: 'DE' });
    await repo.close();
  });

  it('a save of an existing id replaces it: last write wins, in find, count and findById', async () => {
    const dir = await tempDir();
    const repo = await open(dir);
    await repo.saveAll(orders(50));
    await repo.flush();
    await repo.save({ ...orders(11)[10]!, total: 9999 });
    await repo.saveAll([{ ...orders(1)[0]!, total: -1 }, { ...orders(1)[0]!, total: -2 }]);
    expect((await repo.findById('o10'))?.total).toBe(9999);
    expect((await repo.findById('o0'))?.total).toBe(-2);
    expect(await repo.count()).toBe(50);
    const all = await repo.find().toArray();
    expect(all).toHaveLength(50);
    expect(all.filter((o) => o.id === 'o10').map((o) => o.total)).toEqual([9999]);
    await repo.close();

    const again = await open(dir);
    expect(await again.count()).toBe(50);
    expect((await again.findById('o0'))?.total).toBe(-2);
    expect(await again.count({ id: 'o10' })).toBe(1);
    await again.close();
  });

  it('findById reads an index beside the data, and rebuilds it when missing or stale', async () => {
    const dir = await tempDir();
    const repo = await open(dir, { maxFileRecords: 100 });
    await repo.saveAll(orders(250));
    await repo.close();
    const indexDir = join(dir, '_avrokit', 'index');
    expect((await readdir(indexDir)).sort()).toEqual(['00001.idx.avro', '00002.idx.avro', '00003.idx.avro']);

    await rm(join(indexDir, '00002.idx.avro'));
    await writeFile(join(indexDir, '00003.idx.avro'), 'garbage');
    const again = await open(dir, { maxFileRecords: 100 });
    expect((await again.findById('o150'))?.total).toBe(150);
    expect((await again.findById('o249'))?.total).toBe(249);
    await again.close();
    expect((await readdir(indexDir)).sort()).toEqual(['00001.idx.avro', '00002.idx.avro', '00003.idx.avro']);
  });

  it('an index written for fewer bytes is extended after an append from another session', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.saveAll(orders(10));
    await first.close();
    const second = await open(dir);
    await second.saveAll(orders(10, 10));
    await second.close();
    expect(await readdir(dir)).toContain('part-00001.avro');
    expect((await readdir(dir)).filter((n) => n.endsWith('.avro'))).toHaveLength(1);
    const third = await open(dir);
    expect((await third.findById('o15'))?.total).toBe(15);
    expect((await third.findById('o3'))?.total).toBe(3);
    await third.close();
  });

  it('compaction drops superseded versions', async () => {
    const dir = await tempDir();
    const repo = await open(dir, { retainObsoleteMs: 0 });
    await repo.saveAll(orders(100));
    await repo.saveAll(orders(100).map((o) => ({ ...o, total: o.total + 1000 })));
    await repo.flush();
    const before = await repo.stats();
    const result = await repo.compact();
    expect(result.recordsDropped).toBe(100);
    const after = await repo.stats();
    expect(after.records).toBe(100);
    expect(after.bytes).toBeLessThan(before.bytes);
    expect((await repo.findById('o42'))?.total).toBe(1042);
    expect(await repo.count({ total: { lt: 1000 } })).toBe(0);
    await repo.close();
    expect((await readdir(dir)).filter((n) => n.endsWith('.avro'))).toEqual(['part-00002.avro']);
  });

  it('of two live records of one id (files written by other tools), the later wins', async () => {
    const dir = await tempDir();
    const repo = await open(dir);
    await repo.saveAll(orders(3));
    await repo.flush();
    await repo.save({ ...orders(1)[0]!, total: 77 });
    await repo.close();
    // Forget which records were superseded, as if another tool had written the second file.
    const path = join(dir, '_avrokit/manifest.json');
    const m = JSON.parse(await readFile(path, 'utf8')) as { files: Record<string, unknown>[] };
    for (const f of m.files) {
      delete f['deletes'];
      delete f['deleted'];
    }
    await writeFile(path, JSON.stringify(m));
    const again = await open(dir);
    expect((await again.findById('o0'))?.total).toBe(77);
    expect(await again.count()).toBe(3);
    expect((await again.find().toArray()).map((o) => o.total)).toEqual([1, 2, 77]);
    await again.close();
  });

  it('refuses an id field that is not a string, int or long', async () => {
    await expect(Repository.open(await tempDir(), { type: orderType(), idField: 'total' })).rejects.toThrow(/idField shop.Order.total is a double/);
    await expect(Repository.open(await tempDir(), { type: orderType(), idField: 'zip' })).rejects.toThrow(/idField "zip" is not a field/);
  });
});
