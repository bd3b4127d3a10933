/**
 * TypeScript enums (string and numeric) as Avro enums, fixed, and every logical type of the
 * core: decimal (bytes and fixed) with precision and scale, big-decimal, uuid, date, time-*,
 * timestamp-*, local-timestamp-*, duration, and long modes.
 */
import { describe, expect, it } from 'vitest';
import {
  AvroRecord, Field, avroEnum, decimal, duration, enumOf, fixed, longOf, schemaOf, typeOf,
} from '../../decorators/index.js';
import { make, roundTrip } from './helpers.js';

enum Status { Active = 'ACTIVE', Closed = 'CLOSED' }
avroEnum(Status, 'com.shop.Status', { doc: 'Order status', default: Status.Active });

enum Priority { Low, Medium, High = 10 }
avroEnum(Priority, 'Priority');

enum Step { Todo = 'to-do', InProgress = 'in-progress' }
avroEnum(Step, 'Step');

const SUITS = ['SPADES', 'HEARTS'] as const;
avroEnum(SUITS, 'Suit');

@AvroRecord({ namespace: 'com.shop' })
class Ticket {
  @Field(() => Status) status!: Status;
  @Field(() => Priority) priority!: Priority;
  @Field(() => Step) step!: Step;
  @Field(() => SUITS) suit!: (typeof SUITS)[number];
  @Field(() => [Priority]) history!: Priority[];
  @Field(() => Status, { nullable: true }) previous!: Status | null;
  @Field(enumOf(['RED', 'GREEN'], 'Color')) color!: 'RED' | 'GREEN';
}

describe('enums', () => {
  it('uses string values as symbols, member names for numeric enums and for values that are not Avro names', () => {
    expect(schemaOf(Ticket)).toEqual({
      type: 'record', name: 'Ticket', namespace: 'com.shop',
      fields: [
        { name: 'status', type: { type: 'enum', name: 'Status', doc: 'Order status', symbols: ['ACTIVE', 'CLOSED'], default: 'ACTIVE' } },
        { name: 'priority', type: { type: 'enum', name: 'Priority', symbols: ['Low', 'Medium', 'High'], logicalType: 'ts-enum' } },
        { name: 'step', type: { type: 'enum', name: 'Step', symbols: ['Todo', 'InProgress'], logicalType: 'ts-enum' } },
        { name: 'suit', type: { type: 'enum', name: 'Suit', symbols: ['SPADES', 'HEARTS'] } },
        { name: 'history', type: { type: 'array', items: 'Priority' } },
        { name: 'previous', type: ['null', 'Status'] },
        { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] } },
      ],
    });
  });

  it('decodes each enum to its member values (numbers for numeric enums)', () => {
    const { back, bytes } = roundTrip(Ticket, make(Ticket, {
      status: Status.Closed, priority: Priority.High, step: Step.InProgress, suit: 'HEARTS',
      history: [Priority.Low, Priority.High], previous: Status.Active, color: 'GREEN',
    }));
    expect(back.priority).toBe(10);
    expect(back.step).toBe('in-progress');
    // On the wire: the symbol's index (High is index 2, zigzag 4).
    expect([...bytes.subarray(0, 3)]).toEqual([2, 4, 2]);
  });

  it('refuses a value that is not a member, naming the enum', () => {
    const t = typeOf(Ticket);
    expect(t.isValid(make(Ticket, { status: Status.Closed, priority: 3, step: Step.Todo, suit: 'SPADES', history: [], previous: null, color: 'RED' }))).toBe(false);
    expect(() => t.toBuffer(make(Ticket, { status: Status.Closed, priority: 3, step: Step.Todo, suit: 'SPADES', history: [], previous: null, color: 'RED' })))
      .toThrow(/Priority/);
  });
});

@AvroRecord()
class Logical {
  @Field(decimal(12, 2)) price!: string;
  @Field(decimal(20, 4, { fixed: 'Money' })) total!: string;
  @Field('big-decimal') exact!: string;
  @Field('uuid') id!: string;
  @Field('date') day!: Date;
  @Field('time-millis') timeMs!: number;
  @Field('time-micros') timeUs!: number;
  @Field('timestamp-millis') atMs!: Date;
  @Field('timestamp-micros') atUs!: number;
  @Field('timestamp-nanos') atNs!: bigint;
  @Field('local-timestamp-millis') localMs!: Date;
  @Field('local-timestamp-micros') localUs!: number;
  @Field('local-timestamp-nanos') localNs!: bigint;
  @Field(duration()) span!: { months: number; days: number; milliseconds: number };
  @Field('duration') span2!: { months: number; days: number; milliseconds: number };
  @Field(fixed('Hash', 4)) hash!: Uint8Array;
}

describe('logical types and fixed', () => {
  it('writes each logical type on its underlying type, decimal with precision and scale', () => {
    expect(schemaOf(Logical)).toEqual({
      type: 'record', name: 'Logical',
      fields: [
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
        { name: 'total', type: { type: 'fixed', name: 'Money', size: 9, logicalType: 'decimal', precision: 20, scale: 4 } },
        { name: 'exact', type: { type: 'bytes', logicalType: 'big-decimal' } },
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'timeMs', type: { type: 'int', logicalType: 'time-millis' } },
        { name: 'timeUs', type: { type: 'long', logicalType: 'time-micros' } },
        { name: 'atMs', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'atUs', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'atNs', type: { type: 'long', logicalType: 'timestamp-nanos' } },
        { name: 'localMs', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
        { name: 'localUs', type: { type: 'long', logicalType: 'local-timestamp-micros' } },
        { name: 'localNs', type: { type: 'long', logicalType: 'local-timestamp-nanos' } },
        { name: 'span', type: { type: 'fixed', name: 'Duration', size: 12, logicalType: 'duration' } },
        { name: 'span2', type: 'Duration' },
        { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 } },
      ],
    });
  });

  it('round-trips the JavaScript value of each', () => {
    roundTrip(Logical, make(Logical, {
      price: '-1234567890.12', total: '12345678901234.5678', exact: '3.14159', id: '123e4567-e89b-12d3-a456-426614174000',
      day: new Date(Date.UTC(2024, 1, 29)), timeMs: 13 * 3_600_000, timeUs: 86_399_999_999,
      atMs: new Date('2024-01-02T03:04:05.678Z'), atUs: 1_700_000_000_123_456, atNs: 1_700_000_000_123_456_789n,
      localMs: new Date(Date.UTC(2000, 0, 1, 12)), localUs: 1, localNs: -5n,
      span: { months: 1, days: 2, milliseconds: 3 }, span2: { months: 0, days: 0, milliseconds: 4294967295 },
      hash: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
    }));
  });

  it('refuses a decimal that needs rounding', () => {
    const bad = make(Logical, { price: '1.234' });
    expect(() => typeOf(Logical).toBuffer(bad)).toThrow(/price/);
  });
});

@AvroRecord()
class BigLongs {
  @Field(longOf('bigint')) id!: bigint;
  @Field('long') count!: bigint;
  @Field(() => [BigInt]) ids!: bigint[];
}

@AvroRecord()
class NumberLongs {
  @Field('long') count!: number;
  @Field(longOf('number')) other!: number;
}

describe('long modes', () => {
  it('reads longs as bigint when fields say bigint (BigInt, longOf, design:type), as numbers otherwise', () => {
    expect(schemaOf(BigLongs)).toEqual({
      type: 'record', name: 'BigLongs',
      fields: [{ name: 'id', type: 'long' }, { name: 'count', type: 'long' }, { name: 'ids', type: { type: 'array', items: 'long' } }],
    });
    expect(typeOf(BigLongs).context.longs).toBe('bigint');
    roundTrip(BigLongs, make(BigLongs, { id: -(2n ** 63n), count: 2n ** 63n - 1n, ids: [0n, 1n] }));
    expect(typeOf(NumberLongs).context.longs).toBe('number');
    roundTrip(NumberLongs, make(NumberLongs, { count: 2 ** 53 - 1, other: -1 }));
  });

  it('caches one Type per class and options', () => {
    expect(typeOf(NumberLongs)).toBe(typeOf(NumberLongs));
    expect(typeOf(NumberLongs, { codegen: false })).not.toBe(typeOf(NumberLongs));
  });
});
