/**
 * Legacy decorators with emitDecoratorMetadata: `@Field()` infers the Avro type from
 * `design:type` where TypeScript records it reliably.
 */
import { describe, expect, it } from 'vitest';
import { AvroRecord, Field, schemaOf, typeOf } from '../../decorators/index.js';
import { make, roundTrip } from './helpers.js';

@AvroRecord()
class Address {
  @Field() street!: string;
}

@AvroRecord()
class Inferred {
  @Field() text!: string;
  @Field() amount!: number;
  @Field() flag!: boolean;
  @Field() when!: Date;
  @Field() blob!: Uint8Array;
  @Field() home!: Address;
}

@AvroRecord()
class WithBigint {
  @Field() id!: bigint;
  @Field() also!: bigint;
}

@AvroRecord()
class WithBuffer {
  @Field() data!: Buffer;
}

describe('types inferred from design:type', () => {
  it('maps string, number (double), boolean, Date (timestamp-millis), Uint8Array (bytes) and a decorated class', () => {
    expect(schemaOf(Inferred)).toEqual({
      type: 'record',
      name: 'Inferred',
      fields: [
        { name: 'text', type: 'string' },
        { name: 'amount', type: 'double' },
        { name: 'flag', type: 'boolean' },
        { name: 'when', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'blob', type: 'bytes' },
        { name: 'home', type: { type: 'record', name: 'Address', fields: [{ name: 'street', type: 'string' }] } },
      ],
    });
  });

  it('round-trips the inferred types into instances, nested records included', () => {
    const v = make(Inferred, {
      text: 'héllo', amount: 0.1, flag: true, when: new Date('2024-05-06T07:08:09.010Z'),
      blob: Buffer.from([0, 1, 255]) /* bytes decode as Buffers on Node */, home: make(Address, { street: 'Main St' }),
    });
    const { back } = roundTrip(Inferred, v);
    expect(back.home).toBeInstanceOf(Address);
    expect(back.when).toBeInstanceOf(Date);
  });

  it('maps bigint to long and reads longs as bigint for that class', () => {
    expect(schemaOf(WithBigint)).toEqual({
      type: 'record', name: 'WithBigint', fields: [{ name: 'id', type: 'long' }, { name: 'also', type: 'long' }],
    });
    expect(typeOf(WithBigint).context.longs).toBe('bigint');
    roundTrip(WithBigint, make(WithBigint, { id: 2n ** 62n, also: -1n }));
  });

  it('maps Buffer to bytes', () => {
    expect(schemaOf(WithBuffer)).toEqual({ type: 'record', name: 'WithBuffer', fields: [{ name: 'data', type: 'bytes' }] });
    const back = typeOf(WithBuffer).fromBuffer(typeOf(WithBuffer).toBuffer(make(WithBuffer, { data: Buffer.from('hi') })));
    expect(Buffer.from(back.data).toString()).toBe('hi');
  });
});
