/**
 * Repository benchmark: `node --import tsx bench/repository.ts [--n 1000000] [--codec null]`.
 * Saves N seeded orders, scans them, looks ids up, runs a filtered query with projection,
 * compares the dataset's size with the same data as JSON lines (plain and gzipped), and saves
 * every order again (each id replaced). Prints a markdown table; numbers go to
 * docs/repository.md by hand with the Node version.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Repository } from '../src/repository/index.js';
import { Type } from '../src/type.js';

const { values: args } = parseArgs({ options: { n: { type: 'string' }, codec: { type: 'string' }, keep: { type: 'boolean' } } });
const N = Number(args.n ?? 1_000_000);
const codec = args.codec ?? 'null';

const type = Type.forSchema({
  type: 'record',
  name: 'Order',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'customer', type: 'string' },
    { name: 'country', type: 'string' },
    { name: 'total', type: 'double' },
    { name: 'quantity', type: 'int' },
    { name: 'createdAt', type: 'long' },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});

interface Order {
  id: string;
  customer: string;
  country: string;
  total: number;
  quantity: number;
  createdAt: number;
  note: string | null;
}

/** A small seeded generator (mulberry32), so every run saves the same data. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const COUNTRIES = ['NL', 'DE', 'FR', 'BE', 'ES', 'IT', 'PL', 'SE'];
function* makeOrders(n: number): Generator<Order> {
  const r = rng(42);
  for (let i = 0; i < n; i++) {
    yield {
      id: `order-${i.toString(36).padStart(6, '0')}`,
      customer: `customer-${Math.floor(r() * 50_000)}`,
      country: COUNTRIES[Math.floor(r() * COUNTRIES.length)]!,
      total: Math.round(r() * 100_000) / 100,
      quantity: 1 + Math.floor(r() * 20),
      createdAt: 1_700_000_000_000 + Math.floor(r() * 3e10),
      note: r() < 0.7 ? null : `gift wrap ${Math.floor(r() * 100)}`,
    };
  }
}

const rows: [string, string, string][] = [];
const row = (what: string, value: string, note = '') => {
  rows.push([what, value, note]);
  console.error(`${what}: ${value} ${note}`);
};
const rate = (n: number, ms: number) => `${((n / ms) * 1000 / 1e6).toFixed(2)} M/s`;
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;

async function dirSize(dir: string): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += e.name === '_avrokit' ? 0 : await dirSize(p);
    else total += (await stat(p)).size;
  }
  return total;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ROUNDS = Number(process.env['ROUNDS'] ?? 3);

const data = [...makeOrders(N)];
const base = await mkdtemp(join(tmpdir(), 'avrokit-bench-repo-'));
try {
  // Save, without and with an id field (the id map is kept current during saves); rounds
  // alternate, and each writes a new dataset.
  const times: Record<string, number[]> = { plain: [], id: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const idField of [undefined, 'id'] as const) {
      const dir = join(base, `${idField ?? 'plain'}-${round}`);
      const t0 = performance.now();
      const repo = await Repository.open<Order>(dir, { type, codec, ...(idField ? { idField } : {}) });
      await repo.saveAll(data);
      await repo.close();
      times[idField ?? 'plain']!.push(performance.now() - t0);
      if (round < ROUNDS - 1) await rm(dir, { recursive: true, force: true });
    }
  }
  for (const k of ['plain', 'id']) {
    const ms = median(times[k]!);
    row(`save ${N.toLocaleString('en')} (${k === 'id' ? 'idField' : 'no id'}, ${codec})`, rate(N, ms), `median of ${ROUNDS}, ${ms.toFixed(0)} ms incl. fsync`);
  }
  const dir = join(base, `id-${ROUNDS - 1}`);
  const repo = await Repository.open<Order>(dir, { type, codec, idField: 'id', readOnly: true });

  // Full scan, entity by entity and block by block.
  for (const how of ['for await', 'batches()'] as const) {
    const heap0 = process.memoryUsage().heapUsed;
    let peak = heap0;
    const scans: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      let n = 0;
      if (how === 'for await') {
        for await (const o of repo.find()) {
          n++;
          if ((n & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
          void o;
        }
      } else {
        for await (const b of repo.find().batches()) n += b.length;
      }
      scans.push(performance.now() - t0);
      if (n !== N) throw new Error(`scan found ${n}`);
    }
    row(`scan (${how})`, rate(N, median(scans)), `median of ${ROUNDS}` + (how === 'for await' ? `; heap growth ≤ ${mb(peak - heap0)}` : ''));
  }

  // findById: the first call loads the id index; then random lookups.
  let t0 = performance.now();
  await repo.findById('order-000000');
  row('findById, first call (loads index)', `${(performance.now() - t0).toFixed(1)} ms`);
  const r = rng(7);
  const lat: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const id = data[Math.floor(r() * N)]!.id;
    const s = performance.now();
    const o = await repo.findById(id);
    lat.push(performance.now() - s);
    if (o?.id !== id) throw new Error(`findById(${id}) gave ${o?.id}`);
  }
  lat.sort((a, b) => a - b);
  const us = (q: number) => `${(lat[Math.floor(q * lat.length)]! * 1000).toFixed(0)} µs`;
  row('findById latency (median / p90 / p99)', `${us(0.5)} / ${us(0.9)} / ${us(0.99)}`, `${lat.length} random ids`);

  // A filtered query with projection.
  t0 = performance.now();
  let hits = 0;
  for await (const b of repo.find({ where: { country: 'NL', total: { gte: 900 } }, select: ['id', 'total'] }).batches()) hits += b.length;
  let ms = performance.now() - t0;
  row('filter + projection (country, total ≥ 900 → id, total)', rate(N, ms), `${hits} hits, ${ms.toFixed(0)} ms`);
  t0 = performance.now();
  const c = await repo.count({ quantity: { lt: 3 } });
  ms = performance.now() - t0;
  row('count with a filter on one field', rate(N, ms), `${c} hits`);
  await repo.close();

  // Size on disk vs JSON lines.
  const avroBytes = await dirSize(dir);
  const jsonl = Buffer.from(data.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const gz = gzipSync(jsonl).length;
  row('size: dataset (Avro)', mb(avroBytes), codec);
  row('size: JSON lines', mb(jsonl.length), `${(jsonl.length / avroBytes).toFixed(2)}× the dataset`);
  row('size: JSON lines, gzip', mb(gz), `${(gz / avroBytes).toFixed(2)}× the dataset`);
  if (codec === 'null') {
    const dDir = join(base, 'deflate');
    const d = await Repository.open<Order>(dDir, { type, codec: 'deflate', blockBytes: 256 * 1024 });
    await d.saveAll(data);
    await d.close();
    row('size: dataset (Avro, deflate)', mb(await dirSize(dDir)));
  }

  // Every id saved again: each save replaces an entity (the id map is loaded from the indexes
  // first, and the old versions are marked superseded).
  const again: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t1 = performance.now();
    const r2 = await Repository.open<Order>(dir, { type, codec, idField: 'id' });
    await r2.saveAll(data);
    await r2.close();
    again.push(performance.now() - t1);
  }
  ms = median(again);
  row(`save ${N.toLocaleString('en')} again (idField, every id replaced)`, rate(N, ms), `median of ${ROUNDS}, ${ms.toFixed(0)} ms incl. loading the id map and fsync`);
} finally {
  if (!args.keep) await rm(base, { recursive: true, force: true });
}

console.log(`\nNode ${process.version}, N = ${N.toLocaleString('en')}\n`);
console.log('| measure | result | note |\n|---|---|---|');
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
