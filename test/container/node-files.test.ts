import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendContainerFile, createContainerFile, createDecoderStream, createEncoderStream, openContainerFile, openFileSplit,
} from '../../src/container/index.js';
import { EVENT, events, readAll, writeAll } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'avrokit-container-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readFile(path: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of await openContainerFile(path)) out.push(r);
  return out;
}

describe('container files on disk', () => {
  it('creates a file and reads it back', async () => {
    const path = join(dir, 'create.avro');
    const w = await createContainerFile(path, EVENT, { codec: 'deflate', blockRecords: 50 });
    await w.writeAll(events(500));
    await w.close();
    expect(await readFile(path)).toEqual(events(500));
  });

  it('appends to an existing file, keeping its schema, codec and sync marker', async () => {
    const path = join(dir, 'append.avro');
    const w = await createContainerFile(path, EVENT, { codec: 'snappy', blockRecords: 10 });
    await w.writeAll(events(25));
    await w.close();
    const a = await appendContainerFile(path, { schema: EVENT.schema() });
    expect(a.codecName).toBe('snappy');
    expect([...a.sync]).toEqual([...w.sync]);
    await a.writeAll(events(30, 25));
    await a.close();
    const again = await appendContainerFile(path);
    await again.write(events(1, 55)[0]);
    await again.close();
    expect(await readFile(path)).toEqual(events(56));
  });

  it('refuses to append records of another schema, or to a truncated file', async () => {
    const path = join(dir, 'append-refused.avro');
    const w = await createContainerFile(path, EVENT);
    await w.writeAll(events(5));
    await w.close();
    await expect(appendContainerFile(path, { schema: 'string' })).rejects.toThrow(/differs from the file's/);
    writeFileSync(path, readFileSync(path).subarray(0, statSync(path).size - 3));
    await expect(appendContainerFile(path)).rejects.toThrow(/does not end with its sync marker.*avrokit repair/);
  });

  it('reads splits of a file on disk', async () => {
    const path = join(dir, 'splits.avro');
    const w = await createContainerFile(path, EVENT, { codec: 'deflate', blockRecords: 13 });
    await w.writeAll(events(400));
    await w.close();
    const size = statSync(path).size;
    const out: unknown[] = [];
    for (let start = 0; start < size; start += 1000) {
      for await (const r of await openFileSplit(path, start, Math.min(size, start + 1000))) out.push(r);
    }
    expect(out).toEqual(events(400));
  });
});

describe('Node streams', () => {
  it('encoder stream → decoder stream round-trips records', async () => {
    const out: unknown[] = [];
    await pipeline(
      Readable.from(events(300)),
      createEncoderStream(EVENT, { codec: 'deflate', blockRecords: 40 }),
      createDecoderStream(),
      new Writable({ objectMode: true, write: (r, _e, cb) => (out.push(r), cb()) }),
    );
    expect(out).toEqual(events(300));
  });

  it('a decoder stream reports a damaged file as a stream error', async () => {
    const bytes = await writeAll(events(30), EVENT, { blockRecords: 10 });
    const cut = bytes.subarray(0, bytes.length - 5);
    const out: unknown[] = [];
    await expect(
      pipeline(Readable.from([cut]), createDecoderStream(), new Writable({ objectMode: true, write: (r, _e, cb) => (out.push(r), cb()) })),
    ).rejects.toThrow(/truncated/);
    expect(out).toHaveLength(20);
  });

  it('reads from a Node Readable of bytes directly (it is an AsyncIterable)', async () => {
    const bytes = await writeAll(events(20), EVENT);
    const { records } = await readAll(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]));
    expect(records).toEqual(events(20));
  });
});
