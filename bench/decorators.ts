/**
 * Decoding into class instances: avrokit's `typeOf(Class)` against avrokit decoding plain
 * objects, and against avsc configured the way people get classes out of it today: a
 * logical type per record class whose `_fromValue` gives the record the class's prototype
 * ("avsc + record classes"), or avsc followed by class-transformer's `plainToInstance`.
 * avsc gets logical types for timestamp-millis (Date) and decimal (text), so every
 * contender returns the same values.
 *
 *   node --import tsx bench/decorators.ts [--rounds 7] [--ms 250] [--only avrokit,avsc]
 */
import 'reflect-metadata';
import avsc from 'avsc';
import { Type as CtType, plainToInstance } from 'class-transformer';
import { Type } from '../src/index.js';
import { AvroRecord, Field, decimal, schemaOf, typeOf } from '../decorators/index.js';
import { compare, fmtOps } from './harness.js';

// ---- the classes (annotated for class-transformer too, so plainToInstance builds the same) ----

@AvroRecord({ namespace: 'bench' })
class Customer {
  @Field('string') id!: string;
  @Field('string') name!: string;
  @Field('string', { nullable: true }) email!: string | null;
  @CtType(() => Date) @Field('timestamp-millis') since!: Date;
  label(): string {
    return `${this.name} <${this.email ?? '-'}>`;
  }
}

@AvroRecord({ namespace: 'bench' })
class LineItem {
  @Field('string') sku!: string;
  @Field('int') quantity!: number;
  @Field(decimal(12, 2)) price!: string;
}

@AvroRecord({ namespace: 'bench' })
class Order {
  @Field('string') id!: string;
  @CtType(() => Customer) @Field(() => Customer) customer!: Customer;
  @CtType(() => LineItem) @Field(() => [LineItem]) items!: LineItem[];
  @CtType(() => Date) @Field('timestamp-millis') placedAt!: Date;
  @Field('string', { nullable: true }) coupon!: string | null;
  @Field(() => ['string']) tags!: string[];
}

@AvroRecord({ namespace: 'bench' })
class Reading {
  @Field('string') sensor!: string;
  @CtType(() => Date) @Field('timestamp-millis') at!: Date;
  @Field('double') value!: number;
  @Field('boolean') ok!: boolean;
}

// ---- seeded data ----

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const word = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
const money = () => `${Math.floor(rand() * 100000)}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`;

function anOrder(): Order {
  return Object.assign(new Order(), {
    id: word(12),
    customer: Object.assign(new Customer(), { id: word(8), name: `${word(6)} ${word(8)}`, email: rand() < 0.5 ? `${word(5)}@example.com` : null, since: new Date(1.6e12 + Math.floor(rand() * 1e11)) }),
    items: Array.from({ length: 4 }, () => Object.assign(new LineItem(), { sku: word(6), quantity: 1 + Math.floor(rand() * 9), price: money() })),
    placedAt: new Date(1.7e12 + Math.floor(rand() * 1e10)),
    coupon: rand() < 0.3 ? word(8) : null,
    tags: [word(4), word(5)],
  });
}

function aReading(): Reading {
  return Object.assign(new Reading(), { sensor: word(10), at: new Date(1.7e12 + Math.floor(rand() * 1e10)), value: rand() * 100, ok: rand() < 0.9 });
}

// ---- avsc, configured with logical types ----

type AvscType = { fromBuffer(b: Uint8Array): unknown; toBuffer(v: unknown): Uint8Array };
const LogicalType = (avsc as unknown as { types: { LogicalType: new (...a: unknown[]) => object } }).types.LogicalType;

class AvscDate extends LogicalType {
  _fromValue(v: number): Date {
    return new Date(v);
  }
  _toValue(d: unknown): unknown {
    return d instanceof Date ? +d : undefined;
  }
  _resolve(): undefined {
    return undefined;
  }
}

/** decimal on bytes as text with `scale` fraction digits, as avrokit gives it. */
class AvscDecimal extends LogicalType {
  declare scale: number;
  constructor(schema: { scale?: number }, opts: unknown) {
    super(schema, opts);
    this.scale = schema.scale ?? 0;
  }
  _fromValue(buf: Uint8Array): string {
    let n = 0n;
    for (const b of buf) n = (n << 8n) | BigInt(b);
    if (buf.length && buf[0]! & 0x80) n -= 1n << BigInt(buf.length * 8);
    const neg = n < 0n;
    const digits = (neg ? -n : n).toString().padStart(this.scale + 1, '0');
    return `${neg ? '-' : ''}${digits.slice(0, digits.length - this.scale)}.${digits.slice(digits.length - this.scale)}`;
  }
  _toValue(s: string): Uint8Array {
    let n = BigInt(s.replace('.', ''));
    const out: number[] = [];
    do {
      out.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (!(n === 0n && !(out[0]! & 0x80)) && !(n === -1n && out[0]! & 0x80));
    return Buffer.from(out);
  }
}

/** A logical type per record class: the way to have avsc hand out instances of your classes. */
function avscRecordClass(cls: abstract new () => object): new (...a: unknown[]) => object {
  return class extends LogicalType {
    _fromValue(v: object): object {
      return Object.assign(Object.create(cls.prototype) as object, v);
    }
    _toValue(v: unknown): unknown {
      return v;
    }
  };
}

/** Adds `"logicalType": "class:<name>"` to every record of an avsc schema. */
function tagRecords(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(tagRecords);
  if (typeof json !== 'object' || json === null) return json;
  const o = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, k === 'fields' ? (v as object[]).map((f) => ({ ...f, type: tagRecords((f as { type: unknown }).type) })) : tagRecords(v)]));
  if (o['type'] === 'record') o['logicalType'] = `class:${String(o['name'])}`;
  return o;
}

function avscTypes(cls: abstract new () => object, classes: Record<string, abstract new () => object>): { plain: AvscType; classes: AvscType } {
  const logicalTypes: Record<string, unknown> = { 'timestamp-millis': AvscDate, decimal: AvscDecimal };
  const plain = avsc.Type.forSchema(schemaOf(cls) as never, { logicalTypes } as never) as unknown as AvscType;
  for (const [name, c] of Object.entries(classes)) logicalTypes[`class:${name}`] = avscRecordClass(c);
  const withClasses = avsc.Type.forSchema(tagRecords(schemaOf(cls)) as never, { logicalTypes } as never) as unknown as AvscType;
  return { plain, classes: withClasses };
}

/**
 * Speed of `a` relative to `b` from many back-to-back pairs of short runs: load from other
 * processes hits both halves of a pair alike, so the ratio is steadier than two medians.
 */
function pairedRatio(a: () => unknown, b: () => unknown, pairs = 41): { median: number; q1: number; q3: number; pairs: number } {
  let n = 1000;
  const run = (fn: () => unknown): number => {
    const start = performance.now();
    for (let i = 0; i < n; i++) fn();
    return performance.now() - start;
  };
  for (let i = 0; i < 5; i++) run(a), run(b);
  // About 20 ms per half: long enough to average out timer noise, short enough to pair well.
  n = Math.max(1000, Math.round((n * 20) / run(a)));
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const ta = run(a);
    ratios.push(run(b) / ta);
  }
  ratios.sort((x, y) => x - y);
  const at = (q: number) => ratios[Math.floor(q * (ratios.length - 1))]!;
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), pairs };
}

// ---- the run ----

function argOf(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const options = { rounds: argOf('rounds', 7), ms: argOf('ms', 250) };
/** `--only avrokit,avsc` keeps the contenders whose names start with one of these. */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1]!.split(',') : undefined;

interface Case<T extends object> {
  name: string;
  cls: new () => T;
  value: T;
  classes: Record<string, new () => object>;
}

const cases: Case<object>[] = [
  { name: 'Order (customer, 4 line items, decimals, dates)', cls: Order, value: anOrder(), classes: { Order, Customer, LineItem } },
  { name: 'Reading (flat: string, date, double, boolean)', cls: Reading, value: aReading(), classes: { Reading } },
];

console.log(`Decoding into class instances — Node ${process.version}, ${options.rounds} rounds × ${options.ms} ms, median ops/s\n`);
const rows: string[] = [];
for (const c of cases) {
  const instances = typeOf(c.cls);
  const plain = Type.forSchema(schemaOf(c.cls));
  const bytes = instances.toBuffer(c.value);
  const av = avscTypes(c.cls, c.classes);
  if (Buffer.compare(Buffer.from(av.plain.toBuffer(c.value)), Buffer.from(bytes)) !== 0) throw new Error(`${c.name}: avsc writes other bytes`);
  // Every contender must return the same thing before it is timed.
  const want = JSON.stringify(instances.fromBuffer(bytes));
  const avscPlain = () => av.plain.fromBuffer(bytes);
  const ctPlain = () => plainToInstance(c.cls, av.plain.fromBuffer(bytes) as object);
  for (const [name, v, cls] of [['avsc + record classes', av.classes.fromBuffer(bytes), c.cls], ['avsc + plainToInstance', ctPlain(), c.cls], ['avrokit plain', plain.fromBuffer(bytes), Object]] as const) {
    if (JSON.stringify(v) !== want) throw new Error(`${c.name}: ${name} decodes to ${JSON.stringify(v)}, not ${want}`);
    if (!(v instanceof cls)) throw new Error(`${c.name}: ${name} does not give ${cls.name} instances`);
  }
  const r = compare([
    { name: 'avrokit typeOf → instances', fn: () => instances.fromBuffer(bytes) },
    { name: 'avrokit → plain objects', fn: () => plain.fromBuffer(bytes) },
    { name: 'avsc + record classes', fn: () => av.classes.fromBuffer(bytes) },
    { name: 'avsc + plainToInstance', fn: ctPlain },
    { name: 'avsc → its own records', fn: avscPlain },
  ].filter((x) => only === undefined || only.some((o) => x.name.startsWith(o))), options);
  const mine = r.get('avrokit typeOf → instances')!;
  const paired = pairedRatio(() => instances.fromBuffer(bytes), () => plain.fromBuffer(bytes));
  rows.push(`\n### ${c.name} (${bytes.length} bytes)\n`);
  rows.push('| decoder | ops/s | avrokit instances vs this |');
  rows.push('| --- | ---: | ---: |');
  for (const [name, ops] of r) rows.push(`| ${name} | ${fmtOps(ops)} | ${name.startsWith('avrokit typeOf') ? '—' : `${(mine / ops).toFixed(2)}×`} |`);
  rows.push('', `Instances vs plain objects in ${paired.pairs} back-to-back pairs of short runs (steadier on a busy machine): ` +
    `median ${paired.median.toFixed(3)}× the speed (quartiles ${paired.q1.toFixed(3)}–${paired.q3.toFixed(3)}).`);
}
console.log(rows.join('\n'));
