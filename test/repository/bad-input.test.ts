import { mkdir, open, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Repository, RepositoryError } from '../../src/repository/index.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

describe('bad input', () => {
  it('refuses a value that does not fit with its field path, and saves nothing of the batch', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), idField: 'id', blockBytes: 300 });
    await repo.saveAll(orders(5));
    const batch = [...orders(500, 5)];
    batch[400] = { ...batch[400]!, note: 42 as never };
    const err = (await repo.saveAll(batch).catch((e: unknown) => e)) as RepositoryError;
    expect(err).toBeInstanceOf(RepositoryError);
    expect(err.kind).toBe('invalid');
    expect(err.path).toBe('note');
    expect(err.message).toMatch(/entity #400 of the batch does not fit the schema at shop\.Order\.note/);
    expect(err.message).toMatch(/nothing of this batch was saved/);
    expect(await repo.count()).toBe(5);
    expect(await repo.findById('o6')).toBeUndefined();
    // The dataset goes on normally after the refusal.
    await repo.saveAll(orders(3, 5));
    await repo.close();
    const again = await Repository.open<Order>(dir, { type: orderType(), idField: 'id' });
    expect((await again.find().toArray()).map((o) => o.id)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7']);
    await again.close();
  });

  it('takes back a failed batch that replaced ids and rolled files', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), idField: 'id', maxFileRecords: 10 });
    await repo.saveAll(orders(15));
    await repo.flush();
    const batch = orders(30).map((o) => ({ ...o, total: -1 }));
    batch.push({ ...orders(1)[0]!, id: null as never });
    await expect(repo.saveAll(batch)).rejects.toThrow(/shop\.Order\.id/);
    expect(await repo.count({ total: -1 })).toBe(0);
    expect((await repo.findById('o3'))?.total).toBe(3);
    expect(await repo.count()).toBe(15);
    await repo.close();
    expect((await Repository.open<Order>(dir, { type: orderType(), idField: 'id' }).then((r) => r.stats())).files).toBe(2);
  });

  it('refuses a partition value that cannot name a directory', async () => {
    const repo = await Repository.open<Order>(await tempDir(), { type: orderType(), partitionBy: ['country'] });
    await expect(repo.save({ ...orders(1)[0]!, country: 7 as never })).rejects.toThrow(/shop\.Order\.country: partition field: expected a string/);
    await repo.close();
  });

  it('reports foreign, uncommitted, missing and truncated files by name and reason', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), maxFileRecords: 10 });
    await repo.saveAll(orders(30));
    await repo.close();
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await mkdir(join(dir, 'stray'));
    await writeFile(join(dir, 'stray', 'x.avro'), 'Obj\u0001');
    await writeFile(join(dir, 'part-00009.avro'), 'half written');
    await writeFile(join(dir, '_SUCCESS'), '');
    const size = (await stat(join(dir, 'part-00002.avro'))).size;
    await truncate(join(dir, 'part-00002.avro'), size - 10);
    const again = await Repository.open<Order>(dir, { type: orderType(), readOnly: true });
    const byFile = Object.fromEntries(again.problems.map((p) => [p.file, p.kind]));
    expect(byFile).toEqual({
      'notes.txt': 'foreign',
      'stray/x.avro': 'foreign',
      'part-00009.avro': 'uncommitted',
      'part-00002.avro': 'truncated',
    });
    expect(again.problems.find((p) => p.file === 'part-00002.avro')?.reason).toMatch(/bytes were committed|were committed/);
    await expect(again.count({ total: 25 })).rejects.toThrow(/part-00002\.avro has \d+ bytes but \d+ were committed/);
    const verify = await again.verify();
    expect(verify.map((p) => `${p.file}:${p.kind}`).sort()).toEqual([
      'notes.txt:foreign', 'part-00002.avro:truncated', 'part-00009.avro:uncommitted', 'stray/x.avro:foreign',
    ]);
    await again.close();
  });

  it('verify names a file whose content is damaged', async () => {
    const dir = await tempDir();
    const repo = await Repository.open<Order>(dir, { type: orderType(), blockBytes: 200 });
    await repo.saveAll(orders(50));
    await repo.close();
    // The last block's sync marker no longer matches the header's.
    const size = (await stat(join(dir, 'part-00001.avro'))).size;
    const fh = await open(join(dir, 'part-00001.avro'), 'r+');
    await fh.write(Buffer.alloc(4, 0x55), 0, 4, size - 8);
    await fh.close();
    const again = await Repository.open<Order>(dir, { type: orderType() });
    const problems = await again.verify();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'part-00001.avro', kind: 'damaged' });
    await expect(again.find().toArray()).rejects.toThrow(/part-00001\.avro/);
    await again.close();
  });

  it('reports a manifest that is not ours', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '_avrokit'));
    await writeFile(join(dir, '_avrokit', 'manifest.json'), '{"format":"other"}');
    await expect(Repository.open(dir, { type: orderType() })).rejects.toThrow(/_avrokit\/manifest\.json .* is not an avrokit dataset manifest: "format" is "other"/);
  });
});
