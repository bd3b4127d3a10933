/**
 * Class graphs: recursive classes (a tree, a linked list, two classes that refer to each
 * other), inheritance (parent fields first, abstract parents), classes in different
 * namespaces referring to each other, and what decoded instances are.
 */
import { describe, expect, it } from 'vitest';
import { AvroRecord, Field, nullable, schemaOf, typeOf, union } from '../../decorators/index.js';
import { make, roundTrip } from './helpers.js';

@AvroRecord()
class TreeNode {
  @Field('int') value!: number;
  @Field(() => [TreeNode]) children!: TreeNode[];
  sum(): number {
    return this.value + this.children.reduce((s, c) => s + c.sum(), 0);
  }
}

@AvroRecord()
class ListNode {
  @Field() label!: string;
  // design:type of `ListNode | null` is Object, so the type is written out.
  @Field(() => nullable(ListNode)) next!: ListNode | null;
}

@AvroRecord()
class Person {
  @Field() name!: string;
  @Field(() => nullable(Company)) employer!: Company | null;
}

@AvroRecord()
class Company {
  @Field() name!: string;
  @Field(() => [Person]) staff!: Person[];
}

describe('recursive classes', () => {
  it('writes a self-referencing class once and refers to it by name', () => {
    expect(schemaOf(TreeNode)).toEqual({
      type: 'record', name: 'TreeNode',
      fields: [{ name: 'value', type: 'int' }, { name: 'children', type: { type: 'array', items: 'TreeNode' } }],
    });
    expect(schemaOf(ListNode)).toEqual({
      type: 'record', name: 'ListNode', fields: [{ name: 'label', type: 'string' }, { name: 'next', type: ['null', 'ListNode'] }],
    });
  });

  it('round-trips a tree and a linked list into instances at every level', () => {
    const leaf = (v: number) => make(TreeNode, { value: v, children: [] });
    const { back } = roundTrip(TreeNode, make(TreeNode, { value: 1, children: [leaf(2), make(TreeNode, { value: 3, children: [leaf(4)] })] }));
    expect(back.sum()).toBe(10);
    expect(back.children[1]!.children[0]).toBeInstanceOf(TreeNode);
    const list = make(ListNode, { label: 'a', next: make(ListNode, { label: 'b', next: make(ListNode, { label: 'c', next: null }) }) });
    expect(roundTrip(ListNode, list).back.next!.next).toBeInstanceOf(ListNode);
  });

  it('handles two classes that refer to each other, from either side', () => {
    expect(schemaOf(Person)).toEqual({
      type: 'record', name: 'Person',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'employer', type: ['null', { type: 'record', name: 'Company', fields: [{ name: 'name', type: 'string' }, { name: 'staff', type: { type: 'array', items: 'Person' } }] }] },
      ],
    });
    expect(schemaOf(Company)).toEqual({
      type: 'record', name: 'Company',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'staff', type: { type: 'array', items: { type: 'record', name: 'Person', fields: [{ name: 'name', type: 'string' }, { name: 'employer', type: ['null', 'Company'] }] } } },
      ],
    });
    const c = make(Company, { name: 'ACME', staff: [make(Person, { name: 'Ada', employer: make(Company, { name: 'Sub', staff: [] }) })] });
    expect(roundTrip(Company, c).back.staff[0]!.employer).toBeInstanceOf(Company);
  });
});

abstract class Entity {
  @Field() id!: string;
  @Field() createdAt!: Date;
  abstract kind(): string;
}

@AvroRecord()
class Invoice extends Entity {
  @Field('int') number!: number;
  kind(): string {
    return `invoice ${this.number}`;
  }
}

@AvroRecord()
class Receipt extends Entity {
  @Field() method!: string;
  kind(): string {
    return `receipt by ${this.method}`;
  }
}

@AvroRecord()
class Ledger {
  @Field(() => [union(Invoice, Receipt)]) documents!: Entity[];
}

describe('inheritance', () => {
  it('puts an (abstract) parent\'s fields before the subclass\'s', () => {
    expect(schemaOf(Invoice)).toEqual({
      type: 'record', name: 'Invoice',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'createdAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'number', type: 'int' },
      ],
    });
  });

  it('decodes a union of subclasses into the right subclass, so overridden methods work', () => {
    const at = new Date(0);
    const { back } = roundTrip(Ledger, make(Ledger, {
      documents: [make(Invoice, { id: 'i', createdAt: at, number: 7 }), make(Receipt, { id: 'r', createdAt: at, method: 'card' })],
    }));
    expect(back.documents.map((d) => d.kind())).toEqual(['invoice 7', 'receipt by card']);
  });

  it('refuses a union that lists a subclass after its parent, which would hide the subclass', () => {
    @AvroRecord()
    class Animal {
      @Field() name!: string;
    }
    @AvroRecord()
    class Bird extends Animal {
      @Field() wings!: boolean;
    }
    @AvroRecord()
    class Zoo {
      @Field(() => union(Animal, Bird)) star!: Animal;
    }
    expect(() => schemaOf(Zoo)).toThrow('Zoo.star: union branch Bird extends Animal but comes after it, so Bird instances would be written as Animal; list Bird first');
  });
});

@AvroRecord({ namespace: 'com.shop.billing' })
class Payment {
  @Field() amount!: string;
  @Field(() => nullable(Shipment)) shipment!: Shipment | null;
}

@AvroRecord({ namespace: 'com.shop.shipping' })
class Shipment {
  @Field() carrier!: string;
  @Field(() => [Payment]) payments!: Payment[];
}

describe('namespaces', () => {
  it('writes each class in its own namespace and refers across namespaces by full name', () => {
    expect(schemaOf(Payment)).toEqual({
      type: 'record', name: 'Payment', namespace: 'com.shop.billing',
      fields: [
        { name: 'amount', type: 'string' },
        {
          name: 'shipment',
          type: ['null', {
            type: 'record', name: 'Shipment', namespace: 'com.shop.shipping',
            fields: [{ name: 'carrier', type: 'string' }, { name: 'payments', type: { type: 'array', items: 'com.shop.billing.Payment' } }],
          }],
        },
      ],
    });
    const p = make(Payment, { amount: '1', shipment: make(Shipment, { carrier: 'DHL', payments: [make(Payment, { amount: '2', shipment: null })] }) });
    expect(roundTrip(Payment, p).back.shipment!.payments[0]).toBeInstanceOf(Payment);
    expect(typeOf(Payment).schema()).toMatchObject({ name: 'com.shop.billing.Payment' });
  });
});

@AvroRecord()
class Note {
  @Field() text!: string;
}

@AvroRecord({ namespace: 'com.shop.crm' })
class Contact {
  @Field(() => Note) first!: Note;
  @Field(() => [Note]) more!: Note[];
}

describe('classes without a namespace', () => {
  it('take the namespace of the record that first uses them, as nested definitions do', () => {
    expect(schemaOf(Contact)).toEqual({
      type: 'record', name: 'Contact', namespace: 'com.shop.crm',
      fields: [
        { name: 'first', type: { type: 'record', name: 'Note', fields: [{ name: 'text', type: 'string' }] } },
        { name: 'more', type: { type: 'array', items: 'Note' } },
      ],
    });
    expect([...typeOf(Contact).context.constructors.keys()]).toEqual(['com.shop.crm.Contact', 'com.shop.crm.Note']);
    expect(roundTrip(Contact, make(Contact, { first: make(Note, { text: 'a' }), more: [make(Note, { text: 'b' })] })).back.more[0]).toBeInstanceOf(Note);
    expect(schemaOf(Note)).toEqual({ type: 'record', name: 'Note', fields: [{ name: 'text', type: 'string' }] });
  });

  it('refuse a reference from a namespace to a type that ended up in the null namespace', () => {
    @AvroRecord({ namespace: 'com.x' })
    class Inner {
      @Field(() => Note) note!: Note;
    }
    @AvroRecord()
    class Outer {
      @Field(() => Note) note!: Note;
      @Field(() => Inner) inner!: Inner;
    }
    expect(() => schemaOf(Outer)).toThrow('Inner.note: Note is in the null namespace (it was first used where there is none) and a schema cannot refer to it from namespace com.x; give Note a namespace');
  });
});

@AvroRecord()
class Counter {
  static constructed = 0;
  @Field('int') count = 0;
  constructor() {
    Counter.constructed++;
  }
  get double(): number {
    return this.count * 2;
  }
  increment(): this {
    this.count++;
    return this;
  }
}

describe('decoded instances', () => {
  it('have the class prototype, so methods and getters work, and the constructor is not run', () => {
    const bytes = typeOf(Counter).toBuffer(new Counter().increment().increment());
    const before = Counter.constructed;
    const back = typeOf(Counter).fromBuffer(bytes);
    expect(Counter.constructed).toBe(before);
    expect(back).toBeInstanceOf(Counter);
    expect(back.double).toBe(4);
    expect(back.increment().count).toBe(3);
  });

  it('are written from instances or from plain objects of the right shape', () => {
    expect(typeOf(Counter).toBuffer({ count: 2 })).toEqual(typeOf(Counter).toBuffer(new Counter().increment().increment()));
    expect(typeOf(Counter).isValid({ count: 'two' })).toBe(false);
  });
});
