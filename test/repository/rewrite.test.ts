import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Repository } from '../../src/repository/index.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

const avroFiles = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.avro')).sort();

describe('delete and update through atomic rewrites', () => {
  it('delete(where) removes the matches, rewriting only files that hold one', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), maxFileRecords: 100, retainObsoleteMs: 0 });
    await repo.saveAll(orders(300));
    await repo.flush();
    expect(await avroFiles(dir)).toEqual(['part-00001.avro', 'part-00002.avro', 'part-00003.avro']);
    expect(await repo.delete({ id: { in: ['o150', 'o151'] } })).toBe(2);
    expect(await repo.count()).toBe(298);
    expect(await repo.exists({ id: 'o150' })).toBe(false);
    // Only the middle file was rewritten (into a new file); the old one is gone (no retention).
    expect(await avroFiles(dir)).toEqual(['part-00001.avro', 'part-00003.avro', 'part-00004.avro']);
    expect(await repo.delete({ id: 'nope' })).toBe(0);
    await repo.close();
    const again = await Repository.open<Order>(dir, { type: orderType() });
    expect(await again.count()).toBe(298);
    await again.close();
  });

  it('update(where, changes) with values or a function; the rest is untouched', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), idField: 'id' });
    await repo.saveAll(orders(40));
    expect(await repo.update({ country: 'NL' }, { note: 'dutch' })).toBe(10);
    expect(await repo.update({ total: { gte: 38 } }, (o) => { o.total = o.total * 10; })).toBe(2);
    expect(await repo.count({ note: 'dutch' })).toBe(10);
    expect((await repo.findById('o39'))?.total).toBe(390);
    expect((await repo.findById('o4'))?.note).toBe('dutch');
    expect((await repo.findById('o5'))?.note).toBe('n5');
    expect(await repo.count()).toBe(40);
    await repo.close();
  });

  it('an update that makes a value invalid changes nothing and names the field', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType() });
    await repo.saveAll(orders(20));
    await repo.flush();
    const files = await avroFiles(dir);
    await expect(repo.update({ id: 'o3' }, { total: 'lots' as never })).rejects.toThrow(/shop\.Order\.total/);
    expect(await avroFiles(dir)).toEqual(files);
    expect((await repo.findOneBy({ id: 'o3' }))?.total).toBe(3);
    await repo.close();
  });

  it('refuses empty criteria for delete and update; clear deletes everything', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), retainObsoleteMs: 0 });
    await repo.saveAll(orders(10));
    await expect(repo.delete({})).rejects.toThrow(/delete with empty criteria would change every entity: give a filter, or call clear\(\)/);
    await expect(repo.update({ id: undefined } as never, { total: 1 })).rejects.toThrow(/update with empty criteria/);
    expect(await repo.clear()).toBe(10);
    expect(await repo.count()).toBe(0);
    expect(await avroFiles(dir)).toEqual([]);
    await repo.save(orders(1)[0]!);
    expect(await repo.count()).toBe(1);
    await repo.close();
  });

  it('old files stay for readers of older snapshots until vacuumed', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType() });
    await repo.saveAll(orders(10));
    await repo.flush();
    const reading = repo.find()[Symbol.asyncIterator]();
    expect((await reading.next()).value?.id).toBe('o0');
    await repo.delete({ id: 'o5' });
    expect(await avroFiles(dir)).toEqual(['part-00001.avro', 'part-00002.avro']);
    let rest = 0;
    for (let r = await reading.next(); !r.done; r = await reading.next()) rest++;
    expect(rest).toBe(9); // the reader's snapshot still has o5
    expect(await repo.vacuum({ olderThanMs: 0 })).toEqual(['part-00001.avro']);
    expect(await avroFiles(dir)).toEqual(['part-00002.avro']);
    await repo.close();
  });
});

describe('files', () => {
  it('rolls files by record count and by size', async () => {
    const byCount = await tempDir();
    const a = await Repository.open<Order>(byCount, { type: orderType(), maxFileRecords: 30 });
    await a.saveAll(orders(100));
    await a.close();
    expect(await avroFiles(byCount)).toHaveLength(4);
    const bySize = await tempDir();
    const b = await Repository.open<Order>(bySize, { type: orderType(), maxFileBytes: 2000, blockBytes: 500 });
    await b.saveAll(orders(300));
    await b.close();
    expect((await avroFiles(bySize)).length).toBeGreaterThan(3);
    const again = await Repository.open<Order>(bySize, { type: orderType() });
    expect((await again.find().toArray()).map((o) => o.id)).toEqual(orders(300).map((o) => o.id));
    await again.close();
  });

  it('compact merges small files and drops nothing live', async () => {
    const dir = await tempDir();
    for (let i = 0; i < 3; i++) {
      const r = await Repository.open<Order>(dir, { type: orderType(), maxFileRecords: 10 });
      await r.saveAll(orders(15, i * 15));
      await r.close();
    }
    const repo = await Repository.open<Order>(dir, { type: orderType(), retainObsoleteMs: 0 });
    expect((await repo.stats()).files).toBeGreaterThan(3);
    const r = await repo.compact();
    expect(r.recordsDropped).toBe(0);
    expect(await repo.stats()).toMatchObject({ files: 1, records: 45 });
    expect((await repo.find().toArray()).map((o) => o.id).sort()).toEqual(orders(45).map((o) => o.id).sort());
    await repo.close();
  });
});
