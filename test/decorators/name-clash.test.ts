/**
 * Field names that clash with what every object has (`__proto__`, `constructor`, `toString`,
 * `toJSON`): they round-trip as data and never reach a prototype, and a rename that would
 * shadow a member of the class is refused.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AvroRecord, Field, typeOf } from '../../decorators/index.js';
import type { RecordType } from '../../decorators/index.js';
import { make } from './helpers.js';

@AvroRecord()
class Clash {
  @Field('string') __proto__!: string;
  @Field('string') toJSON!: string;
  @Field('string') valueOf2!: string;
  @Field('string', { name: 'hasOwnProperty_' }) own!: string;
}

describe('name clashes', () => {
  it('keeps a field named __proto__ as an own property, never as the prototype', () => {
    const t = typeOf(Clash);
    const v = make(Clash, { toJSON: 'j', valueOf2: 'v', own: 'o' });
    Object.defineProperty(v, '__proto__', { value: 'p', enumerable: true, writable: true, configurable: true });
    for (const type of [t, typeOf(Clash, { codegen: false })]) {
      const back = type.fromBuffer(type.toBuffer(v));
      expect(Object.getPrototypeOf(back)).toBe(Clash.prototype);
      expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toBe('p');
      expect(back.toJSON).toBe('j');
      expect(back.own).toBe('o');
    }
  });

  it('refuses an Avro name that would shadow a member of the class or of Object', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'describe']) {
      @AvroRecord({ name: `Shadow_${name.replace(/_/g, '')}` })
      class Shadow {
        @Field('string', { name }) value!: string;
        describe(): string {
          return this.value;
        }
      }
      expect(() => typeOf(Shadow)).toThrow(`Shadow.value: its Avro name "${name}" is already a member of the class (or of Object); choose another name`);
    }
  });

  it('types what typeOf decodes as the class', () => {
    expectTypeOf(typeOf(Clash)).toEqualTypeOf<RecordType<Clash>>();
    expectTypeOf<ReturnType<RecordType<Clash>['fromBuffer']>>().toEqualTypeOf<Clash>();
  });
});
