/**
 * `schemaOf(Class)` and `typeOf(Class)`: the two ways out of the decorators. Both are
 * computed once per class and cached in WeakMaps keyed by the class.
 */
import { AvroSchemaError, Type, parseSchema } from '../src/index.js';
import type { ByteReader, DecodeLimits, LogicalTypeDefinition, LongMode, Resolver } from '../src/index.js';
import { buildSchema } from './build.js';
import type { BuiltSchema } from './build.js';
import { fillDefaults } from './defaults.js';
import { conversionTypes, longMode } from './engine.js';
import { AvroDecoratorError, className } from './errors.js';
import { installRenames } from './renames.js';
import type { AnyClass } from './spec.js';

const built = new WeakMap<AnyClass, BuiltSchema>();
const types = new WeakMap<AnyClass, Map<string, Type>>();
const defaultTypes = new WeakMap<AnyClass, Type>();

function builtOf(cls: AnyClass): BuiltSchema {
  let b = built.get(cls);
  if (b === undefined) {
    if (typeof cls !== 'function') throw new TypeError(`schemaOf/typeOf take a class, not ${typeof cls}`);
    b = buildSchema(cls);
    fillDefaults(b);
    try {
      parseSchema(b.json);
    } catch (e) {
      if (!(e instanceof AvroSchemaError)) throw e;
      throw new AvroDecoratorError(className(cls), undefined, `the schema made from the class is invalid at ${e.path || 'its root'}: ${e.message}`, { cause: e });
    }
    deepFreeze(b.json);
    built.set(cls, b);
  }
  return b;
}

/**
 * The Avro schema of a decorated class, as a plain (frozen) JSON object: the record, with
 * every class, enum and fixed it refers to defined where first used.
 */
export function schemaOf(cls: AnyClass): Readonly<Record<string, unknown>> {
  return builtOf(cls).json;
}

/** The record classes of a class graph by full name: the `constructors` option of `Type.forSchema`. */
export function recordClassesOf(cls: AnyClass): ReadonlyMap<string, AnyClass> {
  return builtOf(cls).classes;
}

/** Options of {@link typeOf}. */
export interface TypeOfOptions {
  /**
   * How longs read: by default `'bigint'` when a field is declared `bigint` (or `BigInt`,
   * `longOf('bigint')`), else `'number'`. Fields declared the other way are an error.
   */
  readonly longs?: LongMode;
  /** Generated code (default) or the interpreted codec. */
  readonly codegen?: boolean;
  readonly limits?: Partial<DecodeLimits>;
  /** Extra logical types (not cached: each call compiles a new Type). */
  readonly logicalTypes?: Readonly<Record<string, LogicalTypeDefinition>>;
}

/** A `Type` of a record class: decoding gives instances of `T`. */
export interface RecordType<T> extends Type<T> {
  /** Takes instances, and plain objects of the same shape (with Avro field names). */
  toBuffer(value: T | object): Uint8Array;
  encode(value: T | object, buf: Uint8Array, offset?: number): number;
}

/**
 * The compiled `Type` of a decorated class: `fromBuffer` returns real instances (the class's
 * prototype, its constructor not run), union branches of classes are chosen by `instanceof`,
 * and conversions, enums and renamed fields apply. Compiled once per class and options.
 */
export function typeOf<T extends object>(cls: abstract new (...args: never[]) => T, options?: TypeOfOptions): RecordType<T> {
  if (options === undefined) {
    // The common call, often in a hot path: one WeakMap lookup.
    const hit = defaultTypes.get(cls);
    if (hit !== undefined) return hit as RecordType<T>;
    const type = typeOf(cls, {});
    defaultTypes.set(cls, type);
    return type;
  }
  const key = options.logicalTypes === undefined ? JSON.stringify([options.longs, options.codegen, options.limits]) : undefined;
  const cache = types.get(cls);
  const hit = key !== undefined ? cache?.get(key) : undefined;
  if (hit !== undefined) return hit as RecordType<T>;
  const b = builtOf(cls);
  const root = parseSchema(b.json);
  const longs = longMode(b, className(cls), options.longs);
  installRenames(b.renames);
  const type = Type.fromNode(root, {
    constructors: b.classes,
    logicalTypes: { ...conversionTypes(b, root), ...options.logicalTypes },
    longs,
    ...(options.codegen !== undefined ? { codegen: options.codegen } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
  });
  if (key !== undefined) {
    if (cache === undefined) types.set(cls, new Map([[key, type]]));
    else cache.set(key, type);
  }
  return type as RecordType<T>;
}

function deepFreeze(v: unknown): void {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}
