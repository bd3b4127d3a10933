import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Repository } from '../../src/repository/index.js';
import { Type } from '../../src/type.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

const open = (dir: string, extra: object = {}) => Repository.open<Order>(dir, { type: orderType(), idField: 'id', blockBytes: 512, ...extra });
const INDEX = '_avrokit/index/00001.idx.avro';

describe('id index files', () => {
  it("a later session replaces ids it knows only from the saved index (ids decoded on demand)", async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.saveAll(orders(500));
    await first.close();
    const second = await open(dir);
    await second.saveAll([{ ...orders(8)[7]!, total: -7 }, { ...orders(400)[399]!, total: -399 }, ...orders(5, 500)]);
    expect(await second.count()).toBe(505);
    expect((await second.findById('o7'))?.total).toBe(-7);
    expect((await second.findById('o399'))?.total).toBe(-399);
    expect((await second.findById('o504'))?.total).toBe(504);
    await second.close();
    const third = await open(dir);
    expect(await third.count()).toBe(505);
    expect((await third.find({ where: { total: { lt: 0 } } }).toArray()).map((o) => o.id)).toEqual(['o7', 'o399']);
    expect((await third.findById('o250'))?.total).toBe(250);
    await third.close();
  });

  it('long ids beyond 2^53 go through the index as bigints', async () => {
    const type = Type.forSchema({ type: 'record', name: 'L', fields: [{ name: 'id', type: 'long' }, { name: 'v', type: 'string' }] }, { longs: 'bigint' });
    const dir = await tempDir();
    const big = 2n ** 60n + 3n;
    const repo = await Repository.open<{ id: bigint; v: string }>(dir, { type, idField: 'id' });
    await repo.saveAll([{ id: big, v: 'a' }, { id: -big, v: 'b' }, { id: 5n, v: 'c' }]);
    await repo.close();
    const again = await Repository.open<{ id: bigint; v: string }>(dir, { type, idField: 'id' });
    await again.save({ id: big, v: 'a2' });
    expect((await again.findById(big))?.v).toBe('a2');
    expect((await again.findById(-big))?.v).toBe('b');
    expect((await again.findById(5))?.v).toBe('c');
    expect(await again.count()).toBe(3);
    await again.close();
  });

  it('an index of another format version is rebuilt', async () => {
    const dir = await tempDir();
    const repo = await open(dir);
    await repo.saveAll(orders(300));
    await repo.close();
    const path = join(dir, INDEX);
    const bytes = await readFile(path);
    const at = bytes.indexOf('2/string');
    expect(at).toBeGreaterThan(0);
    bytes.write('1/string', at); // same length: still a valid container file, of a version we do not read
    await writeFile(path, bytes);
    const again = await open(dir);
    expect((await again.findById('o123'))?.total).toBe(123);
    await again.close();
    expect((await readFile(path)).indexOf('2/string')).toBeGreaterThan(0);
  });
});
