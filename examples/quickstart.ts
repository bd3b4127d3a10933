/**
 * The README's demo: a decorated class becomes an Avro schema, values become bytes and come
 * back as instances of the class; then the same bytes are read by an evolved class.
 *
 *   npm run demo
 */
import { AvroRecord, Field, nullable, schemaOf, typeOf } from 'avrokit/decorators';
import { Type, checkCompatibility } from 'avrokit';

@AvroRecord({ namespace: 'shop' })
class Customer {
  @Field() name!: string;
  @Field('int') age!: number;
  @Field(() => nullable('string')) email!: string | null;
  @Field() joined!: Date; // a Date is a timestamp-millis

  greet(): string {
    return `Hello, ${this.name}!`;
  }
}

const CustomerType = typeOf(Customer);
console.log('schema:', JSON.stringify(schemaOf(Customer)));

const ann = Object.assign(new Customer(), { name: 'Ann', age: 42, email: null, joined: new Date('2026-11-25T12:00:00Z') });
const bytes = CustomerType.toBuffer(ann);
console.log(`encoded ${bytes.length} bytes (JSON would take ${JSON.stringify(ann).length}):`, Buffer.from(bytes).toString('hex'));

const back = CustomerType.fromBuffer(bytes);
console.log('decoded an instance of Customer:', back instanceof Customer, '-', back.greet());
console.log('Avro JSON encoding:', CustomerType.toString(back));

// The class evolves: a field with a default is added. Old bytes still read, through a resolver.
const v2 = Type.forSchema({
  type: 'record',
  name: 'shop.Customer',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'long' }, // int -> long is a promotion
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'joined', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tier', type: 'string', default: 'basic' },
  ],
});
const report = checkCompatibility(v2, CustomerType);
console.log('v2 can read v1 data:', report.compatible);
console.log('read with v2:', v2.fromBuffer(bytes, v2.createResolver(CustomerType)));
