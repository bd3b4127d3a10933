/**
 * `npm run bench`: avrokit vs avsc vs JSON on each case, encode and decode, as a markdown table
 * with ratios. Options: `--filter REGEX` (case names), `--rounds N`, `--ms N` (per round).
 */
import avsc from 'avsc';
import { parseArgs } from 'node:util';
import { Type } from '../src/index.js';
import { makeCases, avscDateType } from './cases.js';
import { compare, fmtOps } from './harness.js';
import { handwritten } from './handwritten.js';

const { values: args } = parseArgs({
  options: { filter: { type: 'string' }, rounds: { type: 'string' }, ms: { type: 'string' } },
});
const rounds = Number(args.rounds ?? 5);
const ms = Number(args.ms ?? 150);
const filter = args.filter ? new RegExp(args.filter, 'i') : undefined;

const DateType = await avscDateType();
const rows: string[] = [];
const ratios: number[] = [];
const header = '| case | op | avrokit | avsc | JSON | hand-written | vs avsc | vs JSON |';
rows.push(header, '|---|---|---|---|---|---|---|---|');

for (const c of makeCases()) {
  if (filter && !filter.test(c.name)) continue;
  const ours = Type.forSchema(c.schema);
  const theirs = (avsc as unknown as { Type: { forSchema(s: unknown, o?: unknown): any } }).Type.forSchema(c.schema, {
    logicalTypes: { 'timestamp-millis': DateType },
  });
  const value = c.value;
  const avscValue = c.avscValue ?? c.value;
  const ourBuf = ours.toBuffer(value);
  const theirBuf: Buffer = theirs.toBuffer(avscValue);
  if (Buffer.compare(Buffer.from(ourBuf), theirBuf) !== 0) throw new Error(`${c.name}: avrokit and avsc bytes differ`);
  const json = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  const hw = handwritten[c.name];

  for (const op of ['encode', 'decode'] as const) {
    const contenders =
      op === 'encode'
        ? [
            { name: 'avrokit', fn: () => ours.toBuffer(value) },
            { name: 'avsc', fn: () => theirs.toBuffer(avscValue) },
            { name: 'JSON', fn: () => JSON.stringify(value) },
            ...(hw ? [{ name: 'hand', fn: () => hw.encode(value) }] : []),
          ]
        : [
            { name: 'avrokit', fn: () => ours.fromBuffer(ourBuf) },
            { name: 'avsc', fn: () => theirs.fromBuffer(theirBuf) },
            { name: 'JSON', fn: () => JSON.parse(json) },
            ...(hw ? [{ name: 'hand', fn: () => hw.decode(ourBuf) }] : []),
          ];
    const r = compare(contenders, { rounds, ms });
    const a = r.get('avrokit')!;
    const vsAvsc = a / r.get('avsc')!;
    ratios.push(vsAvsc);
    const hand = r.get('hand');
    rows.push(
      `| ${c.name} | ${op} | ${fmtOps(a)} | ${fmtOps(r.get('avsc')!)} | ${fmtOps(r.get('JSON')!)} | ${hand ? `${fmtOps(hand)} (${((a / hand) * 100).toFixed(0)}%)` : '–'} | ${vsAvsc.toFixed(2)}x | ${(a / r.get('JSON')!).toFixed(2)}x |`,
    );
    console.error(rows[rows.length - 1]);
  }
}
const geo = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
console.log(`\nNode ${process.version}, ${rounds} rounds x ${ms} ms, median ops/s\n`);
console.log(rows.join('\n'));
console.log(`\nGeometric mean vs avsc: ${geo.toFixed(2)}x; lowest: ${Math.min(...ratios).toFixed(2)}x`);
