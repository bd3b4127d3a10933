/**
 * `avrokit/decorators`: TypeScript classes as Avro records. Decorate a class with
 * `@AvroRecord` and its properties with `@Field`; `schemaOf(Class)` gives its schema and
 * `typeOf(Class)` a compiled `Type` that decodes straight into instances of the class.
 * Works with legacy (`experimentalDecorators`) and TC39 standard decorators; see
 * docs/decorators.md.
 *
 * Importing this module installs `reflect-metadata` and a `Symbol.metadata` polyfill (both
 * standard), which decorated classes need to exist before they are defined.
 */
import './polyfill.js';

export { AvroRecord, Field, Ignore, Doc, Alias, Meta, Default, Nullable, Union } from './decorators.js';
export type { AvroPropertyDecorator, AvroClassDecorator, AvroClassOrPropertyDecorator } from './decorators.js';
export { schemaOf, typeOf, recordClassesOf } from './schema-of.js';
export type { TypeOfOptions, RecordType } from './schema-of.js';
export { arrayOf, mapOf, union, nullable, longOf, enumOf, decimal, fixed, duration } from './spec.js';
export type {
  AnyClass, EnumLike, AvroPrimitiveName, LogicalTypeName, SchemaObject, TypeSpec, TypeInput, TypeSpecNode, DecimalOptions,
} from './spec.js';
export { avroEnum, TS_ENUM_LOGICAL_TYPE } from './enums.js';
export type { AvroEnumOptions } from './enums.js';
export type { FieldOptions, RecordOptions, Conversion } from './options.js';
export { AvroDecoratorError } from './errors.js';
