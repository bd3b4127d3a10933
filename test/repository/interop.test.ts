/**
 * Every data file of a dataset is a standard Avro container file: python3-avro
 * (DataFileReader), Java avro and Avro C's avrocat read them, partitioned or not, with the
 * codecs they know.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { avroC, describeIfPeer, javaAvro, pythonAvro, pythonPeer, runAvroC, runJava } from '../interop/peers/index.js';
import { listFiles } from '../../src/repository/inspect.js';
import { Repository } from '../../src/repository/index.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

async function dataset(options: object): Promise<string> {
  const dir = await tempDir();
  const repo = await Repository.open<Order>(dir, { type: orderType(), ...options });
  await repo.saveAll(orders(20));
  await repo.flush();
  await repo.saveAll(orders(5, 20)); // a second commit appends blocks to the same file
  await repo.close();
  return dir;
}

const asPeer = (o: Order) => ({ id: o.id, customer: o.customer, country: o.country, total: o.total, note: o.note === null ? null : { string: o.note } });

describeIfPeer(pythonAvro(), 'python3-avro reads data files', () => {
  it('reads a data file with avro.datafile.DataFileReader (null and deflate codecs)', async () => {
    for (const codec of ['null', 'deflate']) {
      const dir = await dataset({ codec, blockBytes: 200 });
      const reply = await pythonPeer({ op: 'readFile', path: join(dir, 'part-00001.avro') });
      expect(reply.codec).toBe(codec);
      expect(reply.datums).toEqual(orders(25).map(asPeer));
    }
  }, 60_000);

  it('reads the files of a partitioned dataset (partition values are in the directory names)', async () => {
    const dir = await dataset({ partitionBy: ['country'] });
    const { files } = await listFiles(dir);
    const nl = files.find((f) => f.startsWith('country=NL/'))!;
    const reply = await pythonPeer({ op: 'readFile', path: join(dir, nl) });
    const { country: _, ...rest } = asPeer(orders(1)[0]!);
    expect(reply.datums[0]).toEqual(rest);
    expect(reply.datums).toHaveLength(orders(25).filter((o) => o.country === 'NL').length);
  }, 60_000);
});

describeIfPeer(javaAvro(), 'Java avro reads data files', () => {
  it('reads a data file with DataFileReader', async () => {
    const dir = await dataset({ codec: 'deflate', idField: 'id' });
    const reply = await runJava({ op: 'readFile', path: join(dir, 'part-00001.avro') });
    expect(reply.datums).toEqual(orders(25).map(asPeer));
  }, 120_000);
});

describeIfPeer(avroC(), 'Avro C reads data files', () => {
  it('avrocat prints every record of a data file', async () => {
    const dir = await dataset({ codec: 'deflate' });
    const r = await runAvroC('avrocat', [join(dir, 'part-00001.avro')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(25);
    expect(JSON.parse(lines[24]!)).toMatchObject({ id: 'o24', total: 24 });
  }, 60_000);
});

describe('peers', () => {
  it('are looked for', () => {
    expect(typeof pythonAvro().available).toBe('boolean');
  });
});
