import { describe, expect, it } from 'vitest';
import { Type } from '../../src/index.js';
import { ContainerReader, findSync, memoryInput, openSplit, readHeaderOf } from '../../src/container/index.js';
import { sharedAvro } from '../schema/shared-data.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT, blockOffsets, events, writeAll } from './helpers.js';

/** Reads `[start, end)` of `bytes` as a split: its records. */
async function split(bytes: Uint8Array, start: number, end: number): Promise<unknown[]> {
  const reader = await openSplit(memoryInput(bytes), start, end);
  const out: unknown[] = [];
  for await (const r of reader) out.push(r);
  return out;
}

/** Cuts [0, size) at `cuts` and reads every split. */
async function readInSplits(bytes: Uint8Array, cuts: number[]): Promise<unknown[]> {
  const points = [0, ...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
  const out: unknown[] = [];
  for (let i = 0; i + 1 < points.length; i++) out.push(...(await split(bytes, points[i]!, points[i + 1]!)));
  return out;
}

describe('splits (Hadoop-style byte ranges)', () => {
  it('every partition into equal splits, at many split sizes, yields each record exactly once', async () => {
    const recs = events(300);
    const bytes = await writeAll(recs, EVENT, { codec: 'deflate', blockRecords: 7 });
    const size = bytes.length;
    for (const n of [1, 2, 3, 5, 8, 13, 40, 100, 333, size - 1, size]) {
      const cuts = Array.from({ length: Math.ceil(size / n) }, (_, i) => i * n);
      expect(await readInSplits(bytes, cuts), `splits of ${n} bytes`).toEqual(recs);
    }
  });

  it('cut at every byte offset into two splits, each record is read exactly once', async () => {
    const recs = events(60);
    const bytes = await writeAll(recs, EVENT, { blockRecords: 6 });
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(await readInSplits(bytes, [cut]), `cut at ${cut}`).toEqual(recs);
    }
  });

  it('a block belongs to the split in which its preceding sync marker starts', async () => {
    const bytes = await writeAll(events(30), EVENT, { blockRecords: 10 });
    const blocks = await blockOffsets(bytes);
    const marker = blocks[1]!.offset - 16; // the sync marker ending block 0
    expect(await split(bytes, 0, marker)).toHaveLength(10);
    expect(await split(bytes, 0, marker + 1)).toHaveLength(20);
    expect(await split(bytes, marker, marker + 1)).toHaveLength(10);
    expect(await split(bytes, marker + 1, bytes.length)).toHaveLength(10);
    // The first block follows the header's marker, which starts 16 bytes before the header ends.
    expect(await split(bytes, 0, 1)).toHaveLength(0);
    expect(await split(bytes, 0, blocks[0]!.offset - 16)).toHaveLength(0);
    expect(await split(bytes, 0, blocks[0]!.offset - 15)).toHaveLength(10);
    expect(await split(bytes, blocks[0]!.offset - 16, blocks[0]!.offset - 15)).toHaveLength(10);
    expect(await split(bytes, blocks[0]!.offset - 15, blocks[0]!.offset)).toHaveLength(0);
  });

  it('findSync returns where the next sync marker starts', async () => {
    const bytes = await writeAll(events(30), EVENT, { blockRecords: 10 });
    const input = memoryInput(bytes);
    const header = await readHeaderOf(input);
    const blocks = await blockOffsets(bytes);
    expect(await findSync(input, header, 0)).toBe(header.size - 16);
    expect(await findSync(input, header, header.size - 15)).toBe(blocks[1]!.offset - 16);
    expect(await findSync(input, header, blocks[2]!.offset - 16)).toBe(blocks[2]!.offset - 16);
    expect(await findSync(input, header, blocks[2]!.offset - 15)).toBe(bytes.length - 16);
    expect(await findSync(input, header, bytes.length - 15)).toBe(-1);
  });

  it('empty and out-of-range splits read nothing', async () => {
    const bytes = await writeAll(events(10), EVENT);
    expect(await split(bytes, 50, 50)).toEqual([]);
    expect(await split(bytes, bytes.length, bytes.length + 100)).toEqual([]);
    expect(await split(bytes, 0, bytes.length + 100)).toHaveLength(10);
  });

  const avro = sharedAvro('splits of syncInMeta.avro');
  it.skipIf(avro === undefined)('syncInMeta.avro (marker bytes inside the header) splits right', async () => {
    const bytes = readFileSync(join(avro!, 'share/test/data/syncInMeta.avro'));
    const all: unknown[] = [];
    for await (const r of await ContainerReader.open(bytes)) all.push(r);
    expect(all).toHaveLength(6001);
    for (const n of [97, 1000, 4096, 30_000]) {
      const cuts = Array.from({ length: Math.ceil(bytes.length / n) }, (_, i) => i * n);
      expect(await readInSplits(bytes, cuts), `splits of ${n} bytes`).toEqual(all);
    }
  });

  it('random split points over a file with small and large blocks', async () => {
    const type = Type.forSchema({ type: 'array', items: 'long' });
    const recs = Array.from({ length: 200 }, (_, i) => Array.from({ length: (i * 37) % 150 }, (_, j) => i * j));
    const bytes = await writeAll(recs, type, { codec: 'snappy', blockBytes: 700 });
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let round = 0; round < 30; round++) {
      const cuts = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => Math.floor(rand() * bytes.length));
      expect(await readInSplits(bytes, cuts), `cuts ${cuts.join(',')}`).toEqual(recs);
    }
  });
});
