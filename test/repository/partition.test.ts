import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../src/repository/inspect.js';
import { Repository } from '../../src/repository/index.js';
import { ContainerReader } from '../../src/container/index.js';
import { Type } from '../../src/type.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

describe('Hive-style partitions', () => {
  it('writes one directory per value, without the partition field in the files', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), partitionBy: ['country'], idField: 'id' });
    await repo.saveAll(orders(40));
    await repo.close();
    const { files } = await listFiles(dir);
    expect(files.sort()).toEqual(['country=BE/part-00004.avro', 'country=DE/part-00002.avro', 'country=FR/part-00003.avro', 'country=NL/part-00001.avro']);
    const reader = await ContainerReader.open(await readFile(join(dir, 'country=NL/part-00001.avro')));
    expect((reader.writerType.schema() as { fields: { name: string }[] }).fields.map((f) => f.name)).toEqual(['id', 'customer', 'total', 'note']);
    const again = await Repository.open<Order>(dir, { type: orderType(), partitionBy: ['country'], idField: 'id' });
    expect(await again.find().toArray().then((a) => a.length)).toBe(40);
    expect((await again.findById('o6'))?.country).toBe('FR');
    expect((await again.findOneBy({ id: 'o7' }))?.country).toBe('BE');
    await again.close();
  });

  it('reads only the directories a filter on partition fields allows', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), partitionBy: ['country'] });
    await repo.saveAll(orders(40));
    await repo.close();
    // Damage a partition: a query that read it would fail.
    await writeFile(join(dir, 'country=DE/part-00002.avro'), 'not avro at all, and long enough to look like a file');
    const again = await Repository.open<Order>(dir, { type: orderType(), partitionBy: ['country'] });
    expect(await again.count({ country: 'NL', total: { lt: 20 } })).toBe(5);
    expect((await again.findBy({ country: { in: ['FR', 'BE'] } }).toArray()).length).toBe(20);
    expect(await again.count({ country: 'NL' })).toBe(10);
    await expect(again.count({ total: 1 })).rejects.toThrow(/country=DE\/part-00002\.avro/);
    await again.close();
  });

  it('escapes values as Hive does, keeps nulls in the default partition, and reads typed values back', async () => {
    const type = Type.forSchema({
      type: 'record', name: 'Ev',
      fields: [
        { name: 'n', type: 'int' },
        { name: 'path', type: ['null', 'string'] },
        { name: 'year', type: 'int' },
        { name: 'ok', type: 'boolean' },
      ],
    });
    const dir = await tempDir();
    const repo = await Repository.open(dir, { type, partitionBy: ['path', 'year', 'ok'] });
    const evs = [
      { n: 1, path: 'a/b=c%d', year: 2024, ok: true },
      { n: 2, path: null, year: -1, ok: false },
      { n: 3, path: 'plain é', year: 2024, ok: true },
    ];
    await repo.saveAll(evs);
    await repo.close();
    const { dirs } = await listFiles(dir);
    expect(dirs.filter((d) => d.split('/').length === 3).sort()).toEqual([
      'path=__HIVE_DEFAULT_PARTITION__/year=-1/ok=false',
      'path=a%2Fb%3Dc%25d/year=2024/ok=true',
      'path=plain é/year=2024/ok=true',
    ]);
    const again = await Repository.open(dir, { type, partitionBy: ['path', 'year', 'ok'] });
    const back = (await again.find().toArray()).map((e) => ({ ...e })).sort((a, b) => (a['n'] as number) - (b['n'] as number));
    expect(back).toEqual(evs);
    expect((await again.findBy({ path: null }).toArray()).map((e) => e['n'])).toEqual([2]);
    expect((await again.findBy({ year: { gt: 2000 }, ok: true }).toArray()).length).toBe(2);
    await again.close();
  });

  it('refuses a partition field that cannot name a directory, and a different partitioning of a dataset', async () => {
    await expect(Repository.open(await tempDir(), { type: orderType(), partitionBy: ['total'] })).rejects.toThrow(/must be a string, int, long, boolean or enum/);
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), partitionBy: ['country'] });
    await repo.saveAll(orders(2));
    await repo.close();
    await expect(Repository.open(dir, { type: orderType() })).rejects.toThrow(/partitioned by \[country\], the options say \[\]/);
    expect(await readdir(dir)).toContain('country=NL');
  });
});
