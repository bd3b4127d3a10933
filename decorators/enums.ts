/**
 * TypeScript enums as Avro enums. An enum object has no name of its own at run time, so it is
 * named once with {@link avroEnum}; after that `@Field(() => Status)` (or `enumOf(Status)`)
 * finds it. Symbols are the member values when they are all valid Avro names (string enums
 * such as `Active = 'ACTIVE'`), else the member names (numeric enums; string enums with values
 * like `'in-progress'`), in which case the field's JavaScript value is still the member value
 * and the schema says so with `"logicalType": "ts-enum"` (ignored by other Avro readers, who
 * see the symbols).
 */
import { isValidName, isValidFullName } from '../src/index.js';
import { AvroDecoratorError } from './errors.js';

/** Options of {@link avroEnum}. */
/** A TypeScript enum object, or a list of symbols. */
export type EnumLike = Readonly<Record<string, string | number>> | readonly string[];

export interface AvroEnumOptions {
  /** Namespace, when the name is a short name. */
  readonly namespace?: string;
  readonly doc?: string;
  readonly aliases?: readonly string[];
  /** The member that readers use for symbols they do not know (schema resolution). */
  readonly default?: string | number;
  /** Force symbols from member names (`'keys'`) or member values (`'values'`, string enums only). */
  readonly symbols?: 'keys' | 'values';
  /** Extra schema attributes. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** The logical type that marks an enum whose JavaScript values are not its symbols. */
export const TS_ENUM_LOGICAL_TYPE = 'ts-enum';

/** An enum ready for the schema: its name, symbols and the value ↔ symbol maps. */
export interface EnumModel {
  readonly source: EnumLike;
  readonly name: string;
  readonly options: AvroEnumOptions;
  readonly symbols: readonly string[];
  /** Present when JavaScript values differ from symbols. */
  readonly toSymbol?: ReadonlyMap<string | number, string>;
  readonly fromSymbol?: ReadonlyMap<string, string | number>;
  readonly defaultSymbol?: string;
}

/** Enums named with avroEnum, keyed by the enum object (a cache keyed by identity, like classes). */
const named = new WeakMap<object, EnumModel>();

/**
 * Names a TypeScript enum (or a list of symbols) as an Avro enum, so that `@Field(() => E)`
 * can use it. Returns the enum unchanged, so it can wrap the declaration's export:
 * `avroEnum(Status, 'com.shop.Status')`. Naming one enum twice differently is an error.
 */
export function avroEnum<E extends EnumLike>(values: E, name: string, options: AvroEnumOptions = {}): E {
  const model = enumModel(values, name, options, `avroEnum(…, ${JSON.stringify(name)})`);
  const prior = named.get(values);
  if (prior !== undefined && (prior.name !== model.name || JSON.stringify(prior.options) !== JSON.stringify(options))) {
    throw new AvroDecoratorError(`enum ${name}`, undefined, `this enum was already named ${prior.name} with other options; name it once`);
  }
  named.set(values, model);
  return values;
}

/** The model of an enum named with avroEnum, if any. */
export function namedEnum(values: unknown): EnumModel | undefined {
  return typeof values === 'object' && values !== null ? named.get(values) : undefined;
}

/** Looks like a TypeScript enum object: a plain object whose values are strings or numbers. */
export function isEnumObject(v: unknown): v is Readonly<Record<string, string | number>> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  const entries = Object.entries(v);
  return entries.length > 0 && entries.every(([, x]) => typeof x === 'string' || typeof x === 'number');
}

/** A numeric enum's reverse entries (`E[0] === 'A'`) are keys that are canonical numbers. */
function memberEntries(e: Readonly<Record<string, string | number>>): [string, string | number][] {
  return Object.entries(e).filter(([k]) => !(k !== '' && String(Number(k)) === k));
}

/** Builds (and checks) the model of an enum; `where` prefixes error messages. */
export function enumModel(values: EnumLike, name: string, options: AvroEnumOptions, where: string): EnumModel {
  const fail = (msg: string): never => {
    throw new AvroDecoratorError(where, undefined, msg);
  };
  if (!isValidFullName(name)) fail(`${JSON.stringify(name)} is not a valid Avro name (letters, digits and _, dots between parts)`);
  let symbols: string[];
  let toSymbol: Map<string | number, string> | undefined;
  if (Array.isArray(values)) {
    symbols = [...(values as readonly string[])];
  } else if (isEnumObject(values)) {
    const members = memberEntries(values);
    const allValidValues = members.every(([, v]) => typeof v === 'string' && isValidName(v));
    const byValues = options.symbols === 'values' || (options.symbols === undefined && allValidValues);
    if (byValues && !allValidValues) fail('symbols: "values" needs string values that are valid Avro names');
    if (byValues) symbols = members.map(([, v]) => v as string);
    else {
      symbols = members.map(([k]) => k);
      toSymbol = new Map(members.map(([k, v]) => [v, k]));
    }
  } else {
    return fail('expected a TypeScript enum or an array of symbols');
  }
  const bad = symbols.find((s) => typeof s !== 'string' || !isValidName(s));
  if (bad !== undefined) fail(`symbol ${JSON.stringify(bad)} is not a valid Avro name; pass { symbols: 'keys' } or rename it`);
  const dup = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (dup !== undefined) fail(`symbol ${JSON.stringify(dup)} appears twice (enum members with equal values?)`);
  if (symbols.length === 0) fail('an Avro enum needs at least one symbol');
  let defaultSymbol: string | undefined;
  if (options.default !== undefined) {
    defaultSymbol = toSymbol ? toSymbol.get(options.default) : String(options.default);
    if (defaultSymbol === undefined || !symbols.includes(defaultSymbol)) {
      fail(`default ${JSON.stringify(options.default)} is not a member; use one of ${symbols.join(', ')}`);
    }
  }
  return {
    source: values, name, options, symbols,
    ...(toSymbol ? { toSymbol, fromSymbol: new Map([...toSymbol].map(([v, s]) => [s, v])) } : {}),
    ...(defaultSymbol !== undefined ? { defaultSymbol } : {}),
  };
}
