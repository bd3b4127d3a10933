import { describe, expect, it } from 'vitest';
import { Repository } from '../../src/repository/index.js';
import { Type } from '../../src/type.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

describe('snapshots, streaming and ids', () => {
  it('a query sees the snapshot it started with while the same repository saves more', async () => {
    const repo = await Repository.open<Order>(await tempDir(), { type: orderType(), idField: 'id', blockBytes: 256 });
    await repo.saveAll(orders(100));
    const it1 = repo.find()[Symbol.asyncIterator]();
    expect((await it1.next()).value?.id).toBe('o0');
    await repo.saveAll(orders(100, 100));
    await repo.save({ ...orders(1)[0]!, total: 5 }); // supersedes o0 for later queries
    let n = 1;
    for (let r = await it1.next(); !r.done; r = await it1.next()) n++;
    expect(n).toBe(100);
    expect(await repo.count()).toBe(200);
    await repo.close();
  });

  it('streams a large dataset in bounded memory', async () => {
    const dir = await tempDir();
    const type = Type.forSchema({ type: 'record', name: 'P', fields: [{ name: 'i', type: 'int' }, { name: 's', type: 'string' }] });
    const repo = await Repository.open<{ i: number; s: string }>(dir, { type });
    const N = 400_000;
    function* gen() {
      for (let i = 0; i < N; i++) yield { i, s: `payload number ${i} with some text to make it bigger` };
    }
    await repo.saveAll(gen());
    await repo.close();
    const reader = await Repository.open<{ i: number; s: string }>(dir, { type, readOnly: true });
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let n = 0;
    let sum = 0;
    for await (const p of reader.find()) {
      sum += p.i;
      if ((++n & 0x3fff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
    expect(n).toBe(N);
    expect(sum).toBe((N * (N - 1)) / 2);
    // Held all at once these records take well over 60 MB; a stream keeps a block or so.
    expect(peak).toBeLessThan(48 * 1024 * 1024);
    await reader.close();
  }, 60_000);

  it('an update can move an entity to another partition', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), idField: 'id', partitionBy: ['country'] });
    await repo.saveAll(orders(8));
    expect(await repo.update({ id: 'o0' }, { country: 'SE' })).toBe(1);
    expect((await repo.findById('o0'))?.country).toBe('SE');
    expect(await repo.count({ country: 'SE' })).toBe(1);
    expect(await repo.count({ country: 'NL' })).toBe(1);
    expect(await repo.count()).toBe(8);
    await repo.close();
  });

  it('int and long ids, as numbers or bigints', async () => {
    for (const longs of ['number', 'bigint'] as const) {
      const type = Type.forSchema({ type: 'record', name: 'L', fields: [{ name: 'id', type: 'long' }, { name: 'v', type: 'string' }] }, { longs });
      const dir = await tempDir();
      const repo = await Repository.open<{ id: number | bigint; v: string }>(dir, { type, idField: 'id' });
      const id = (n: number) => (longs === 'bigint' ? BigInt(n) : n);
      await repo.saveAll([{ id: id(1), v: 'a' }, { id: id(2), v: 'b' }, { id: id(1), v: 'c' }]);
      await repo.close();
      const again = await Repository.open<{ id: number | bigint; v: string }>(dir, { type, idField: 'id' });
      expect((await again.findById(1))?.v).toBe('c');
      expect((await again.findById(2n))?.v).toBe('b');
      expect(await again.count()).toBe(2);
      expect((await again.findBy({ id: { in: [2] } }).toArray()).map((x) => x.v)).toEqual(['b']);
      await again.close();
    }
  });

  it('queries wait for a save in progress in the same repository, and concurrent saves never interleave', async () => {
    const repo = await Repository.open<Order>(await tempDir(), { type: orderType(), idField: 'id' });
    const saves = [repo.saveAll(orders(500)), repo.saveAll(orders(500, 500)), repo.count()];
    const [, , count] = await Promise.all(saves);
    expect(count).toBe(1000);
    expect((await repo.find().toArray()).map((o) => o.id)).toEqual(orders(1000).map((o) => o.id));
    await repo.close();
  });
});
