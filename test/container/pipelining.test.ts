import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Type } from '../../src/index.js';
import { ContainerReader, defaultCodecs, deflateCodec } from '../../src/container/index.js';
import type { ContainerCodec } from '../../src/container/index.js';
import { EVENT, events, readAll, writeAll } from './helpers.js';

const SYNC = new Uint8Array(16).map((_, i) => i * 11);
const STRING = Type.forSchema('string');

/** Strings whose blocks differ wildly in size: small, large, small, large… */
function unevenStrings(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 12; i++) out.push(i % 2 ? `${i}`.repeat(i * 40_000) : `s${i}`);
  return out;
}

describe('deflate blocks compressed in the thread pool, several at once', () => {
  it('writes the same bytes whatever blocksInFlight, blocks in order', async () => {
    const recs = events(5000);
    const opts = { codec: 'deflate', blockBytes: 4096, syncMarker: SYNC };
    const one = await writeAll(recs, EVENT, { ...opts, blocksInFlight: 1 });
    for (const k of [2, 3, 8]) expect(Buffer.compare(await writeAll(recs, EVENT, { ...opts, blocksInFlight: k }), one)).toBe(0);
    expect((await readAll(one)).records).toEqual(recs);
  });

  it('refuses a blocksInFlight under 1', async () => {
    await expect(writeAll([], EVENT, { codec: 'deflate', blocksInFlight: 0 })).rejects.toThrow(/blocksInFlight must be at least 1/);
  });

  it('keeps blocks in order when an asynchronous codec finishes them out of order, and reuses no buffer too early', async () => {
    // Resolves later for earlier blocks, and returns its input itself: a buffer recycled
    // before framing copied it would show up as wrong records.
    let n = 0;
    const slowFirst: ContainerCodec = {
      name: 'identity',
      compress: (data) => new Promise((resolve) => setTimeout(() => resolve(data), 20 - (n++ % 4) * 5)),
      decompress: (data) => data,
    };
    const codecs = defaultCodecs().register('identity', slowFirst);
    const recs = events(3000);
    const bytes = await writeAll(recs, EVENT, { codec: 'identity', codecs, blockBytes: 2048, blocksInFlight: 4 });
    expect((await readAll(bytes, { codecs })).records).toEqual(recs);
  });
});

describe('null blocks are framed where they were encoded', () => {
  it('a chunk handed out is never written over by the blocks after it', async () => {
    const recs = events(6000);
    const chunks: Uint8Array[] = [];
    const { encodeContainer } = await import('../../src/container/index.js');
    for await (const c of encodeContainer(recs, EVENT, { blockBytes: 16 * 1024 })) chunks.push(c);
    const copies = chunks.map((c) => Buffer.from(c));
    expect(chunks.length).toBeGreaterThan(5);
    expect((await readAll(chunks)).records).toEqual(recs);
    chunks.forEach((c, i) => expect(Buffer.compare(c, copies[i]!)).toBe(0));
  });

  it('small blocks (copied out) and one record larger than the block size read back', async () => {
    const recs = ['a', 'b'.repeat(300_000), 'c', 'd'.repeat(70_000), 'e'];
    for (const blockBytes of [1, 100, 65536]) {
      const bytes = await writeAll(recs, STRING, { blockBytes });
      expect((await readAll(bytes)).records).toEqual(recs);
    }
  });
});

describe('arrays are written one tight loop per block', () => {
  it('writes the same bytes from an array as from any iterable, at every block size', async () => {
    const recs = events(3000);
    for (const opts of [{ blockBytes: 1 }, { blockBytes: 5000 }, { blockRecords: 7 }, {}]) {
      const fromArray = await writeAll(recs, EVENT, { ...opts, syncMarker: SYNC });
      const { encodeContainer } = await import('../../src/container/index.js');
      const chunks: Uint8Array[] = [];
      for await (const c of encodeContainer(recs.values(), EVENT, { ...opts, syncMarker: SYNC })) chunks.push(c);
      expect(Buffer.compare(fromArray, Buffer.concat(chunks))).toBe(0);
    }
  });

  it('a record that does not fit stops addRange with its error; the records before it stay in the block', async () => {
    const { ContainerWriter } = await import('../../src/container/index.js');
    const out: Uint8Array[] = [];
    const w = new ContainerWriter(EVENT, { write: (c) => void out.push(c) }, { syncMarker: SYNC });
    const recs: unknown[] = events(5);
    recs[3] = { ...events(1)[0], id: 'not a long' };
    expect(() => w.addRange(recs, 0)).toThrow(/id/);
    expect(w.addRange(recs, 4)).toBe(5);
    await w.close();
    expect((await readAll(Buffer.concat(out))).records).toEqual([...events(3), events(5)[4]]);
  });
});

describe('deflate inflates blocks of any size, whatever the previous block was', () => {
  it('reads blocks alternating between a few bytes and 400 KB, with the async and the sync codec', async () => {
    const recs = unevenStrings();
    const bytes = await writeAll(recs, STRING, { codec: 'deflate', blockRecords: 1 });
    expect((await readAll(bytes)).records).toEqual(recs);
    const codecs = defaultCodecs().register('deflate', () => deflateCodec({ async: false }));
    expect((await readAll(bytes, { codecs })).records).toEqual(recs);
  });

  it('still refuses a block over limits.maxBlockBytes after a large block set a large output guess', async () => {
    const recs = ['a'.repeat(90_000), 'b'.repeat(50_000), 'c'.repeat(200_000)];
    const bytes = await writeAll(recs, STRING, { codec: 'deflate', blockRecords: 1 });
    const reader = await ContainerReader.open(bytes, { limits: { maxBlockBytes: 100_000 } });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const r of reader) seen.push(r);
      })(),
    ).rejects.toThrow(/deflate block decompresses to more than 100000 bytes/);
    expect(seen).toEqual(recs.slice(0, 2));
  });

  it('memLevel and level change the speed and size, not what any reader inflates', async () => {
    const recs = events(2000);
    for (const options of [{ memLevel: 9 }, { level: 1 }, { level: 9, memLevel: 1 }]) {
      const codecs = defaultCodecs().register('deflate', () => deflateCodec(options));
      const bytes = await writeAll(recs, EVENT, { codec: 'deflate', codecs, blockBytes: 8192 });
      expect((await readAll(bytes)).records).toEqual(recs);
      // And each block is a complete raw deflate stream on its own (as Java and Python expect).
      const reader = await ContainerReader.open(bytes);
      for await (const block of reader.blocks()) expect(inflateRawSync(block.data).length).toBeGreaterThan(0);
    }
  });
});
