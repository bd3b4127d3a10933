/**
 * Container files: write and read N small records (default 1,000,000) with the null and
 * deflate codecs, avrokit against avsc 5.7.9's BlockEncoder/BlockDecoder, in memory (the
 * cost of the container layer, not of a disk); then peak RSS while reading files of two
 * sizes from disk, each in a fresh child process, to show memory flat in the file size.
 *
 *   node --import tsx bench/container.ts [--records N] [--rounds R] [--codecs null,deflate]
 *                                        [--mem-level 9] [--big-mb M] [--gb] [--no-rss]
 *
 * Apples to apples: both write the same records with the same settings (deflate level 6 and
 * memLevel 8, zlib's defaults, which avsc uses; blocks of 64 KiB of encoded records), each
 * through its fastest plain API (avsc: a BlockEncoder stream written record by record with
 * back-pressure; avrokit: encodeContainer over the array). Both read the same bytes, the file
 * avsc wrote, cut into 64 KiB chunks as a file stream delivers them. The CPU column adds up
 * every thread (zlib's thread pool, the GC): it shows the work done, which a loaded machine
 * does not change, while records/s depends on how many cores are free. A full GC runs before
 * each timed run, so no case pays for the garbage of another.
 *
 * `--mem-level 9` adds a row writing deflate with that zlib memLevel (not the default, so not
 * part of the comparison). `--big-mb M` sets the larger file for the RSS check (default 256 MB; `--gb` makes it 1 GB).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import avsc from 'avsc';
import { Type } from '../src/index.js';
import { ContainerReader, createContainerFile, defaultCodecs, deflateCodec, encodeContainer, openContainerFile } from '../src/container/index.js';
import type { CodecRegistry } from '../src/container/index.js';

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

// A full GC before each timed run, so no case pays for the garbage of the one before it.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const theirs = avsc.Type.forSchema(SCHEMA as avsc.Schema);

/** 64 KiB of encoded records per block, as avsc's default `blockSize`. */
const BLOCK_BYTES = 65536;

async function writeOurs(recs: Small[], codec: string, codecs?: CodecRegistry): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  const options = { codec, blockBytes: BLOCK_BYTES, ...(codecs ? { codecs } : {}) };
  for await (const c of encodeContainer(recs, ours, options)) chunks.push(c as Buffer);
  return chunks;
}

async function writeAvsc(recs: Small[], codec: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  const enc = new avsc.streams.BlockEncoder(theirs, { codec, blockSize: BLOCK_BYTES });
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

interface Row { name: string; rps: number; mbps: number; cpu: number }

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
  // Batches of records until the file is big enough.
  for (;;) {
    for (const r of batch) if (w.add(r)) await w.endBlock();
    await w.flush();
    if (statSync(path).size >= megabytes * 1e6) break;
  }
  await w.close();
}

/** `chunks` joined and cut into pieces of 64 KiB, as `fs.createReadStream` delivers a file. */
function asFileChunks(chunks: Buffer[]): Buffer[] {
  const all = Buffer.concat(chunks);
  const out: Buffer[] = [];
  for (let i = 0; i < all.length; i += 65536) out.push(all.subarray(i, i + 65536));
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000000' },
      rounds: { type: 'string', default: '5' },
      'big-mb': { type: 'string', default: '256' },
      gb: { type: 'boolean', default: false },
      'no-rss': { type: 'boolean', default: false },
      codecs: { type: 'string', default: 'null,deflate' },
      'mem-level': { type: 'string' },
      'rss-child': { type: 'string' },
    },
  });
  if (values['rss-child'] !== undefined) return rssChild(values['rss-child']);
  const n = Number(values.records);
  const rounds = Number(values.rounds);
  const recs = records(n);
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`container bench: ${n.toLocaleString('en')} records, median of ${rounds} rounds, node ${process.version}, load average ${load()}\n`);
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const codec of values.codecs.split(',')) {
    const ourChunks = await writeOurs(recs, codec);
    const avscChunks = await writeAvsc(recs, codec);
    const size = (cs: Buffer[]) => cs.reduce((s, c) => s + c.length, 0);
    const rawBytes = size(codec === 'null' ? ourChunks : await writeOurs(recs, 'null'));
    const blocks = async (cs: Buffer[]) => {
      let k = 0;
      for await (const b of (await ContainerReader.open(cs)).blocks()) k += b.count > 0 ? 1 : 0;
      return k;
    };
    notes.push(
      `${codec}: avrokit wrote ${size(ourChunks).toLocaleString('en')} bytes in ${await blocks(ourChunks)} blocks, ` +
        `avsc ${size(avscChunks).toLocaleString('en')} bytes in ${await blocks(avscChunks)} blocks`,
    );
    if ((await readAvsc(asFileChunks(ourChunks))) !== n || (await readOursBatches(avscChunks)) !== n) throw new Error('cross-read failed');
    // Both readers read the same bytes: the file avsc wrote, in 64 KiB chunks.
    const input = asFileChunks(avscChunks);
    // Interleaved: each round runs every contender once, so load changes hit all alike.
    const cases: [string, () => Promise<unknown>][] = [
      [`write ${codec}: avrokit`, () => writeOurs(recs, codec)],
      [`write ${codec}: avsc BlockEncoder`, () => writeAvsc(recs, codec)],
      [`read ${codec}: avrokit batches()`, () => readOursBatches(input)],
      [`read ${codec}: avrokit records()`, () => readOursRecords(input)],
      [`read ${codec}: avsc BlockDecoder`, () => readAvsc(input)],
    ];
    const memLevel = values['mem-level'];
    if (codec === 'deflate' && memLevel !== undefined) {
      // Not the default: the same level 6, with zlib's memLevel raised (faster, more memory).
      const codecs = defaultCodecs().register('deflate', () => deflateCodec({ memLevel: Number(memLevel) }));
      cases.splice(1, 0, [`write deflate: avrokit, memLevel ${memLevel}`, () => writeOurs(recs, codec, codecs)]);
    }
    const times = new Map<string, number[]>(cases.map(([k]) => [k, []]));
    const cpus = new Map<string, number[]>(cases.map(([k]) => [k, []]));
    for (const [, fn] of cases) await fn(); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const [k, fn] of r % 2 ? [...cases].reverse() : cases) {
        collect();
        const c = process.cpuUsage();
        const t = performance.now();
        await fn();
        times.get(k)!.push(performance.now() - t);
        const u = process.cpuUsage(c);
        cpus.get(k)!.push((u.user + u.system) / 1000);
      }
    }
    for (const [k] of cases) {
      const ms = median(times.get(k)!);
      rows.push({ name: k, rps: (n * 1000) / ms, mbps: rawBytes / 1e6 / (ms / 1000), cpu: median(cpus.get(k)!) });
    }
  }
  const avscOf = (name: string) => rows.find((r) => r.name === name.replace(/avrokit.*$/, name.startsWith('write') ? 'avsc BlockEncoder' : 'avsc BlockDecoder'));
  console.log('| case | records/s | MB/s (uncompressed) | vs avsc | CPU ms (all threads) |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const base = avscOf(r.name);
    const ratio = r.name.includes('avrokit') && base ? `${(r.rps / base.rps).toFixed(2)}x` : '';
    console.log(`| ${r.name} | ${Math.round(r.rps).toLocaleString('en')} | ${r.mbps.toFixed(1)} | ${ratio} | ${r.cpu.toFixed(0)} |`);
  }
  console.log('');
  for (const note of notes) console.log(note);
  console.log(`load average at the end: ${load()}`);
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
