/**
 * Reads every container file of Apache's test data: the weather files in each codec against
 * weather.json, syncInMeta.avro, the Avro C regression files (including the two that must
 * fail, with the right error), the JS person files, and the pre-1.3 test.avro12 (refused).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AvroContainerError, ContainerReader, openContainerFile } from '../../src/container/index.js';
import { sharedAvro } from '../schema/shared-data.js';

/** Files that must not read cleanly (see the tests below for each one's reason). */
const EXPECTED_FAILURES = [
  'test.avro12',
  'avro-1237-bad-union-discriminant.avro',
  'avro-1238-truncated.avro',
  'person-10.no-codec.avro',
];

const avro = sharedAvro("Apache's container test files");
const data = avro && join(avro, 'share/test/data');
const cTests = avro && join(avro, 'lang/c/tests');

/** avro-1279's files hold longs beyond 2^53: read them as bigints. */
const BIG = { typeOptions: { longs: 'bigint' } } as const;

async function readFile(path: string, options: { typeOptions?: { longs: 'bigint' } } = {}) {
  const reader = await openContainerFile(path, options);
  const records: unknown[] = [];
  for await (const r of reader) records.push(r);
  return { records, reader };
}

async function failure(path: string): Promise<{ error: AvroContainerError; records: number }> {
  let n = 0;
  try {
    for await (const r of await openContainerFile(path)) if (r !== undefined) n++;
  } catch (e) {
    expect(e).toBeInstanceOf(AvroContainerError);
    return { error: e as AvroContainerError, records: n };
  }
  throw new Error(`${path} read without error`);
}

describe.skipIf(avro === undefined)('Apache test data', () => {
  const weather = () => readFileSync(join(data!, 'weather.json'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);

  it.each(['weather.avro', 'weather-deflate.avro', 'weather-snappy.avro', 'weather-zstd.avro'])(
    '%s reads to weather.json',
    async (name) => {
      const { records } = await readFile(join(data!, name));
      expect(records).toEqual(weather());
    },
  );

  it('weather-sorted.avro holds the same records, sorted', async () => {
    const { records } = await readFile(join(data!, 'weather-sorted.avro'));
    const key = (r: unknown) => JSON.stringify(r);
    expect(records.map(key).sort()).toEqual(weather().map(key).sort());
  });

  it('syncInMeta.avro (sync marker bytes inside the header) reads all 6001 records', async () => {
    const { records, reader } = await readFile(join(data!, 'syncInMeta.avro'));
    expect(records).toHaveLength(6001);
    expect(records[0]).toEqual({ ID: 1, First: 'Dante', Last: 'Hicks', Phone: '(0)', Age: 32 });
    expect(reader.damage).toEqual([]);
  });

  it('test.avro12 (pre-1.3 format) is refused with a clear message', async () => {
    await expect(openContainerFile(join(data!, 'test.avro12'))).rejects.toThrow(/pre-1\.3 Avro data file.*no current Avro reads/);
  });

  it('the Avro C good files read', async () => {
    for (const name of ['avro-1237-good.avro', 'avro-1238-good.avro', 'avro-1279-codec.avro', 'avro-1279-no-codec.avro']) {
      const { records, reader } = await readFile(join(cTests!, name), BIG);
      expect(records.length, name).toBeGreaterThan(0);
      expect(reader.damage, name).toEqual([]);
    }
  });

  it('avro-1279: the files with and without a codec hold the same records', async () => {
    const a = await readFile(join(cTests!, 'avro-1279-codec.avro'), BIG);
    const b = await readFile(join(cTests!, 'avro-1279-no-codec.avro'), BIG);
    expect(a.records).toEqual(b.records);
  });

  it('avro-1237-bad-union-discriminant.avro fails naming the block and the bad union index', async () => {
    const { error } = await failure(join(cTests!, 'avro-1237-bad-union-discriminant.avro'));
    expect(error.kind).toBe('block');
    expect(error.offset).toBeGreaterThan(0);
    expect(error.message).toMatch(/union/);
    expect(error.message).toMatch(/block at byte \d+/);
  });

  it('avro-1238-truncated.avro yields the complete blocks, then reports the truncation', async () => {
    const good = await readFile(join(cTests!, 'avro-1238-good.avro'));
    const { error, records } = await failure(join(cTests!, 'avro-1238-truncated.avro'));
    expect(error.kind).toBe('truncated');
    expect(records).toBeLessThan(good.records.length);
    const skipped = await ContainerReader.open(readFileSync(join(cTests!, 'avro-1238-truncated.avro')), { onDamage: 'skip' });
    const kept: unknown[] = [];
    for await (const r of skipped) kept.push(r);
    expect(kept).toEqual(good.records.slice(0, kept.length));
    expect(skipped.truncated).toBe(true);
  });

  it('every .avro file of the corpus either reads or fails with an AvroContainerError', async () => {
    const dirs = [data!, cTests!, join(avro!, 'lang/js/test/dat')];
    const seen: string[] = [];
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.avro') || n.endsWith('.avro12'))) {
        seen.push(name);
        try {
          await readFile(join(dir, name), BIG);
        } catch (e) {
          expect(e, name).toBeInstanceOf(AvroContainerError);
          expect(EXPECTED_FAILURES).toContain(name);
        }
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(14);
  });

  it('person-10.no-codec.avro: the same 10 records as person-10.avro, then a stray byte reported as damage', async () => {
    // The file ends with a newline after its last sync marker (python3-avro fails on it too).
    const dir = join(avro!, 'lang/js/test/dat');
    const a = await readFile(join(dir, 'person-10.avro'));
    expect(a.records).toHaveLength(10);
    const { error, records } = await failure(join(dir, 'person-10.no-codec.avro'));
    expect(records).toBe(10);
    expect(error).toMatchObject({ kind: 'truncated', offset: 494 });
    const skipped = await ContainerReader.open(readFileSync(join(dir, 'person-10.no-codec.avro')), { onDamage: 'skip' });
    const kept: unknown[] = [];
    for await (const r of skipped) kept.push(r);
    expect(kept).toEqual(a.records);
    expect(skipped.damage).toEqual([expect.objectContaining({ offset: 494, skippedBytes: 1 })]);
  });
});
