/**
 * Container files: write and read N small records (default 1,000,000) with the null and
 * deflate codecs, avrokit against avsc 5.7.9's BlockEncoder/BlockDecoder, in memory (the
 * cost of the container layer, not of a disk); then peak RSS while reading files of two
 * sizes from disk, each in a fresh child process, to show memory flat in the file size.
 *
 *   node --import tsx bench/container.ts [--records N] [--rounds R] [--big-mb M] [--gb] [--no-rss]
 *
 * `--big-mb M` sets the larger file for the RSS check (default 256 MB; `--gb` makes it 1 GB).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import avsc from 'avsc';
import { Type } from '../src/index.js';
import { ContainerReader, createContainerFile, encodeContainer, openContainerFile } from '../src/container/index.js';

const SCHEMA = {
  type: 'record',
  name: 'bench.Small',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'score', type: 'double' },
    { name: 'active', type: 'boolean' },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B', 'C'] } },
  ],
};

interface Small { id: number; name: string; score: number; active: boolean; kind: string }

/** Seeded records: every run measures the same values. */
function records(n: number): Small[] {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return Array.from({ length: n }, (_, i) => ({
    id: i * 37,
    name: `user-${Math.floor(rand() * 1e6)}`,
    score: rand() * 100,
    active: rand() < 0.5,
    kind: ['A', 'B', 'C'][i % 3]!,
  }));
}

const ours = Type.forSchema(SCHEMA);
const theirs = avsc.Type.forSchema(SCHEMA as avsc.Schema);

async function writeOurs(recs: Small[], codec: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const c of encodeContainer(recs, ours, { codec })) chunks.push(c as Buffer);
  return chunks;
}

async function writeAvsc(recs: Small[], codec: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  const enc = new avsc.streams.BlockEncoder(theirs, { codec });
  const done = pipeline(enc, new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) }));
  for (const r of recs) if (!enc.write(r)) await new Promise((res) => enc.once('drain', res));
  enc.end();
  await done;
  return chunks;
}

async function readOursBatches(chunks: Buffer[]): Promise<number> {
  let n = 0;
  const reader = await ContainerReader.open(chunks);
  for await (const b of reader.batches()) n += b.records.length;
  return n;
}

async function readOursRecords(chunks: Buffer[]): Promise<number> {
  let n = 0;
  for await (const r of await ContainerReader.open(chunks)) if (r !== undefined) n++;
  return n;
}

async function readAvsc(chunks: Buffer[]): Promise<number> {
  let n = 0;
  await pipeline(
    Readable.from(chunks),
    new avsc.streams.BlockDecoder(),
    new Writable({ objectMode: true, write: (_r, _e, cb) => (n++, cb()) }),
  );
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

interface Row { name: string; rps: number; mbps: number }

async function timeIt(fn: () => Promise<unknown>, n: number, bytes: number, rounds: number): Promise<{ rps: number; mbps: number }> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const ms = median(times);
  return { rps: (n * 1000) / ms, mbps: bytes / 1e6 / (ms / 1000) };
}

/** Peak RSS of a child process reading `path` to the end. */
function childRss(path: string): { mb: number; seconds: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--rss-child', path], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`RSS child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { mb: number; seconds: number };
}

async function rssChild(path: string): Promise<void> {
  const t = performance.now();
  let n = 0;
  const reader = await openContainerFile(path);
  for await (const b of reader.batches()) n += b.records.length;
  const mb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ mb, seconds: (performance.now() - t) / 1000, n }));
}

async function writeBigFile(path: string, megabytes: number): Promise<void> {
  const w = await createContainerFile(path, ours, { codec: 'deflate' });
  const batch = records(100_000);
  while (statSync(path, { throwIfNoEntry: false })?.size ?? 0) {
    break;
  }
  let written = 0;
  // About 18 bytes a record before deflate, ~11 after: write until the file is big enough.
  for (;;) {
    for (const r of batch) if (w.add(r)) await w.endBlock();
    written += batch.length;
    await w.flush();
    if (statSync(path).size >= megabytes * 1e6) break;
  }
  await w.close();
  void written;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000000' },
      rounds: { type: 'string', default: '5' },
      'big-mb': { type: 'string', default: '256' },
      gb: { type: 'boolean', default: false },
      'no-rss': { type: 'boolean', default: false },
      'rss-child': { type: 'string' },
    },
  });
  if (values['rss-child'] !== undefined) return rssChild(values['rss-child']);
  const n = Number(values.records);
  const rounds = Number(values.rounds);
  const recs = records(n);
  console.log(`container bench: ${n.toLocaleString('en')} records, median of ${rounds} rounds, node ${process.version}\n`);
  const rows: Row[] = [];
  for (const codec of ['null', 'deflate']) {
    const ourChunks = await writeOurs(recs, codec);
    const avscChunks = await writeAvsc(recs, codec);
    const bytes = ourChunks.reduce((s, c) => s + c.length, 0);
    const rawBytes = codec === 'null' ? bytes : (await writeOurs(recs, 'null')).reduce((s, c) => s + c.length, 0);
    if ((await readAvsc(ourChunks)) !== n || (await readOursBatches(avscChunks)) !== n) throw new Error('cross-read failed');
    // Interleaved: each round runs every contender once, so load changes hit all alike.
    const cases: [string, () => Promise<unknown>][] = [
      [`write ${codec}: avrokit`, () => writeOurs(recs, codec)],
      [`write ${codec}: avsc BlockEncoder`, () => writeAvsc(recs, codec)],
      [`read ${codec}: avrokit batches()`, () => readOursBatches(ourChunks)],
      [`read ${codec}: avrokit records()`, () => readOursRecords(ourChunks)],
      [`read ${codec}: avsc BlockDecoder`, () => readAvsc(avscChunks)],
    ];
    const times = new Map<string, number[]>(cases.map(([k]) => [k, []]));
    for (const [, fn] of cases) await fn(); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const [k, fn] of r % 2 ? [...cases].reverse() : cases) {
        const t = performance.now();
        await fn();
        times.get(k)!.push(performance.now() - t);
      }
    }
    for (const [k] of cases) {
      const ms = median(times.get(k)!);
      rows.push({ name: k, rps: (n * 1000) / ms, mbps: rawBytes / 1e6 / (ms / 1000) });
    }
  }
  const avscOf = (name: string) => rows.find((r) => r.name === name.replace(/avrokit.*$/, name.startsWith('write') ? 'avsc BlockEncoder' : 'avsc BlockDecoder'));
  console.log('| case | records/s | MB/s (uncompressed) | vs avsc |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of rows) {
    const base = avscOf(r.name);
    const ratio = r.name.includes('avrokit') && base ? `${(r.rps / base.rps).toFixed(2)}x` : '';
    console.log(`| ${r.name} | ${Math.round(r.rps).toLocaleString('en')} | ${r.mbps.toFixed(1)} | ${ratio} |`);
  }
  void timeIt;
  if (values['no-rss']) return;
  const big = values.gb ? 1000 : Number(values['big-mb']);
  const dir = mkdtempSync(join(tmpdir(), 'avrokit-bench-'));
  try {
    console.log('\npeak RSS reading a deflate file from disk (fresh process each):');
    console.log('| file | records read | peak RSS | seconds |');
    console.log('| ---: | ---: | ---: | ---: |');
    for (const mb of [Math.max(16, Math.round(big / 16)), big]) {
      const path = join(dir, `big-${mb}.avro`);
      await writeBigFile(path, mb);
      const size = statSync(path).size;
      const r = childRss(path) as { mb: number; seconds: number; n?: number };
      console.log(`| ${(size / 1e6).toFixed(0)} MB | ${(r.n ?? 0).toLocaleString('en')} | ${r.mb.toFixed(0)} MB | ${r.seconds.toFixed(1)} |`);
      rmSync(path);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
