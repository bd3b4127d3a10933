/**
 * Record and field options: names, namespaces, docs, aliases, field order, defaults (checked
 * against the type), sort order, extra attributes, ignored properties, renamed fields and
 * custom conversions. A schema snapshot and a round trip for each.
 */
import { describe, expect, it } from 'vitest';
import {
  Alias, AvroRecord, Default, Doc, Field, Ignore, Meta, avroEnum, decimal, schemaOf, typeOf,
} from '../../decorators/index.js';
import type { Conversion } from '../../decorators/index.js';
import { make, roundTrip } from './helpers.js';

@Doc('A customer of the shop')
@Alias('com.old.Client')
@Meta({ 'x-owner': 'sales' })
@AvroRecord({ name: 'Customer', namespace: 'com.shop.v2' })
class CustomerRecord {
  @Field({ doc: 'Primary key', aliases: ['key'], order: 'descending' }) id!: string;
  @Doc('Shown on invoices') @Alias('fullName', 'name') @Field() displayName!: string;
  @Meta({ 'x-pii': true }) @Field('string') email!: string;
  @Field({ type: 'int', order: 'ignore' }) visits!: number;
}

@AvroRecord({ name: 'com.acme.Thing', error: true, fieldOrder: ['b', 'a'] })
class ThingError {
  @Field() a!: string;
  @Field() c!: string;
  @Field() b!: string;
}

describe('record and field options', () => {
  it('writes name, namespace, doc, aliases and extra attributes of the record and of fields', () => {
    expect(schemaOf(CustomerRecord)).toEqual({
      type: 'record', name: 'Customer', namespace: 'com.shop.v2', doc: 'A customer of the shop', aliases: ['com.old.Client'],
      fields: [
        { name: 'id', type: 'string', doc: 'Primary key', order: 'descending', aliases: ['key'] },
        { name: 'displayName', type: 'string', doc: 'Shown on invoices', aliases: ['fullName', 'name'] },
        { name: 'email', type: 'string', 'x-pii': true },
        { name: 'visits', type: 'int', order: 'ignore' },
      ],
      'x-owner': 'sales',
    });
    roundTrip(CustomerRecord, make(CustomerRecord, { id: 'c1', displayName: 'Ada', email: 'ada@example.com', visits: 3 }));
  });

  it('takes a full name, writes an error record and orders fields as fieldOrder says', () => {
    expect(schemaOf(ThingError)).toEqual({
      type: 'error', name: 'Thing', namespace: 'com.acme',
      fields: [{ name: 'b', type: 'string' }, { name: 'a', type: 'string' }, { name: 'c', type: 'string' }],
    });
    roundTrip(ThingError, make(ThingError, { a: 'A', b: 'B', c: 'C' }));
  });
});

enum Level { Low, High }
avroEnum(Level, 'Level');

@AvroRecord()
class Point {
  @Field('int') x!: number;
  @Field('int') y!: number;
}

@AvroRecord()
class Defaults {
  @Field({ type: 'int', default: 42 }) answer!: number;
  @Default('n/a') @Field() label!: string;
  @Field({ default: true }) on!: boolean;
  @Field({ type: 'double', default: Number.NaN }) ratio!: number;
  @Field({ type: 'bytes', default: new Uint8Array([0, 255]) }) raw!: Uint8Array;
  @Field({ type: decimal(6, 2), default: '12.30' }) price!: string;
  @Field({ default: new Date(1000) }) at!: Date;
  @Field({ type: () => Level, default: Level.High }) level!: Level;
  @Field({ type: () => Point, default: { x: 1, y: 2 } }) origin!: Point;
  @Field({ type: () => [Point], default: [] }) path!: Point[];
  @Field({ type: 'long', default: 9007199254740991n }) big!: bigint;
  @Field({ type: 'string', nullable: true, default: 'x' }) maybe!: string | null;
}

describe('defaults', () => {
  it('converts JavaScript defaults to the JSON the spec wants (bytes as code points, logical values as raw)', () => {
    expect(schemaOf(Defaults).fields).toEqual([
      { name: 'answer', type: 'int', default: 42 },
      { name: 'label', type: 'string', default: 'n/a' },
      { name: 'on', type: 'boolean', default: true },
      { name: 'ratio', type: 'double', default: 'NaN' },
      { name: 'raw', type: 'bytes', default: '\u0000\u00ff' },
      { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 }, default: '\u0004\u00ce' },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, default: 1000 },
      { name: 'level', type: { type: 'enum', name: 'Level', symbols: ['Low', 'High'], logicalType: 'ts-enum' }, default: 'High' },
      { name: 'origin', type: { type: 'record', name: 'Point', fields: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }] }, default: { x: 1, y: 2 } },
      { name: 'path', type: { type: 'array', items: 'Point' }, default: [] },
      { name: 'big', type: 'long', default: 9007199254740991 },
      { name: 'maybe', type: ['string', 'null'], default: 'x' },
    ]);
  });

  it('fills a missing field from its default when reading old data', () => {
    @AvroRecord({ name: 'Evolving' })
    class V1 {
      @Field() id!: string;
    }
    @AvroRecord({ name: 'Evolving' })
    class V2 {
      @Field() id!: string;
      @Field({ type: () => Level, default: Level.High }) level!: Level;
      @Field({ default: new Date(1000) }) at!: Date;
      total(): string {
        return `${this.id}:${this.level}`;
      }
    }
    const old = typeOf(V1).toBuffer(make(V1, { id: 'a' }));
    const resolver = typeOf(V2).createResolver(typeOf(V1));
    const back = typeOf(V2).fromBuffer(old, resolver);
    expect(back).toBeInstanceOf(V2);
    expect(back.level).toBe(Level.High);
    expect(back.at).toEqual(new Date(1000));
    expect(back.total()).toBe('a:1');
  });
});

@AvroRecord()
class Renamed {
  @Field({ name: 'order_id' }) orderId!: string;
  @Field('int', { name: 'line_count' }) lineCount!: number;
  note?: string;
  get summary(): string {
    return `${this.orderId}/${this.lineCount}`;
  }
}

@AvroRecord()
class Base {
  @Field() id!: string;
  @Field() secret!: string;
}

@AvroRecord()
class Derived extends Base {
  @Ignore() declare secret: string;
  @Field() extra!: string;
}

describe('renamed and ignored properties', () => {
  it('writes the Avro name and decodes into the property of the class', () => {
    expect(schemaOf(Renamed)).toEqual({
      type: 'record', name: 'Renamed', fields: [{ name: 'order_id', type: 'string' }, { name: 'line_count', type: 'int' }],
    });
    const r = make(Renamed, { orderId: 'o-1', lineCount: 3 });
    const back = typeOf(Renamed).fromBuffer(typeOf(Renamed).toBuffer(r));
    expect(back).toBeInstanceOf(Renamed);
    expect(back.orderId).toBe('o-1');
    expect(back.summary).toBe('o-1/3');
    expect(Object.keys(back)).toEqual(['orderId', 'lineCount']);
    // Plain objects use the Avro names.
    expect(typeOf(Renamed).fromBuffer(typeOf(Renamed).toBuffer({ order_id: 'p', line_count: 1 })).orderId).toBe('p');
  });

  it('leaves out undecorated properties and @Ignore()d inherited ones', () => {
    expect(schemaOf(Derived)).toEqual({
      type: 'record', name: 'Derived', fields: [{ name: 'id', type: 'string' }, { name: 'extra', type: 'string' }],
    });
    roundTrip(Derived, make(Derived, { id: '1', extra: 'e' }));
  });
});

const urlConversion: Conversion<URL, string> = {
  logicalType: 'url',
  fromAvro: (s) => new URL(s),
  toAvro: (u) => u.href,
  isValid: (v) => v instanceof URL,
};

class Money {
  constructor(readonly amount: string, readonly currency = 'EUR') {}
}
const moneyConversion: Conversion<Money, string> = {
  fromAvro: (s) => new Money(s),
  toAvro: (m) => m.amount,
};

@AvroRecord()
class Converted {
  @Field({ type: 'string', conversion: urlConversion }) home!: URL;
  @Field({ type: 'string', conversion: urlConversion, nullable: true }) backup!: URL | null;
  @Field({ type: decimal(10, 2), conversion: moneyConversion, default: new Money('0.00') }) price!: Money;
}

describe('custom conversions', () => {
  it('writes a plain type with the conversion\'s logical type, and keeps a logical type the conversion builds on', () => {
    expect(schemaOf(Converted)).toEqual({
      type: 'record', name: 'Converted',
      fields: [
        { name: 'home', type: { type: 'string', logicalType: 'url' } },
        { name: 'backup', type: ['null', { type: 'string', logicalType: 'url' }] },
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 }, default: '\u0000' },
      ],
    });
  });

  it('decodes through the conversion (over the decimal text for a decimal)', () => {
    const v = make(Converted, { home: new URL('https://example.com/a'), backup: null, price: new Money('12.50') });
    const { back } = roundTrip(Converted, v);
    expect(back.home).toBeInstanceOf(URL);
    expect(back.price).toBeInstanceOf(Money);
    expect(back.price.amount).toBe('12.50');
    expect(typeOf(Converted).isValid(make(Converted, { home: 'https://x', backup: null, price: new Money('1') }))).toBe(false);
  });
});
