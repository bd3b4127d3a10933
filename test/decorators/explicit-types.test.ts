/**
 * Explicit field types: Avro names, classes behind thunks, arrays, maps, nested arrays,
 * nullable fields and unions. One schema snapshot and one round trip per feature.
 */
import { describe, expect, it } from 'vitest';
import { AvroRecord, Field, Nullable, Union, mapOf, nullable, schemaOf, typeOf, union } from '../../decorators/index.js';
import { make, roundTrip } from './helpers.js';

@AvroRecord()
class Primitives {
  @Field('null') nothing!: null;
  @Field('boolean') yes!: boolean;
  @Field('int') small!: number;
  @Field('long') large!: number;
  @Field('float') single!: number;
  @Field('double') dbl!: number;
  @Field('bytes') raw!: Uint8Array;
  @Field('string') text!: string;
}

@AvroRecord()
class Tag {
  @Field() label!: string;
}

@AvroRecord()
class Containers {
  @Field(() => [Tag]) tags!: Tag[];
  @Field(() => mapOf(Tag)) byName!: Record<string, Tag>;
  @Field(() => [['int']]) grid!: number[][];
  @Field(() => mapOf([String])) lists!: Record<string, string[]>;
  @Field(() => [String]) names!: string[];
}

@AvroRecord()
class Optional {
  @Field({ type: 'string', nullable: true }) a!: string | null;
  @Field('int', { nullable: true, default: null }) b!: number | null;
  @Field('int', { nullable: true, default: 7 }) c!: number | null;
  @Nullable() @Field(() => Tag) d!: Tag | null;
  @Field(() => nullable([Tag])) e!: Tag[] | null;
}

@AvroRecord()
class Cat {
  @Field() name!: string;
  speak(): string {
    return `${this.name} says meow`;
  }
}

@AvroRecord()
class Dog {
  @Field() name!: string;
  speak(): string {
    return `${this.name} says woof`;
  }
}

@AvroRecord()
class Home {
  @Field(() => union(Cat, Dog)) pet!: Cat | Dog;
  @Union(() => [Cat, Dog, 'null']) other!: Cat | Dog | null;
  @Field(() => union('string', 'int')) code!: string | number;
  @Field(() => [union(Cat, Dog)]) all!: (Cat | Dog)[];
  @Field(() => union(Cat, Dog), { nullable: true }) maybe!: Cat | Dog | null;
}

const catJson = { type: 'record', name: 'Cat', fields: [{ name: 'name', type: 'string' }] };
const dogJson = { type: 'record', name: 'Dog', fields: [{ name: 'name', type: 'string' }] };

describe('explicit Avro type names', () => {
  it('writes each primitive by name', () => {
    expect(schemaOf(Primitives)).toEqual({
      type: 'record', name: 'Primitives',
      fields: ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'].map((t, i) => ({
        name: ['nothing', 'yes', 'small', 'large', 'single', 'dbl', 'raw', 'text'][i], type: t,
      })),
    });
  });

  it('round-trips every primitive', () => {
    roundTrip(Primitives, make(Primitives, {
      nothing: null, yes: false, small: -2147483648, large: 2 ** 53 - 1, single: 1.5, dbl: Math.PI, raw: Buffer.from([1, 2]), text: '',
    }));
  });
});

describe('arrays and maps through thunks', () => {
  it('writes arrays of classes, maps of classes, nested arrays and maps of arrays, the class defined once', () => {
    expect(schemaOf(Containers)).toEqual({
      type: 'record', name: 'Containers',
      fields: [
        { name: 'tags', type: { type: 'array', items: { type: 'record', name: 'Tag', fields: [{ name: 'label', type: 'string' }] } } },
        { name: 'byName', type: { type: 'map', values: 'Tag' } },
        { name: 'grid', type: { type: 'array', items: { type: 'array', items: 'int' } } },
        { name: 'lists', type: { type: 'map', values: { type: 'array', items: 'string' } } },
        { name: 'names', type: { type: 'array', items: 'string' } },
      ],
    });
  });

  it('decodes array items and map values into instances', () => {
    const { back } = roundTrip(Containers, make(Containers, {
      tags: [make(Tag, { label: 'a' }), make(Tag, { label: 'b' })],
      byName: { x: make(Tag, { label: 'x' }) },
      grid: [[1, 2], [], [3]],
      lists: { k: ['v', 'w'] },
      names: ['n'],
    }));
    expect(back.tags[1]).toBeInstanceOf(Tag);
    expect(back.byName['x']).toBeInstanceOf(Tag);
  });
});

describe('nullable fields', () => {
  it('writes ["null", T], with the default\'s branch first when the default is not null', () => {
    expect(schemaOf(Optional)).toEqual({
      type: 'record', name: 'Optional',
      fields: [
        { name: 'a', type: ['null', 'string'] },
        { name: 'b', type: ['null', 'int'], default: null },
        { name: 'c', type: ['int', 'null'], default: 7 },
        { name: 'd', type: ['null', { type: 'record', name: 'Tag', fields: [{ name: 'label', type: 'string' }] }] },
        { name: 'e', type: ['null', { type: 'array', items: 'Tag' }] },
      ],
    });
  });

  it('round-trips null and non-null values', () => {
    roundTrip(Optional, make(Optional, { a: null, b: null, c: null, d: null, e: null }));
    roundTrip(Optional, make(Optional, { a: 'x', b: 1, c: 2, d: make(Tag, { label: 't' }), e: [make(Tag, { label: 'u' })] }));
  });
});

describe('unions', () => {
  it('writes unions of classes and types, flattening a null branch into the union', () => {
    expect(schemaOf(Home)).toEqual({
      type: 'record', name: 'Home',
      fields: [
        { name: 'pet', type: [catJson, dogJson] },
        { name: 'other', type: ['Cat', 'Dog', 'null'] },
        { name: 'code', type: ['string', 'int'] },
        { name: 'all', type: { type: 'array', items: ['Cat', 'Dog'] } },
        { name: 'maybe', type: ['null', 'Cat', 'Dog'] },
      ],
    });
  });

  it('tells records of the same shape apart by class, both ways', () => {
    const home = make(Home, {
      pet: make(Dog, { name: 'Rex' }), other: make(Cat, { name: 'Tom' }), code: 3,
      all: [make(Cat, { name: 'a' }), make(Dog, { name: 'b' }), make(Cat, { name: 'c' })], maybe: null,
    });
    const { back, bytes } = roundTrip(Home, home);
    expect(back.pet).toBeInstanceOf(Dog);
    expect(back.pet.speak()).toBe('Rex says woof');
    expect(back.other).toBeInstanceOf(Cat);
    expect(back.all.map((p) => p.constructor.name)).toEqual(['Cat', 'Dog', 'Cat']);
    // The union index on the wire is the Dog branch (1), right after the field's start.
    expect(bytes[0]).toBe(2);
  });

  it('writes a plain object of a union of same-shaped records as the first branch that fits', () => {
    const back = typeOf(Home).fromBuffer(typeOf(Home).toBuffer({ pet: { name: 'p' }, other: null, code: 'c', all: [], maybe: null }));
    expect(back.pet).toBeInstanceOf(Cat);
  });
});
