import { describe, expect, it } from 'vitest';
import { Type } from '../../src/index.js';
import {
  CodecRegistry, ContainerReader, ContainerWriter, decodeHeader, defaultCodecs, metadataText, nullCodec,
} from '../../src/container/index.js';
import type { ContainerCodec } from '../../src/container/index.js';
import { EVENT, blockOffsets, chunked, events, readAll, writeAll } from './helpers.js';

const CODECS = ['null', 'deflate', 'snappy', 'zstandard', 'bzip2', 'xz'];

describe('writing and reading back', () => {
  it.each(CODECS)('round-trips 2,000 records in many blocks with codec %s', async (codec) => {
    const recs = events(2000);
    const bytes = await writeAll(recs, EVENT, { codec, blockBytes: 4096 });
    const { records, reader } = await readAll(bytes);
    expect(reader.header.codec).toBe(codec);
    expect(records).toEqual(recs);
    expect((await blockOffsets(bytes)).length).toBeGreaterThan(10);
  });

  it('reads the same records whatever the input chunking (blocks straddle chunks)', async () => {
    const recs = events(500);
    const bytes = await writeAll(recs, EVENT, { codec: 'deflate', blockBytes: 1000 });
    for (const size of [1, 7, 16, 17, 4096]) {
      const { records } = await readAll(chunked(bytes, size));
      expect(records).toEqual(recs);
    }
  });

  it('ends a block at blockRecords records', async () => {
    const bytes = await writeAll(events(95), EVENT, { blockRecords: 10 });
    const blocks = await blockOffsets(bytes);
    expect(blocks.map((b) => b.count)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 5]);
  });

  it('ends a block once its records reach blockBytes', async () => {
    const type = Type.forSchema('long');
    // Each long 1000..1099 takes 2 bytes: 50 records fill 100 bytes.
    const bytes = await writeAll(Array.from({ length: 120 }, (_, i) => 1000 + i), type, { blockBytes: 100 });
    expect((await blockOffsets(bytes)).map((b) => b.count)).toEqual([50, 50, 20]);
  });

  it('writes a valid header-only file when there are no records', async () => {
    const bytes = await writeAll([], EVENT, { codec: 'deflate' });
    const { records, reader } = await readAll(bytes);
    expect(records).toEqual([]);
    expect(reader.header.size).toBe(bytes.length);
  });

  it('stores the schema, the codec and user metadata in the header, and the given sync marker', async () => {
    const sync = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
    const bytes = await writeAll(events(3), EVENT, {
      codec: 'snappy',
      syncMarker: sync,
      metadata: { 'app.version': '1.2', 'app.raw': Uint8Array.of(0, 255) },
    });
    const header = decodeHeader(bytes)!;
    expect(header.codec).toBe('snappy');
    expect(Type.forSchema(JSON.parse(header.schemaText)).schema()).toEqual(EVENT.schema());
    expect(metadataText(header, 'app.version')).toBe('1.2');
    expect([...header.metadata.get('app.raw')!]).toEqual([0, 255]);
    expect([...header.sync]).toEqual([...sync]);
    expect([...bytes.subarray(bytes.length - 16)]).toEqual([...sync]);
  });

  it('refuses user metadata under the reserved avro. prefix', async () => {
    await expect(writeAll([], EVENT, { metadata: { 'avro.codec': 'x' } })).rejects.toThrow(/reserved/);
  });

  it('flush() writes the pending records as a block that a reader sees at once', async () => {
    const chunks: Uint8Array[] = [];
    const w = new ContainerWriter(EVENT, { write: (c) => void chunks.push(c) }, { codec: 'deflate' });
    await w.write(events(1)[0]);
    expect(chunks).toHaveLength(0);
    await w.flush();
    const { records } = await readAll(Buffer.concat(chunks));
    expect(records).toEqual(events(1));
    await w.write(events(2)[1]);
    await w.close();
    expect((await readAll(Buffer.concat(chunks))).records).toEqual(events(2));
  });

  it('a record that does not fit the schema throws with its path and leaves the block intact', async () => {
    const chunks: Uint8Array[] = [];
    const w = new ContainerWriter(EVENT, { write: (c) => void chunks.push(c) });
    await w.write(events(1)[0]);
    await expect(w.write({ ...events(1)[0], tags: ['a', 3] })).rejects.toThrow(/tags/);
    await w.write(events(2)[1]);
    await w.close();
    expect((await readAll(Buffer.concat(chunks))).records).toEqual(events(2));
  });

  it('reads a projection of a few fields with a reader schema', async () => {
    const bytes = await writeAll(events(50), EVENT, { codec: 'deflate', blockRecords: 7 });
    const reader = { type: 'record', name: 'test.Event', fields: [{ name: 'name', type: 'string' }, { name: 'id', type: 'long' }] };
    const { records } = await readAll(bytes, { readerSchema: reader });
    expect(records).toEqual(events(50).map((e) => ({ name: e.name, id: e.id })));
  });

  it('reads with an evolved reader schema (promotion, new field with default)', async () => {
    const writer = Type.forSchema({ type: 'record', name: 'P', fields: [{ name: 'n', type: 'int' }] });
    const bytes = await writeAll([{ n: 1 }, { n: -2 }], writer);
    const readerSchema = {
      type: 'record', name: 'P',
      fields: [{ name: 'n', type: 'double' }, { name: 'label', type: 'string', default: 'none' }],
    };
    const { records } = await readAll(bytes, { readerSchema });
    expect(records).toEqual([{ n: 1, label: 'none' }, { n: -2, label: 'none' }]);
  });

  it('batches() gives each block as an array with its offset', async () => {
    const bytes = await writeAll(events(30), EVENT, { blockRecords: 10 });
    const reader = await ContainerReader.open(bytes);
    const batches = [];
    for await (const b of reader.batches()) batches.push(b);
    expect(batches.map((b) => b.records.length)).toEqual([10, 10, 10]);
    expect(batches[0]!.offset).toBe(reader.header.size);
    expect(batches.flatMap((b) => b.records)).toEqual(events(30));
  });

  it('reads records through the interpreted codec when code generation is off', async () => {
    const bytes = await writeAll(events(40), EVENT, { blockRecords: 9 });
    const { records, reader } = await readAll(bytes, { typeOptions: { codegen: false } });
    expect(reader.writerType.isCompiled).toBe(false);
    expect(records).toEqual(events(40));
  });
});

describe('codec registry', () => {
  it.each(['zstandard', 'bzip2'])('%s loaded by several registries at once still compresses right', async (codec) => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => defaultCodecs().get(codec)));
    const data = Buffer.from(JSON.stringify(events(200)));
    for (const x of [a!, b!, c!]) {
      const packed = await x.compress(data);
      for (const y of [a!, b!, c!]) expect(Buffer.from(await y.decompress(packed, 1 << 20)).equals(data)).toBe(true);
    }
  });

  it('uses a codec the user registered, under its own name', async () => {
    const calls: string[] = [];
    const xor: ContainerCodec = {
      name: 'x-xor',
      compress: (d) => (calls.push('c'), d.map((b) => b ^ 0x5a)),
      decompress: async (d) => (calls.push('d'), d.map((b) => b ^ 0x5a)),
    };
    const codecs = new CodecRegistry([['null', nullCodec]]).register('x-xor', () => xor);
    const bytes = await writeAll(events(20), EVENT, { codec: 'x-xor', codecs, blockRecords: 5 });
    expect(decodeHeader(bytes)!.codec).toBe('x-xor');
    expect((await readAll(bytes, { codecs })).records).toEqual(events(20));
    expect(calls.filter((c) => c === 'c')).toHaveLength(4);
    expect(calls.filter((c) => c === 'd')).toHaveLength(4);
  });

  it('names the known codecs when a file uses an unknown one', async () => {
    const codecs = new CodecRegistry().register('x-custom', nullCodec);
    const bytes = await writeAll(events(2), EVENT, { codec: 'x-custom', codecs });
    await expect(ContainerReader.open(bytes)).rejects.toThrow(/codec "x-custom".*null, deflate, snappy, zstandard, bzip2, xz.*register/);
  });

  it('refuses to write with an unknown codec', () => {
    expect(() => new ContainerWriter(EVENT, { write: () => undefined }, { codec: 'lz4' })).toThrow(/unknown codec "lz4"/);
  });
});
