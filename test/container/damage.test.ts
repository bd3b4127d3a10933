import { describe, expect, it } from 'vitest';
import { Type } from '../../src/index.js';
import { AvroContainerError, ContainerReader, encodeHeader } from '../../src/container/index.js';
import type { DamageReport } from '../../src/container/index.js';
import { EVENT, blockOffsets, events, readAll, writeAll } from './helpers.js';

const SYNC = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

/** 100 records in 10 blocks of 10. */
async function tenBlocks(codec = 'null') {
  const recs = events(100);
  const bytes = await writeAll(recs, EVENT, { codec, blockRecords: 10, syncMarker: SYNC });
  return { recs, bytes, blocks: await blockOffsets(bytes) };
}

/** Reads with the default policy and returns what came out before the error, and the error. */
async function readUntilError(bytes: Uint8Array) {
  const reader = await ContainerReader.open(bytes);
  const records: unknown[] = [];
  try {
    for await (const r of reader) records.push(r);
  } catch (e) {
    return { records, error: e as AvroContainerError, reader };
  }
  return { records, error: undefined, reader };
}

async function readSkipping(bytes: Uint8Array) {
  const seen: DamageReport[] = [];
  const { records, reader } = await readAll(bytes, { onDamage: 'skip', onSkip: (d) => seen.push(d) });
  expect(seen).toEqual(reader.damage);
  return { records, damage: reader.damage };
}

describe('a truncated last block (a writer that crashed)', () => {
  it('yields every complete block, then reports the truncation with the block offset', async () => {
    const { recs, bytes, blocks } = await tenBlocks('deflate');
    const last = blocks[9]!;
    // Every cut inside the last block (header, data or sync marker) gives the same outcome.
    for (let cut = last.offset + 1; cut < last.end; cut += 3) {
      const { records, error, reader } = await readUntilError(bytes.subarray(0, cut));
      expect(records).toEqual(recs.slice(0, 90));
      expect(error).toBeInstanceOf(AvroContainerError);
      expect(error!.kind).toBe('truncated');
      expect(error!.offset).toBe(last.offset);
      expect(error!.message).toMatch(new RegExp(`truncated.*block at byte ${last.offset}`));
      expect(reader.truncated).toBe(true);
    }
  });

  it("with onDamage 'skip', reads the complete blocks and reports the truncation without throwing", async () => {
    const { recs, bytes, blocks } = await tenBlocks();
    const cut = blocks[9]!.offset + 30;
    const { records, damage } = await readSkipping(bytes.subarray(0, cut));
    expect(records).toEqual(recs.slice(0, 90));
    expect(damage).toEqual([
      expect.objectContaining({ kind: 'truncated', offset: blocks[9]!.offset, skippedBytes: 30, lostRecords: 10 }),
    ]);
  });

  it('a file cut exactly after a block is complete, not truncated', async () => {
    const { recs, bytes, blocks } = await tenBlocks();
    const { records, reader } = await readAll(bytes.subarray(0, blocks[4]!.end));
    expect(records).toEqual(recs.slice(0, 50));
    expect(reader.truncated).toBe(false);
  });

  it('a file cut inside its header is reported as truncated', async () => {
    const { bytes, blocks } = await tenBlocks();
    await expect(ContainerReader.open(bytes.subarray(0, blocks[0]!.offset - 5))).rejects.toThrow(/ends inside the file header/);
  });
});

describe('a corrupt block', () => {
  /** Replaces block 3's header (count, size) with `header` bytes. */
  async function withBlock3Header(header: number[]) {
    const { recs, bytes, blocks } = await tenBlocks();
    const b = blocks[3]!;
    const r = new (await import('../../src/wire/reader.js')).ByteReader(bytes, b.offset);
    r.readLong();
    r.readLong();
    const damaged = Buffer.concat([bytes.subarray(0, b.offset), Uint8Array.from(header), bytes.subarray(r.pos)]);
    return { recs, damaged, b };
  }

  it('a size larger than the limit is refused before any allocation, naming the block offset', async () => {
    // count 10, size 2^40
    const { damaged, b } = await withBlock3Header([20, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]);
    const { error, records } = await readUntilError(damaged);
    expect(records).toHaveLength(30);
    expect(error!.kind).toBe('limit');
    expect(error!.offset).toBe(b.offset);
    expect(error!.message).toMatch(/over the limit .*maxBlockBytes/);
  });

  it('a negative count or size is an error naming the block offset', async () => {
    for (const header of [[1, 20], [20, 3]]) {
      const { damaged, b } = await withBlock3Header(header);
      const { error } = await readUntilError(damaged);
      expect(error!.kind).toBe('block');
      expect(error!.offset).toBe(b.offset);
      expect(error!.message).toMatch(/negative/);
    }
  });

  it('a count over limits.maxBlockRecords is refused', async () => {
    const { bytes } = await tenBlocks();
    const reader = await ContainerReader.open(bytes, { limits: { maxBlockRecords: 5 } });
    await expect(reader.records().next()).rejects.toThrow(/10 records, over the limit of 5/);
  });

  it('a wrong size, so that the sync marker is not where it should be, is a sync error', async () => {
    const { bytes, blocks } = await tenBlocks();
    const b = blocks[3]!;
    const damaged = Buffer.from(bytes);
    damaged[b.offset + 1]! -= 2; // size (zig-zag) one smaller
    const { error, records } = await readUntilError(damaged);
    expect(records).toHaveLength(30);
    expect(error!.kind).toBe('sync');
    expect(error!.offset).toBe(b.offset);
  });

  it('a damaged sync marker is an error naming the block before it; skipping resumes at the next marker', async () => {
    const { recs, bytes, blocks } = await tenBlocks();
    const b = blocks[3]!;
    const damaged = Buffer.from(bytes);
    damaged[b.end - 1]! ^= 0xff;
    const { error } = await readUntilError(damaged);
    expect(error).toMatchObject({ kind: 'sync', offset: b.offset });
    const { records, damage } = await readSkipping(damaged);
    // Block 3 lost its marker, so the scan resumes after block 4's: blocks 3 and 4 are lost.
    expect(records).toEqual([...recs.slice(0, 30), ...recs.slice(50)]);
    expect(damage).toEqual([expect.objectContaining({ kind: 'sync', offset: b.offset, skippedBytes: blocks[4]!.end - b.offset, lostRecords: 10 })]);
  });

  it('bad deflate data is an error naming the block; skipping loses only that block', async () => {
    const { recs, bytes, blocks } = await tenBlocks('deflate');
    const b = blocks[6]!;
    const damaged = Buffer.from(bytes);
    for (let i = b.offset + 4; i < b.offset + 12; i++) damaged[i] = 0xff;
    const { error, records } = await readUntilError(damaged);
    expect(records).toEqual(recs.slice(0, 60));
    expect(error).toMatchObject({ kind: 'block', offset: b.offset });
    expect(error!.message).toMatch(/bad deflate data/);
    const skipped = await readSkipping(damaged);
    expect(skipped.records).toEqual([...recs.slice(0, 60), ...recs.slice(70)]);
    expect(skipped.damage).toEqual([expect.objectContaining({ kind: 'block', offset: b.offset, lostRecords: 10 })]);
  });

  it('a snappy CRC-32 that does not match the data is an error naming the block', async () => {
    const { bytes, blocks } = await tenBlocks('snappy');
    const b = blocks[2]!;
    const damaged = Buffer.from(bytes);
    damaged[b.end - 17]! ^= 0x01; // last byte of the CRC, just before the sync marker
    const { error } = await readUntilError(damaged);
    expect(error).toMatchObject({ kind: 'block', offset: b.offset });
    expect(error!.message).toMatch(/snappy CRC-32 mismatch/);
  });

  it('a record that does not decode names the block, the record and its byte', async () => {
    const type = Type.forSchema(['null', 'int']);
    const bytes = Buffer.from(await writeAll([1, 2, null, 3], type, { blockRecords: 2, syncMarker: SYNC }));
    const blocks = await blockOffsets(bytes);
    bytes[blocks[1]!.offset + 2] = 0x08; // union branch 4 of a 2-branch union
    const { error, records } = await readUntilError(bytes);
    expect(records).toEqual([1, 2]);
    expect(error).toMatchObject({ kind: 'block', offset: blocks[1]!.offset });
    expect(error!.message).toMatch(/record 0 of 2 \(byte 0/);
    // Skipping keeps the records of the block decoded before the bad one (none here).
    const skipped = await readSkipping(bytes);
    expect(skipped.records).toEqual([1, 2]);
    expect(skipped.damage[0]).toMatchObject({ lostRecords: 2 });
  });

  it('bytes left over after the announced records are an error', async () => {
    const type = Type.forSchema('int');
    const bytes = Buffer.from(await writeAll([1, 2, 3], type, { syncMarker: SYNC }));
    const [b] = await blockOffsets(bytes);
    bytes[b!.offset] = 4; // count 2 instead of 3
    const { error } = await readUntilError(bytes);
    expect(error!.message).toMatch(/1 bytes are left over after the block's 2 records/);
  });

  it('more records announced than the data can hold is refused before decoding', async () => {
    const type = Type.forSchema('double');
    const bytes = Buffer.from(await writeAll([1, 2], type, { syncMarker: SYNC }));
    const [b] = await blockOffsets(bytes);
    bytes[b!.offset] = 0x7e; // 63 records of at least 8 bytes in 16 bytes
    const { error } = await readUntilError(bytes);
    expect(error!.message).toMatch(/63 records need at least 504 bytes, the block has 16/);
  });

  it("skipping over garbage between blocks finds the next sync marker", async () => {
    const { recs, bytes, blocks } = await tenBlocks();
    const b = blocks[5]!;
    const garbage = Buffer.alloc(1000, 0x33);
    const damaged = Buffer.concat([bytes.subarray(0, b.offset), garbage, bytes.subarray(b.offset)]);
    const { records, damage } = await readSkipping(damaged);
    // The garbage sits where block 5 should start; the scan finds block 5's own marker, so block 5 is lost.
    expect(records).toEqual([...recs.slice(0, 50), ...recs.slice(60)]);
    expect(damage).toHaveLength(1);
    expect(damage[0]!.offset).toBe(b.offset);
  });
});

describe('limits', () => {
  it('have documented defaults and must be positive integers', async () => {
    const { DEFAULT_CONTAINER_LIMITS } = await import('../../src/container/index.js');
    expect(DEFAULT_CONTAINER_LIMITS).toEqual({ maxHeaderBytes: 16 << 20, maxBlockBytes: 256 << 20, maxBlockRecords: 10_000_000 });
    const bytes = await writeAll([], EVENT);
    await expect(ContainerReader.open(bytes, { limits: { maxBlockBytes: 0 } })).rejects.toThrow(/maxBlockBytes must be a positive integer/);
  });

  it('a block larger than limits.maxBlockBytes once decompressed is refused', async () => {
    const type = Type.forSchema('string');
    const bytes = await writeAll(['x'.repeat(10_000)], type, { codec: 'deflate' });
    const reader = await ContainerReader.open(bytes, { limits: { maxBlockBytes: 5000 } });
    await expect(reader.records().next()).rejects.toThrow(/deflate block decompresses to more than 5000 bytes/);
  });
});

describe('hostile headers', () => {
  it('a metadata map larger than limits.maxHeaderBytes is refused', async () => {
    const big = encodeHeader('"int"', 'null', SYNC, { pad: 'x'.repeat(100_000) });
    await expect(ContainerReader.open(big, { limits: { maxHeaderBytes: 10_000 } })).rejects.toThrow(/larger than 10000 bytes/);
    await expect(ContainerReader.open(big)).resolves.toBeInstanceOf(ContainerReader);
  });

  it('a metadata entry announcing more bytes than the file has is refused without allocating them', async () => {
    // magic, map of 1 entry, key "k", value of 2^40 bytes
    const bytes = Uint8Array.from([0x4f, 0x62, 0x6a, 1, 2, 2, 0x6b, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]);
    await expect(ContainerReader.open(bytes)).rejects.toThrow(/ends inside the file header/);
  });

  it('a header without avro.schema is refused', async () => {
    const bytes = Uint8Array.from([0x4f, 0x62, 0x6a, 1, 0, ...SYNC]);
    await expect(ContainerReader.open(bytes)).rejects.toThrow(/no "avro.schema"/);
  });

  it('not a container file: says what the first bytes are', async () => {
    await expect(ContainerReader.open(Buffer.from('{"a": 1}'))).rejects.toThrow(/not an Avro object container file: it starts with 7b 22 61 22/);
    await expect(ContainerReader.open(new Uint8Array(0))).rejects.toThrow(/empty/);
  });
});
