/**
 * Mistakes surface at decoration (legacy decorators check the class at `@AvroRecord`) or at
 * first use, as AvroDecoratorError naming the class and property and showing the fix.
 */
import { describe, expect, it } from 'vitest';
import {
  AvroDecoratorError, AvroRecord, Field, avroEnum, enumOf, longOf, schemaOf, typeOf, union,
} from '../../decorators/index.js';

/** The error `fn` throws (failing when it throws none). */
function errorOf(fn: () => unknown): AvroDecoratorError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AvroDecoratorError);
    return e as AvroDecoratorError;
  }
  throw new Error('expected an AvroDecoratorError');
}

class LineItem {}

describe('types that cannot be inferred, at decoration', () => {
  it('an array: shows the thunk to write', () => {
    const e = errorOf(() => {
      @AvroRecord()
      class Order {
        @Field() items!: LineItem[];
      }
      return Order;
    });
    expect(e.message).toBe("Order.items: cannot infer the type of an array's items; write @Field(() => [Item]) (e.g. [String], [LineItem], [[\"int\"]])");
    expect(e.className).toBe('Order');
    expect(e.property).toBe('items');
  });

  it('a union or nullable type (design:type Object)', () => {
    const e = errorOf(() => {
      @AvroRecord()
      class Order {
        @Field() note!: string | null;
      }
      return Order;
    });
    expect(e.message).toMatch(/^Order\.note: cannot infer the type: TypeScript records Object for unions \(T \| null\).*@Field\('string', \{ nullable: true \}\)/);
  });

  it('a Map', () => {
    const e = errorOf(() => {
      @AvroRecord()
      class Order {
        @Field() tags!: Map<string, string>;
      }
      return Order;
    });
    expect(e.message).toMatch(/^Order\.tags: a Map is not an Avro map.*@Field\(\(\) => mapOf\(V\)\)/);
  });
});

describe('cycles without a thunk', () => {
  it('a class that is not defined yet where the decorator runs (design:type undefined)', () => {
    const e = errorOf(() => {
      @AvroRecord()
      class Order {
        // What TypeScript leaves when the type is a class not yet initialized (an import cycle).
        @Field() @Reflect.metadata('design:type', undefined) customer!: object;
      }
      return Order;
    });
    expect(e.message).toMatch(/^Order\.customer: no type information: .*a class not yet defined \(a cycle\); write the type: @Field\('string'\), or behind a thunk: @Field\(\(\) => Address\)$/);
  });

  it('@Field(B) while B is still undefined', () => {
    const notYet = undefined as unknown as typeof LineItem;
    const e = errorOf(() => {
      @AvroRecord()
      class Order {
        @Field(notYet) item!: LineItem;
      }
      return Order;
    });
    expect(e.message).toBe('Order.item: @Field(undefined): the type is undefined (a class used before it is defined, e.g. in an import cycle?); write it behind a thunk: @Field(() => MyClass)');
  });
});

describe('class graphs, at first use', () => {
  it('a class without decorators used as a field type', () => {
    @AvroRecord()
    class Order {
      @Field(() => LineItem) item!: LineItem;
    }
    expect(errorOf(() => schemaOf(Order)).message).toBe('Order.item: LineItem is not a record class: decorate it with @AvroRecord() and its properties with @Field()');
  });

  it('a thunk that runs before its class is declared (a cycle across modules, or declaration order)', () => {
    const e = errorOf(() => {
      @AvroRecord()
      class A {
        @Field(() => B) b!: unknown;
      }
      schemaOf(A);
      @AvroRecord()
      class B {
        @Field() x!: string;
      }
      return B;
    });
    expect(e.message).toMatch(/^A\.b: the type thunk threw: .*B.*\(a class used before its declaration has run\?\)$/);
  });

  it('two properties with one Avro name', () => {
    const e = errorOf(() => {
      @AvroRecord()
      class Order {
        @Field() id!: string;
        @Field({ name: 'id' }) key!: string;
      }
      return Order;
    });
    expect(e.message).toBe("Order.key: field name \"id\" is also used by Order.id; rename one with @Field({ name: '…' })");
  });

  it('two classes with one full name', () => {
    const make = () => {
      @AvroRecord({ namespace: 'com.shop' })
      class Item {
        @Field() a!: string;
      }
      return Item;
    };
    const First = make();
    const Second = make();
    @AvroRecord({ namespace: 'com.shop' })
    class Cart {
      @Field(() => First) first!: unknown;
      @Field(() => Second) second!: unknown;
    }
    expect(errorOf(() => schemaOf(Cart)).message).toBe('Cart.second: class Item and class Item both define com.shop.Item; give one another name (or namespace)');
  });

  it('a default that does not fit the type', () => {
    @AvroRecord()
    class Order {
      @Field({ type: 'int', default: 'none' }) qty!: number;
    }
    expect(errorOf(() => schemaOf(Order)).message).toMatch(/^Order\.qty: the default "none" does not fit the field's type: /);
    @AvroRecord()
    class Other {
      @Field({ type: 'string', default: null }) note!: string;
    }
    expect(errorOf(() => schemaOf(Other)).message).toMatch(/make the field nullable: \{ nullable: true, default: null \}\)$/);
    @AvroRecord()
    class Third {
      @Field(() => union('string', 'int'), { default: 3 }) code!: string | number;
    }
    expect(errorOf(() => schemaOf(Third)).message).toMatch(/^Third\.code: the default 3 does not fit .*\(a union's default belongs to its first branch, here string: list the default's branch first\)$/);
  });

  it('fields declared bigint and number in one graph', () => {
    @AvroRecord()
    class Mixed {
      @Field() id!: bigint;
      @Field('long') count!: number;
    }
    expect(errorOf(() => typeOf(Mixed)).message).toBe(
      "Mixed: Mixed.id is declared bigint, but Mixed.count is declared number: one Type reads every long one way. Declare it as bigint (longOf('bigint')), or use 'int'/'double' where a long is not needed",
    );
    @AvroRecord()
    class Big {
      @Field(longOf('bigint')) id!: bigint;
    }
    expect(errorOf(() => typeOf(Big, { longs: 'number' })).message).toMatch(/^Big: typeOf was asked for longs: 'number', but Big\.id is declared bigint/);
  });

  it('an enum without a name', () => {
    enum Color { Red, Blue }
    @AvroRecord()
    class Paint {
      @Field(() => Color) color!: Color;
    }
    expect(errorOf(() => schemaOf(Paint)).message).toBe("Paint.color: this enum has no Avro name: name it once with avroEnum(MyEnum, 'MyEnum') (or write enumOf(MyEnum, 'MyEnum'))");
    @AvroRecord()
    class Paint2 {
      @Field(enumOf(Color)) color!: Color;
    }
    expect(errorOf(() => schemaOf(Paint2)).message).toMatch(/enumOf\(E\) needs a name the first time/);
  });

  it('a conversion on a plain type without a logical type name', () => {
    @AvroRecord()
    class Link {
      @Field({ type: 'string', conversion: { fromAvro: (s: string) => new URL(s), toAvro: (u: URL) => u.href } }) href!: URL;
    }
    expect(errorOf(() => schemaOf(Link)).message).toBe(
      "Link.href: a conversion on a plain \"string\" needs a logicalType name to write in the schema: { logicalType: 'my-type', fromAvro, toAvro }",
    );
  });
});

describe('decorator arguments', () => {
  it('an unknown option, and a schema object passed as options', () => {
    expect(errorOf(() => {
      @AvroRecord()
      class A {
        @Field({ tpye: 'int' } as never) x!: number;
      }
      return A;
    }).message).toMatch(/^A\.x: @Field: unknown option "tpye" \(known: type, name/);
    expect(errorOf(() => {
      @AvroRecord()
      class A {
        @Field({ name: 'x', size: 16 } as never) x!: Uint8Array;
      }
      return A;
    }).message).toBe('A.x: @Field: unknown option "size"; this looks like an Avro schema: write @Field({ type: { … } })');
  });

  it('an invalid record name, field name or type name', () => {
    expect(errorOf(() => {
      @AvroRecord({ name: 'my-record' })
      class A {}
      return A;
    }).message).toMatch(/^A: the class name "my-record" is not a valid Avro name/);
    expect(errorOf(() => {
      @AvroRecord()
      class A {
        @Field({ name: '1st' }) first!: string;
      }
      return A;
    }).message).toMatch(/^A\.first: "1st" is not a valid Avro field name/);
    @AvroRecord()
    class B {
      @Field('integer') n!: number;
    }
    expect(errorOf(() => schemaOf(B)).message).toBe('B.n: "integer" names no type defined before this field; refer to the class or enum itself (() => integer) instead of its name');
    @AvroRecord()
    class C {
      @Field('decimal') n!: string;
    }
    expect(errorOf(() => schemaOf(C)).message).toBe('C.n: decimal needs a precision and a scale: write @Field(decimal(12, 2))');
  });

  it('a JS array of two types (an array takes one item type)', () => {
    @AvroRecord()
    class A {
      @Field(['int', 'string'] as never) x!: unknown;
    }
    expect(errorOf(() => schemaOf(A)).message).toMatch(/^A\.x: \[int, string\]: a JS array in a field type is an Avro array of its one item type; for a union write union\(A, B\)/);
  });

  it('conflicting types from two decorators', () => {
    expect(errorOf(() => {
      @AvroRecord()
      class A {
        @Field('int') @Field('long') x!: number;
      }
      return A;
    }).message).toBe('A.x: @Field and @Field give different types; keep one');
  });

  it('a static property, a method, a getter without setter', () => {
    expect(() => {
      class A {
        @Field() static x: string;
      }
      return A;
    }).toThrow('A.x: @Field on a static property: only instance properties are fields');
    expect(() => {
      class A {
        @(Field() as MethodDecorator) run(): void {}
      }
      return A;
    }).toThrow('A.run: @Field goes on a property, not on a method');
    expect(errorOf(() => {
      @AvroRecord()
      class A {
        @Field('string') get x(): string {
          return '';
        }
      }
      return A;
    }).message).toBe('A.x: a getter without a setter cannot be decoded into; add a setter, or leave the property out with @Ignore()');
  });

  it('naming an enum twice differently', () => {
    enum E { A = 'A' }
    avroEnum(E, 'E1');
    expect(() => avroEnum(E, 'E2')).toThrow('enum E2: this enum was already named E1 with other options; name it once');
    expect(() => avroEnum(['a-b'], 'Bad')).toThrow('symbol "a-b" is not a valid Avro name');
  });
});
