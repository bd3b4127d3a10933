/**
 * What a decorated class writes is what python3-avro (and Java avro) read with `schemaOf`'s
 * schema, and what they write decodes into instances of the right classes. Values cross in
 * the peer convention of test/interop/peers (logical types raw, unions tagged by branch);
 * one more check reads through python3-avro's own DatumReader with its logical conversions.
 */
import { describe, expect, it } from 'vitest';
import { AvroRecord, Field, avroEnum, decimal, duration, fixed, mapOf, nullable, schemaOf, typeOf, union } from '../../decorators/index.js';
import { describeIfPeer, javaAvro, javaPeer, pythonAvro, pythonPeer, runPython, toHex, fromHex } from '../interop/peers/index.js';
import type { PeerJson } from '../interop/peers/index.js';
import { make } from './helpers.js';

enum Status { Open = 'OPEN', Paid = 'PAID' }
avroEnum(Status, 'Status');
enum Priority { Low, High }
avroEnum(Priority, 'Priority');

@AvroRecord({ namespace: 'com.shop.events' })
class Placed {
  @Field() at!: Date;
}
@AvroRecord({ namespace: 'com.shop.events' })
class Shipped {
  @Field() at!: Date;
  @Field() carrier!: string;
}
@AvroRecord({ namespace: 'com.shop.events' })
class Cancelled {
  @Field() at!: Date;
}

@AvroRecord({ namespace: 'com.shop' })
class Line {
  @Field() sku!: string;
  @Field('int') qty!: number;
  @Field(decimal(10, 2)) price!: string;
}

@AvroRecord({ namespace: 'com.shop' })
class PeerOrder {
  @Field('uuid') id!: string;
  @Field('date') day!: Date;
  @Field(() => [Line]) lines!: Line[];
  @Field(decimal(12, 2, { fixed: 'Amount' })) total!: string;
  @Field(() => Status) status!: Status;
  @Field(() => Priority) priority!: Priority;
  @Field('string', { nullable: true }) note!: string | null;
  @Field(() => [union(Placed, Shipped, Cancelled)]) events!: (Placed | Shipped | Cancelled)[];
  @Field(() => mapOf('long')) counters!: Record<string, number>;
  @Field(fixed('Digest', 4)) digest!: Uint8Array;
  @Field() raw!: Uint8Array;
  @Field('float') ratio!: number;
  @Field('int', { name: 'order_no' }) orderNo!: number;
  @Field(() => nullable(PeerOrder)) parent!: PeerOrder | null;
  @Field('timestamp-micros') micros!: number;
  @Field(duration()) wait!: { months: number; days: number; milliseconds: number };
}

const AT = new Date('2024-01-02T03:04:05.678Z');
const order = make(PeerOrder, {
  id: '123e4567-e89b-12d3-a456-426614174000', day: new Date(Date.UTC(2024, 1, 29)),
  lines: [make(Line, { sku: 'A-1', qty: 2, price: '1.50' })], total: '1234.56', status: Status.Paid, priority: Priority.High,
  note: 'fragile', events: [make(Placed, { at: AT }), make(Shipped, { at: AT, carrier: 'DHL' }), make(Cancelled, { at: AT })],
  counters: { views: 3 }, digest: Buffer.from('deadbeef', 'hex'), raw: Buffer.from([1, 2]), ratio: 0.5, orderNo: 7,
  parent: null, micros: 1_700_000_000_000_001, wait: { months: 1, days: 2, milliseconds: 3 },
});

/** The same order in the peer convention: logical types raw, union branches tagged by full name. */
const ms = AT.getTime();
const expected: PeerJson = {
  id: '123e4567-e89b-12d3-a456-426614174000', day: 19782,
  lines: [{ sku: 'A-1', qty: 2, price: '0096' }], total: '00000001e240', status: 'PAID', priority: 'High',
  note: { string: 'fragile' },
  events: [{ 'com.shop.events.Placed': { at: ms } }, { 'com.shop.events.Shipped': { at: ms, carrier: 'DHL' } }, { 'com.shop.events.Cancelled': { at: ms } }],
  counters: { views: 3 }, digest: 'deadbeef', raw: '0102', ratio: 0.5, order_no: 7, parent: null,
  micros: 1_700_000_000_000_001, wait: '010000000200000003000000',
};

function checkInstances(back: PeerOrder): void {
  expect(back).toBeInstanceOf(PeerOrder);
  expect(back).toEqual(order);
  expect(back.events.map((e) => e.constructor)).toEqual([Placed, Shipped, Cancelled]);
}

describeIfPeer(pythonAvro(), 'python3-avro reads and writes decorated classes', () => {
  it('reads what typeOf wrote, with schemaOf\'s schema, to the same values', async () => {
    const hex = toHex(typeOf(PeerOrder).toBuffer(order));
    const { datums } = await pythonPeer({ op: 'decode', schema: schemaOf(PeerOrder), hex: [hex] });
    expect(datums).toEqual([expected]);
  });

  it('converts the logical types to the same values with its own DatumReader', async () => {
    const hex = toHex(typeOf(PeerOrder).toBuffer(order));
    const reply = (await runPython('test/decorators/python/read_with_logical_types.py', { schema: schemaOf(PeerOrder), hex: [hex] })) as { datums: Record<string, unknown>[] };
    const d = reply.datums[0]!;
    expect(d['total']).toBe('1234.56');
    expect((d['lines'] as Record<string, unknown>[])[0]!['price']).toBe('1.50');
    expect(d['day']).toBe('2024-02-29');
    expect(d['id']).toBe('123e4567-e89b-12d3-a456-426614174000');
    expect((d['events'] as Record<string, unknown>[])[1]).toEqual({ at: '2024-01-02T03:04:05.678000+00:00', carrier: 'DHL' });
    expect(d['micros']).toBe('2023-11-14T22:13:20.000001+00:00');
  });

  it('writes what typeOf decodes into instances of the right classes', async () => {
    const { hex } = await pythonPeer({ op: 'encode', schema: schemaOf(PeerOrder), datums: [expected] });
    checkInstances(typeOf(PeerOrder).fromBuffer(fromHex(hex[0]!)));
  });
});

describeIfPeer(javaAvro(), 'Java avro reads and writes decorated classes', () => {
  it('reads what typeOf wrote to the same values, and writes what typeOf decodes into instances', async () => {
    const bytes = typeOf(PeerOrder).toBuffer(order);
    const { datums } = await javaPeer({ op: 'decode', schema: schemaOf(PeerOrder), hex: [toHex(bytes)] });
    expect(datums).toEqual([expected]);
    const { hex } = await javaPeer({ op: 'encode', schema: schemaOf(PeerOrder), datums: [expected] });
    expect(hex[0]).toBe(toHex(bytes));
    checkInstances(typeOf(PeerOrder).fromBuffer(fromHex(hex[0]!)));
  }, 120_000);
});

describe('the interop fixture', () => {
  it('round-trips in avrokit alone', () => {
    checkInstances(typeOf(PeerOrder).fromBuffer(typeOf(PeerOrder).toBuffer(order)));
  });
});
