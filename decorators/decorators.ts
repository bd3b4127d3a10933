/**
 * The decorators. Each works under both standards: legacy (`experimentalDecorators`, with
 * `emitDecoratorMetadata` for type inference) and TC39 standard decorators (TypeScript 5+
 * without the flag; no type information, so field types are written out).
 */
import { forgetModel, classModel } from './model.js';
import { isClassDecoratorCall, recordClassPartial, recordFieldPartial } from './metadata.js';
import type { FieldPartial } from './metadata.js';
import type { FieldOptions, RecordOptions } from './options.js';
import { namedEnum } from './enums.js';
import { specNodeOf, union } from './spec.js';
import type { AnyClass, TypeInput, TypeSpec } from './spec.js';
import { AvroDecoratorError } from './errors.js';

/** A property decorator for either standard (fields, accessors, and setter/getter pairs). */
export interface AvroPropertyDecorator {
  (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor): void;
  <This, V>(value: undefined, context: ClassFieldDecoratorContext<This, V>): void;
  <This, V>(value: ClassAccessorDecoratorTarget<This, V>, context: ClassAccessorDecoratorContext<This, V>): void;
  <This, V>(value: (this: This) => V, context: ClassGetterDecoratorContext<This, V>): void;
  <This, V>(value: (this: This, v: V) => void, context: ClassSetterDecoratorContext<This, V>): void;
}

type Constructor = abstract new (...args: any) => any;

/** A class decorator for either standard. */
export interface AvroClassDecorator {
  <C extends Constructor>(target: C): void;
  <C extends Constructor>(target: C, context: ClassDecoratorContext<C>): void;
}

/** A decorator that goes on a class or on a property. */
export type AvroClassOrPropertyDecorator = AvroClassDecorator & AvroPropertyDecorator;

function onProperty(partial: FieldPartial): AvroPropertyDecorator {
  return ((...args: unknown[]) => recordFieldPartial(args, partial)) as AvroPropertyDecorator;
}

function onClass(decorator: string, options: RecordOptions, validate: boolean): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const cls = recordClassPartial(args, { decorator, options });
    forgetModel(cls);
    // Checking now puts mistakes at the class's definition, not at its first use.
    if (validate) classModel(cls as AnyClass);
  };
}

function onEither(decorator: string, cls: RecordOptions, field: FieldOptions): AvroClassOrPropertyDecorator {
  const c = onClass(decorator, cls, false);
  const p = onProperty({ decorator, options: field });
  return ((...args: unknown[]) => (isClassDecoratorCall(args) ? c(...args) : p(...(args as [object, string])))) as AvroClassOrPropertyDecorator;
}

/**
 * Makes a class an Avro record. Its name is the class name unless `options.name` says
 * otherwise; its fields are its properties decorated with `@Field` (or class-transformer's
 * `@Type`/`@Expose`), its parents' first. Checks the class at once.
 */
export function AvroRecord(options: RecordOptions = {}): AvroClassDecorator {
  return onClass('@AvroRecord', options, true) as AvroClassDecorator;
}

/** Schema-only keys: an object with one of these is a schema, not options. */
const SCHEMA_KEYS = ['size', 'symbols', 'items', 'values', 'fields', 'logicalType', 'precision', 'scale', 'namespace'];

function isOptionsObject(v: unknown): v is FieldOptions {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || specNodeOf(v) !== undefined || namedEnum(v) !== undefined) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  // An unnamed enum passed directly reads as options; the unknown-option error says what to do.
  return !('type' in v && Object.keys(v).some((k) => SCHEMA_KEYS.includes(k)));
}

/**
 * Makes a property a field. `@Field()` infers the type from the declared type (legacy
 * decorators: string, number as double, boolean, bigint as long, Date as timestamp-millis,
 * Uint8Array as bytes, a decorated class); `@Field('int')`, `@Field(() => Address)`,
 * `@Field(() => [LineItem])`, `@Field(decimal(12, 2))` give it; `@Field({ type, ...options })`
 * or `@Field(type, options)` add options (name, doc, aliases, default, order, nullable, meta,
 * conversion).
 */
export function Field(): AvroPropertyDecorator;
export function Field(type: TypeInput, options?: Omit<FieldOptions, 'type'>): AvroPropertyDecorator;
export function Field(options: FieldOptions): AvroPropertyDecorator;
export function Field(...args: [(TypeInput | FieldOptions)?, Omit<FieldOptions, 'type'>?]): AvroPropertyDecorator {
  const [a, b] = args;
  if (args.length > 0 && (a === undefined || a === null)) {
    // `@Field(B)` where B is not initialized yet: an import cycle, or a class declared later.
    return onProperty({ decorator: '@Field', problem: `@Field(${String(a)}): the type is ${String(a)} (a class used before it is defined, e.g. in an import cycle?); write it behind a thunk: @Field(() => MyClass)` });
  }
  if (a === undefined) return onProperty({ decorator: '@Field', ...(b ? { options: b } : {}) });
  if (b === undefined && isOptionsObject(a)) return onProperty({ decorator: '@Field', options: a });
  return onProperty({ decorator: '@Field', type: a as TypeInput, ...(b ? { options: b } : {}) });
}

/** Leaves a property out of the record (an inherited field, or one class-transformer exposes). */
export function Ignore(): AvroPropertyDecorator {
  return onProperty({ decorator: '@Ignore', ignore: true });
}

/** Documentation of a record or a field (the schema's `doc`). */
export function Doc(text: string): AvroClassOrPropertyDecorator {
  return onEither('@Doc', { doc: text }, { doc: text });
}

/** Former names of a record or a field, so that readers resolve data written before a rename. */
export function Alias(...names: string[]): AvroClassOrPropertyDecorator {
  return onEither('@Alias', { aliases: names }, { aliases: names });
}

/** Extra schema attributes of a record or a field. */
export function Meta(attributes: Readonly<Record<string, unknown>>): AvroClassOrPropertyDecorator {
  return onEither('@Meta', { meta: attributes }, { meta: attributes });
}

/** The field's default, as a JavaScript value of the field (checked against its type). */
export function Default(value: unknown): AvroPropertyDecorator {
  return onProperty({ decorator: '@Default', options: { default: value } });
}

/** The field may be `null`: `["null", T]`. */
export function Nullable(): AvroPropertyDecorator {
  return onProperty({ decorator: '@Nullable', options: { nullable: true } });
}

/** The field is a union of these branches (classes are told apart by `instanceof`). */
export function Union(branches: () => readonly TypeSpec[]): AvroPropertyDecorator {
  if (typeof branches !== 'function') {
    throw new AvroDecoratorError('@Union', undefined, 'takes a thunk: @Union(() => [Cat, Dog])');
  }
  return onProperty({ decorator: '@Union', type: () => union(...branches()) });
}
