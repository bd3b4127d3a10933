import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Repository } from '../../src/repository/index.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

describe('save and find', () => {
  it('saves a batch and reads it back in order after reopening', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType() });
    expect(await repo.saveAll(orders(1000))).toBe(1000);
    await repo.close();
    const again = await Repository.open<Order>(dir, { type: orderType() });
    const all = await again.find().toArray();
    expect(all).toHaveLength(1000);
    expect(all[0]).toEqual(orders(1)[0]);
    expect(all[999]!.id).toBe('o999');
    await again.close();
    expect((await readdir(dir)).sort()).toEqual(['_avrokit', 'part-00001.avro']);
  });

  it('sees its own unflushed saves', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType() });
    await repo.save(orders(1)[0]!);
    expect(await repo.count()).toBe(1);
    await repo.save(orders(2)[1]!);
    expect((await repo.find().toArray()).map((o) => o.id)).toEqual(['o0', 'o1']);
    await repo.close();
  });

  it('save takes an entity or a list; a flush with nothing new commits nothing', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType() });
    const one = orders(1)[0]!;
    expect(await repo.save(one)).toBe(one);
    expect(await repo.save(orders(3, 1))).toHaveLength(3);
    await repo.flush();
    const g = (await repo.stats()).generation;
    await repo.flush();
    await repo.flush();
    expect((await repo.stats()).generation).toBe(g);
    expect(await repo.count()).toBe(4);
    await repo.close();
  });

  it('writes a new file under a hidden name and renames it at its first commit', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), blockBytes: 100 });
    await repo.saveAll(orders(50));
    expect((await readdir(dir)).sort()).toEqual(['.part-00001.avro.inprogress', '_avrokit']);
    expect(await repo.count()).toBe(50);
    const other = await Repository.open<Order>(dir, { type: orderType() });
    expect(other.problems).toEqual([
      { file: '.part-00001.avro.inprogress', kind: 'uncommitted', reason: 'a data file a writer was making when it stopped; removed by the next writer' },
    ]);
    expect(await other.count()).toBe(0);
    await repo.flush();
    expect((await readdir(dir)).sort()).toEqual(['_avrokit', 'part-00001.avro']);
    expect(await other.count()).toBe(50);
    await repo.close();
    await other.close();
  });
});
