import { describe, expect, it } from 'vitest';
import { Repository, RepositoryError } from '../../src/repository/index.js';
import { BATCH_LIMIT } from '../../src/repository/id-map.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

describe('batches larger than one pass of the id map', () => {
  it('last write wins across passes, and a refused batch puts every id back where it was', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), idField: 'id', maxFileRecords: 50_000 });
    const n = BATCH_LIMIT + 5_000;
    await repo.saveAll(orders(n));
    await repo.flush();
    // Replaces every id (the map is updated pass by pass), then fails at the very end.
    const batch: Order[] = orders(n).map((o) => ({ ...o, total: -1 }));
    batch.push({ ...orders(1)[0]!, total: 'x' as never });
    const err = (await repo.saveAll(batch).catch((e: unknown) => e)) as RepositoryError;
    expect(err).toBeInstanceOf(RepositoryError);
    expect(err.kind).toBe('invalid');
    expect(await repo.count({ total: -1 })).toBe(0);
    expect(await repo.count()).toBe(n);
    for (const i of [0, 1, BATCH_LIMIT - 1, BATCH_LIMIT, n - 1]) expect((await repo.findById(`o${i}`))?.total).toBe(i % 1000);

    // The same batch without the bad entity: every id replaced once, also those saved twice in it.
    batch.pop();
    batch.push({ ...orders(2)[1]!, total: -2 });
    await repo.saveAll(batch);
    expect(await repo.count()).toBe(n);
    expect(await repo.count({ total: -1 })).toBe(n - 1);
    expect((await repo.findById('o1'))?.total).toBe(-2);
    expect((await repo.findById(`o${n - 1}`))?.total).toBe(-1);
    await repo.close();
    const again = await Repository.open<Order>(dir, { type: orderType(), idField: 'id' });
    expect(await again.count()).toBe(n);
    expect((await again.findById('o1'))?.total).toBe(-2);
    await again.close();
  });
});
