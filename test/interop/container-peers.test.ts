/**
 * Container files across implementations: python3-avro, Java avro 1.8 and Avro C write files
 * in each codec they support, with small blocks (many sync markers), and we read the same
 * values; we write a file in each codec and each peer that supports the codec reads the same
 * values back. Skips loudly when a peer is missing (fails under AVROKIT_REQUIRE_PEERS=1).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Type } from '../../src/index.js';
import { ContainerReader, createContainerFile, openContainerFile } from '../../src/container/index.js';
import { avroC, describeIfPeer, javaAvro, pythonAvro, pythonPeer, runAvroC, runJava } from './peers/index.js';
import type { PeerReplies, PeerRequest } from './peers/index.js';
import { toPeerValue } from './peers/values.js';

const SCHEMA = {
  type: 'record',
  name: 'interop.Reading',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'station', type: 'string' },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['TEMP', 'WIND', 'RAIN'] } },
    { name: 'values', type: { type: 'array', items: 'double' } },
    { name: 'labels', type: { type: 'map', values: 'string' } },
    { name: 'note', type: ['null', 'string', 'int'] },
    { name: 'raw', type: 'bytes' },
    { name: 'tag', type: { type: 'fixed', name: 'Tag', size: 4 } },
  ],
};
const TYPE = Type.forSchema(SCHEMA);
const KINDS = ['TEMP', 'WIND', 'RAIN'];

/** 400 deterministic records (about 40 KB: with 512-byte blocks, dozens of sync markers). */
const RECORDS = Array.from({ length: 400 }, (_, i) => ({
  id: i * 1_000_003 - 50_000_000,
  station: `st-${i % 17}-${'ü'.repeat(i % 3)}`,
  kind: KINDS[i % 3]!,
  values: Array.from({ length: i % 5 }, (_, j) => i * 0.25 - j),
  labels: Object.fromEntries(Array.from({ length: i % 3 }, (_, j) => [`k${j}`, `v${i}`])),
  note: i % 3 === 0 ? null : i % 3 === 1 ? `n${i}` : i,
  raw: Buffer.from(Array.from({ length: i % 7 }, (_, j) => (i * 31 + j) & 0xff)),
  tag: Buffer.from([i & 0xff, (i >> 8) & 0xff, 1, 2]),
}));
const PEER_DATUMS = RECORDS.map((r) => toPeerValue(SCHEMA, r));

const dir = mkdtempSync(join(tmpdir(), 'avrokit-container-interop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readOurs(path: string): Promise<{ records: unknown[]; blocks: number; codec: string }> {
  const reader = await openContainerFile(path);
  const records: unknown[] = [];
  let blocks = 0;
  for await (const b of reader.batches()) {
    blocks++;
    records.push(...b.records);
  }
  return { records, blocks, codec: reader.header.codec };
}

async function writeOurs(codec: string, name: string): Promise<string> {
  const path = join(dir, name);
  const w = await createContainerFile(path, TYPE, { codec, blockBytes: 512, metadata: { 'interop.by': 'avrokit' } });
  await w.writeAll(RECORDS);
  await w.close();
  return path;
}

/** Sends requests in one peer process; fails the test on any refused request. */
async function batch(run: (q: PeerRequest) => Promise<unknown>, requests: PeerRequest[]): Promise<Record<string, unknown>[]> {
  const { replies } = (await run({ op: 'batch', requests })) as PeerReplies['batch'];
  replies.forEach((r, i) => {
    if (r.error !== undefined) throw new Error(`request ${i} (${requests[i]!.op}) refused: ${r.error}`);
  });
  return replies;
}

function peerSuite(
  name: string,
  peer: ReturnType<typeof pythonAvro>,
  run: (q: PeerRequest) => Promise<unknown>,
  codecs: string[],
  syncInterval: number,
): void {
  describeIfPeer(peer, `container files with ${name}`, () => {
    it(`reads files ${name} wrote in ${codecs.join(', ')} with small blocks`, async () => {
      const requests: PeerRequest[] = codecs.map((codec) => ({
        op: 'writeFile', schema: SCHEMA, datums: PEER_DATUMS, codec, syncInterval, path: join(dir, `${name}-${codec}.avro`),
      }));
      await batch(run, requests);
      for (const codec of codecs) {
        const { records, blocks, codec: stored } = await readOurs(join(dir, `${name}-${codec}.avro`));
        expect(stored).toBe(codec);
        expect(blocks, `${codec}: blocks`).toBeGreaterThan(20);
        expect(records, codec).toEqual(RECORDS);
      }
    }, 120_000);

    it(`${name} reads the files we write in ${codecs.join(', ')}`, async () => {
      const paths = await Promise.all(codecs.map((codec) => writeOurs(codec, `ours-for-${name}-${codec}.avro`)));
      const replies = (await batch(run, paths.map((path) => ({ op: 'readFile', path }) as PeerRequest))) as PeerReplies['readFile'][];
      replies.forEach((reply, i) => {
        expect(reply.codec).toBe(codecs[i]);
        // Compared in the peer convention, which is lossless (bytes as hex, unions tagged).
        expect(reply.datums, codecs[i]).toEqual(PEER_DATUMS);
        expect(Buffer.from(reply.meta['interop.by']!, 'hex').toString()).toBe('avrokit');
      });
    }, 120_000);
  });
}

peerSuite('python3-avro', pythonAvro(), (q) => pythonPeer(q), ['null', 'deflate', 'snappy', 'zstandard', 'bzip2'], 512);
peerSuite('Java avro', javaAvro(), (q) => runJava(q), ['null', 'deflate', 'snappy', 'bzip2', 'xz'], 512);

describeIfPeer(avroC(), 'container files with Avro C (avromod, avrocat)', () => {
  const CODECS = ['null', 'deflate', 'snappy'];

  it('reads files avromod rewrote in null, deflate and snappy with small blocks', async () => {
    const source = await writeOurs('null', 'for-avromod.avro');
    for (const codec of CODECS) {
      const out = join(dir, `avromod-${codec}.avro`);
      const r = await runAvroC('avromod', [`--codec=${codec}`, '--block-size=512', source, out]);
      expect(r.code, r.stderr).toBe(0);
      const { records, blocks, codec: stored } = await readOurs(out);
      expect(stored).toBe(codec);
      expect(blocks).toBeGreaterThan(20);
      expect(records, codec).toEqual(RECORDS);
    }
  });

  it('Avro C reads the files we write in null, deflate and snappy', async () => {
    for (const codec of CODECS) {
      const ours = await writeOurs(codec, `ours-for-c-${codec}.avro`);
      // avromod decodes every record of our file and writes it again: its copy must read as ours.
      const copy = join(dir, `c-copy-${codec}.avro`);
      const r = await runAvroC('avromod', ['--codec=null', ours, copy]);
      expect(r.code, r.stderr).toBe(0);
      expect((await readOurs(copy)).records, codec).toEqual(RECORDS);
      const cat = await runAvroC('avrocat', [ours]);
      expect(cat.code, cat.stderr).toBe(0);
      expect(cat.stdout.trim().split('\n')).toHaveLength(RECORDS.length);
    }
  });

  it('a file avroappend extended reads with the appended records', async () => {
    const a = await writeOurs('deflate', 'append-a.avro');
    const b = await writeOurs('deflate', 'append-b.avro');
    const r = await runAvroC('avroappend', [b, a]);
    expect(r.code, r.stderr).toBe(0);
    const all: unknown[] = [];
    for await (const x of await ContainerReader.open(readFileSync(a))) all.push(x);
    expect(all).toEqual([...RECORDS, ...RECORDS]);
  });
});
