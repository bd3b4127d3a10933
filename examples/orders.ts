/**
 * A shop's domain as decorated classes: customers, orders, line items, money as an exact
 * decimal, timestamps, an optional field and an order's history as a union of event classes.
 * The classes are the only schema there is; orders go to bytes and come back as instances
 * whose methods work, and a reader with a newer version of the class reads the old bytes.
 *
 *   node --import tsx examples/orders.ts      (after `npm run build`)
 *
 * Every field names its type: that works with every compiler (tsc, esbuild/tsx, swc) and with
 * both decorator standards, where `@Field()` inference needs tsc's emitDecoratorMetadata.
 */
import {
  AvroRecord, Field, Doc, avroEnum, decimal, nullable, schemaOf, typeOf, union,
} from 'avrokit/decorators';
import { fingerprint, parseSchema } from 'avrokit';

// Money is exact: decimal(12, 2) values are strings with exactly two fraction digits.
@AvroRecord({ namespace: 'com.example.shop' })
class Money {
  @Field(decimal(12, 2)) amount!: string;
  @Field('string', { default: 'EUR' }) currency!: string;

  static of(amount: string, currency = 'EUR'): Money {
    return Object.assign(new Money(), { amount, currency });
  }
  get cents(): bigint {
    return BigInt(this.amount.replace('.', ''));
  }
  times(n: number): Money {
    return Money.fromCents(this.cents * BigInt(n), this.currency);
  }
  static fromCents(cents: bigint, currency: string): Money {
    const sign = cents < 0n ? '-' : '';
    const abs = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
    return Money.of(`${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`, currency);
  }
  toString(): string {
    return `${this.amount} ${this.currency}`;
  }
}

enum Tier { Basic = 'BASIC', Gold = 'GOLD' }
avroEnum(Tier, 'Tier', { doc: 'Loyalty tier', default: Tier.Basic });

@AvroRecord({ namespace: 'com.example.shop' })
class Customer {
  @Field('uuid') id!: string;
  @Field('string') name!: string;
  @Field('string', { nullable: true, default: null, doc: 'Optional: not every customer gives one' })
  email!: string | null;
  @Field(() => Tier) tier!: Tier;
  @Field('timestamp-millis') since!: Date;
}

@AvroRecord({ namespace: 'com.example.shop' })
class LineItem {
  @Field('string') sku!: string;
  @Field('string') description!: string;
  @Field('int') quantity!: number;
  @Field(() => Money) unitPrice!: Money;

  get subtotal(): Money {
    return this.unitPrice.times(this.quantity);
  }
}

// An order's history: four event classes in one union. Two of them have the same fields,
// and still come back as their own class.
@AvroRecord({ namespace: 'com.example.shop.events' })
class OrderPlaced {
  @Field('timestamp-millis') at!: Date;
  describe(): string {
    return 'placed';
  }
}

@AvroRecord({ namespace: 'com.example.shop.events' })
class PaymentCaptured {
  @Field('timestamp-millis') at!: Date;
  @Field(() => Money) amount!: Money;
  @Field('string') provider!: string;
  describe(): string {
    return `paid ${this.amount} via ${this.provider}`;
  }
}

@AvroRecord({ namespace: 'com.example.shop.events' })
class OrderShipped {
  @Field('timestamp-millis') at!: Date;
  @Field('string') carrier!: string;
  describe(): string {
    return `shipped with ${this.carrier}`;
  }
}

@AvroRecord({ namespace: 'com.example.shop.events' })
class OrderDelivered {
  @Field('timestamp-millis') at!: Date;
  @Field('string') carrier!: string;
  describe(): string {
    return `delivered by ${this.carrier}`;
  }
}

type OrderEvent = OrderPlaced | PaymentCaptured | OrderShipped | OrderDelivered;

@Doc('A customer order with its line items and history')
@AvroRecord({ namespace: 'com.example.shop' })
class Order {
  @Field('uuid') id!: string;
  @Field(() => Customer) customer!: Customer;
  @Field(() => [LineItem]) items!: LineItem[];
  @Field('timestamp-millis') placedAt!: Date;
  @Field('string', { nullable: true, doc: 'Coupon code, if one was used' }) coupon!: string | null;
  @Field(() => [union(OrderPlaced, PaymentCaptured, OrderShipped, OrderDelivered)]) history!: OrderEvent[];

  get total(): Money {
    const currency = this.items[0]?.unitPrice.currency ?? 'EUR';
    return Money.fromCents(this.items.reduce((sum, i) => sum + i.subtotal.cents, 0n), currency);
  }
  get status(): string {
    return this.history.at(-1)?.describe() ?? 'new';
  }
}

// ---------------------------------------------------------------------------------------

const ada = Object.assign(new Customer(), {
  id: '0b6e9a3c-52f1-4a8e-9d7e-1f2a3b4c5d6e', name: 'Ada Lovelace', email: 'ada@example.com',
  tier: Tier.Gold, since: new Date('2021-03-04T05:06:07Z'),
});
const grace = Object.assign(new Customer(), {
  id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f', name: 'Grace Hopper', email: null,
  tier: Tier.Basic, since: new Date('2023-09-10T11:12:13Z'),
});
const item = (sku: string, description: string, quantity: number, price: string) =>
  Object.assign(new LineItem(), { sku, description, quantity, unitPrice: Money.of(price) });
const at = (iso: string) => new Date(iso);

const orders: Order[] = [
  Object.assign(new Order(), {
    id: 'a3f1c2d4-1111-4e5f-8a9b-0c1d2e3f4a5b', customer: ada, placedAt: at('2026-11-20T09:00:00Z'), coupon: 'WELCOME10',
    items: [item('BK-001', 'Notes on the Analytical Engine', 2, '19.99'), item('PN-042', 'Fountain pen', 1, '120.00')],
    history: [
      Object.assign(new OrderPlaced(), { at: at('2026-11-20T09:00:00Z') }),
      Object.assign(new PaymentCaptured(), { at: at('2026-11-20T09:01:30Z'), amount: Money.of('159.98'), provider: 'card' }),
      Object.assign(new OrderShipped(), { at: at('2026-11-21T14:00:00Z'), carrier: 'DHL' }),
      Object.assign(new OrderDelivered(), { at: at('2026-11-23T10:30:00Z'), carrier: 'DHL' }),
    ],
  }),
  Object.assign(new Order(), {
    id: 'b4e2d3c5-2222-4f6a-9b0c-1d2e3f4a5b6c', customer: grace, placedAt: at('2026-11-24T16:45:00Z'), coupon: null,
    items: [item('CB-007', 'COBOL pocket reference', 3, '7.50')],
    history: [Object.assign(new OrderPlaced(), { at: at('2026-11-24T16:45:00Z') })],
  }),
];

const OrderType = typeOf(Order);
const schema = schemaOf(Order);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
console.log(`Order schema: ${JSON.stringify(schema).length} characters of JSON, written by no one;`);
console.log(`  fingerprint (CRC-64-AVRO) ${hex(fingerprint(parseSchema(schema), 'rabin'))}`);
console.log(`  fields: ${(schema['fields'] as { name: string }[]).map((f) => f.name).join(', ')}`);
console.log();

for (const order of orders) {
  const bytes = OrderType.toBuffer(order);
  const back = OrderType.fromBuffer(bytes);
  console.log(`order ${back.id.slice(0, 8)} for ${back.customer.name} (${back.customer.tier}${back.customer.email ? `, ${back.customer.email}` : ', no email'})`);
  console.log(`  ${bytes.length} bytes as Avro, ${JSON.stringify(order).length} as JSON; an Order again: ${back instanceof Order}`);
  for (const i of back.items) console.log(`  ${String(i.quantity).padStart(2)} × ${i.description.padEnd(32)} ${i.unitPrice.amount.padStart(8)}  = ${i.subtotal}`);
  console.log(`  total ${back.total}${back.coupon ? ` (coupon ${back.coupon})` : ''}; placed ${back.placedAt.toISOString()}`);
  console.log(`  history: ${back.history.map((e) => `${e.constructor.name} (${e.describe()})`).join(' → ')}`);
  console.log(`  status: ${back.status}`);
  console.log();
}

// A newer version of the class: a field with a default. Old bytes still read, into the new class.
@AvroRecord({ name: 'Order', namespace: 'com.example.shop' })
class OrderV2 {
  @Field('uuid') id!: string;
  @Field(() => Customer) customer!: Customer;
  @Field(() => [LineItem]) items!: LineItem[];
  @Field('timestamp-millis') placedAt!: Date;
  @Field('string', { nullable: true }) coupon!: string | null;
  @Field(() => [union(OrderPlaced, PaymentCaptured, OrderShipped, OrderDelivered)]) history!: OrderEvent[];
  @Field('string', { default: 'web', doc: 'Sales channel (added in v2)' }) channel!: string;
}
const V2 = typeOf(OrderV2);
const old = OrderType.toBuffer(orders[1]!);
const upgraded = V2.fromBuffer(old, V2.createResolver(OrderType));
console.log(`v1 bytes read as ${upgraded.constructor.name}: channel = ${JSON.stringify(upgraded.channel)} (the default), ` +
  `customer: ${upgraded.customer.constructor.name}, first event: ${upgraded.history[0]!.constructor.name}`);
