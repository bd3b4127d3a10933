/**
 * Schema resolution benchmarks: avrokit's generated resolvers vs avsc's `createResolver`, and
 * vs a full decode with the writer's own schema. Standalone:
 *   node --import tsx bench/resolution.ts [--rounds N] [--ms N] [--filter REGEX]
 *
 * - promotions: a realistic record read through a reader that promotes int → long/double,
 *   float → double, long → double, string → bytes, widens an enum, drops a field and adds one.
 * - projection: 2 of 50 fields of a wide record read through a projected reader schema (the
 *   other 48 skipped without being decoded).
 */
import avsc from 'avsc';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { seededRng } from '../src/codec/random.js';
import { Type } from '../src/index.js';
import { compare, fmtOps } from './harness.js';

interface AvscType {
  toBuffer(v: unknown): Buffer;
  fromBuffer(b: Uint8Array, resolver?: unknown, noCheck?: boolean): unknown;
  createResolver(w: AvscType): unknown;
}
const avscForSchema = (s: unknown): AvscType =>
  (avsc as unknown as { Type: { forSchema(s: unknown): AvscType } }).Type.forSchema(s);

const { values: args } = parseArgs({ options: { filter: { type: 'string' }, rounds: { type: 'string' }, ms: { type: 'string' } } });
const rounds = Number(args.rounds ?? 5);
const ms = Number(args.ms ?? 150);
const filter = args.filter ? new RegExp(args.filter, 'i') : undefined;

const rec = (name: string, fields: unknown[]): unknown => ({ type: 'record', name, fields });

interface Case {
  readonly name: string;
  readonly writer: unknown;
  readonly reader: unknown;
}

const CASES: Case[] = [
  {
    name: 'promotions',
    writer: rec('Event', [
      { name: 'id', type: 'int' },
      { name: 'at', type: 'long' },
      { name: 'score', type: 'float' },
      { name: 'count', type: 'int' },
      { name: 'user', type: 'string' },
      { name: 'payload', type: 'string' },
      { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['CLICK', 'VIEW', 'BUY'] } },
      { name: 'tags', type: { type: 'array', items: 'int' } },
      { name: 'where', type: rec('Geo', [{ name: 'lat', type: 'float' }, { name: 'lon', type: 'float' }]) },
      { name: 'ref', type: ['null', 'int'] },
      { name: 'debug', type: 'string' },
    ]),
    reader: rec('Event', [
      { name: 'id', type: 'long' },
      { name: 'at', type: 'double' },
      { name: 'score', type: 'double' },
      { name: 'count', type: 'double' },
      { name: 'user', type: 'string' },
      { name: 'payload', type: 'bytes' },
      { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['CLICK', 'VIEW', 'BUY', 'SHARE'] } },
      { name: 'tags', type: { type: 'array', items: 'long' } },
      { name: 'where', type: rec('Geo', [{ name: 'lat', type: 'double' }, { name: 'lon', type: 'double' }]) },
      { name: 'ref', type: ['null', 'long'] },
      { name: 'source', type: 'string', default: 'web' },
    ]),
  },
  {
    name: 'projection 2 of 50',
    writer: rec('Wide', Array.from({ length: 50 }, (_, i) => ({
      name: `f${i}`,
      type: ['string', 'double', 'long', { type: 'array', items: 'int' }, ['null', 'string'], 'int', 'float', 'boolean',
        { type: 'map', values: 'string' }, 'bytes'][i % 10],
    }))),
    reader: rec('Wide', [{ name: 'f12', type: 'long' }, { name: 'f31', type: 'double' }]),
  },
];

const rows = ['| case | avrokit resolver | avsc resolver | avrokit full decode | avsc full decode | vs avsc resolver | vs avrokit full |', '|---|---|---|---|---|---|---|'];
const normalize = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x) => (x instanceof Uint8Array || (x && x.type === 'Buffer') ? Array.from(x instanceof Uint8Array ? x : x.data) : x)));

for (const c of CASES) {
  if (filter && !filter.test(c.name)) continue;
  const w = Type.forSchema(c.writer);
  const r = Type.forSchema(c.reader);
  const aw = avscForSchema(c.writer);
  const ar = avscForSchema(c.reader);
  // Seeded data, short strings and small arrays: typical events. Longs are kept to timestamp
  // sizes: avsc 5.7.9 misreads some longs near 2^53 (-6032427958927359 comes back positive).
  const rng = seededRng(42);
  const value = w.random(rng) as Record<string, unknown>;
  for (const f of (c.writer as { fields: { name: string; type: unknown }[] }).fields) {
    if (f.type === 'long') value[f.name] = 1_700_000_000_000 + Math.floor(rng() * 1e9);
  }
  const buf = w.toBuffer(value);
  const resolver = r.createResolver(w);
  const avscResolver = ar.createResolver(aw);
  const ours = r.fromBuffer(buf, resolver);
  const theirs = ar.fromBuffer(Buffer.from(buf), avscResolver);
  if (!isDeepStrictEqual(normalize(ours), normalize(theirs))) {
    throw new Error(`${c.name}: avrokit and avsc read different values:\n${JSON.stringify(normalize(ours))}\n${JSON.stringify(normalize(theirs))}`);
  }
  const nodeBuf = Buffer.from(buf);
  const res = compare([
    { name: 'ours', fn: () => r.fromBuffer(buf, resolver) },
    { name: 'avsc', fn: () => ar.fromBuffer(nodeBuf, avscResolver) },
    { name: 'oursFull', fn: () => w.fromBuffer(buf) },
    { name: 'avscFull', fn: () => aw.fromBuffer(nodeBuf) },
  ], { rounds, ms });
  const o = res.get('ours')!;
  rows.push(`| ${c.name} (${buf.length} bytes) | ${fmtOps(o)} | ${fmtOps(res.get('avsc')!)} | ${fmtOps(res.get('oursFull')!)} | ${fmtOps(res.get('avscFull')!)} | ${(o / res.get('avsc')!).toFixed(2)}x | ${(o / res.get('oursFull')!).toFixed(2)}x |`);
  console.error(rows[rows.length - 1]);
}
console.log(`\nNode ${process.version}, ${rounds} rounds x ${ms} ms, median ops/s\n`);
console.log(rows.join('\n'));
