/**
 * Query filters: `where` objects (field → value, operators or predicate), lists of them (any
 * may match), or one predicate over the whole entity; compiled once per query into a test,
 * the fields it reads (so the rest need not be decoded), a test on partition values (so
 * directories that cannot match are not read) and, when the id is pinned, the ids concerned.
 */
import { RepositoryError } from './errors.js';
import type { EntityModel, IdKey } from './entity.js';

/** Comparison operators for one field; all given must hold. */
export interface Operators<V> {
  eq?: V | null;
  ne?: V | null;
  gt?: V;
  gte?: V;
  lt?: V;
  lte?: V;
  in?: readonly (V | null)[];
  notIn?: readonly (V | null)[];
  /** `true`: the field is null; `false`: it is not. */
  isNull?: boolean;
}

/** A condition on one field: a value (equality, deep for records, arrays and bytes), operators, or a predicate. */
export type FieldCondition<V> = V | null | Operators<NonNullable<V>> | ((value: V) => boolean);

/** Conditions on fields, all of which must hold. */
export type WhereFields<T> = { [K in keyof T]?: FieldCondition<T[K]> };

/** A filter: field conditions, a list of them (any may match), or a predicate on the entity. */
export type Where<T> = WhereFields<T> | readonly WhereFields<T>[] | ((entity: T) => boolean);

const OPERATORS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull']);

type Test = (v: unknown) => boolean;

/** A compiled filter. */
export interface CompiledWhere {
  /** The entity fields the test reads; undefined when it reads any (a predicate on the entity). */
  readonly fields: ReadonlySet<string> | undefined;
  readonly test: (entity: Record<string, unknown>) => boolean;
  /** False when no entity of a partition with these values can match. */
  readonly partition: (values: Readonly<Record<string, unknown>>) => boolean;
  /** The ids an entity must have to match, when the filter says (equality or `in` on the id field). */
  readonly ids: readonly IdKey[] | undefined;
  /** True when every entity matches. */
  readonly all: boolean;
}

const ALL: CompiledWhere = { fields: new Set(), test: () => true, partition: () => true, ids: undefined, all: true };

/** Compiles `where` for `model`; RepositoryError `config` for a field the entity does not have. */
export function compileWhere(where: unknown, model: EntityModel): CompiledWhere {
  if (where === undefined || where === null) return ALL;
  if (typeof where === 'function') {
    const f = where as (e: unknown) => unknown;
    return { fields: undefined, test: (e) => Boolean(f(e)), partition: () => true, ids: undefined, all: false };
  }
  const branches = Array.isArray(where) ? (where as unknown[]) : [where];
  if (branches.length === 0) return { fields: new Set(), test: () => false, partition: () => false, ids: [], all: false };
  const compiled = branches.map((b, i) => compileBranch(b, model, Array.isArray(where) ? `where[${i}]` : 'where'));
  if (compiled.length === 1) return compiled[0]!;
  const fields = new Set<string>();
  for (const c of compiled) for (const f of c.fields!) fields.add(f);
  const ids = compiled.every((c) => c.ids !== undefined) ? compiled.flatMap((c) => c.ids!) : undefined;
  return {
    fields,
    test: (e) => compiled.some((c) => c.test(e)),
    partition: (v) => compiled.some((c) => c.partition(v)),
    ids,
    all: compiled.some((c) => c.all),
  };
}

function compileBranch(where: unknown, model: EntityModel, at: string): CompiledWhere {
  if (typeof where !== 'object' || where === null) {
    throw new RepositoryError('config', `${at} must be an object of field conditions or a function, got ${String(where)}`);
  }
  const known = new Set(model.fieldNames());
  const partitionNames = new Set(model.partitions.map((p) => p.name));
  const tests: [string, Test][] = [];
  const partTests: [string, Test][] = [];
  let ids: IdKey[] | undefined;
  for (const [name, cond] of Object.entries(where)) {
    if (cond === undefined) continue;
    if (!known.has(name)) {
      throw new RepositoryError('config', `${at}.${name}: ${model.record.name} has no field "${name}" (fields: ${[...known].join(', ')})`);
    }
    const test = compileCondition(cond, `${at}.${name}`);
    (partitionNames.has(name) ? partTests : tests).push([name, test]);
    if (name === model.idField) ids = pinnedIds(cond);
  }
  const all = tests.length === 0 && partTests.length === 0;
  const every = [...tests, ...partTests];
  return {
    fields: new Set(every.map(([n]) => n)),
    test: (e) => {
      for (const [n, t] of every) if (!t(e[n])) return false;
      return true;
    },
    partition: (v) => {
      for (const [n, t] of partTests) if (!t(v[n])) return false;
      return true;
    },
    ids,
    all,
  };
}

function isOperators(v: unknown): v is Operators<unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof Date) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => OPERATORS.has(k));
}

function compileCondition(cond: unknown, at: string): Test {
  if (typeof cond === 'function') {
    const f = cond as (v: unknown) => unknown;
    return (v) => Boolean(f(v));
  }
  if (!isOperators(cond)) return (v) => equalValues(v, cond);
  const parts: Test[] = [];
  for (const [op, arg] of Object.entries(cond)) {
    if (arg === undefined) continue;
    parts.push(operatorTest(op, arg, `${at}.${op}`));
  }
  return (v) => {
    for (const t of parts) if (!t(v)) return false;
    return true;
  };
}

function operatorTest(op: string, arg: unknown, at: string): Test {
  switch (op) {
    case 'eq':
      return (v) => equalValues(v, arg);
    case 'ne':
      return (v) => !equalValues(v, arg);
    case 'gt':
      return (v) => compare(v, arg) > 0;
    case 'gte':
      return (v) => compare(v, arg) >= 0;
    case 'lt':
      return (v) => compare(v, arg) < 0;
    case 'lte':
      return (v) => compare(v, arg) <= 0;
    case 'in':
    case 'notIn': {
      if (!Array.isArray(arg)) throw new RepositoryError('config', `${at} takes a list of values`);
      const fast = arg.every((x) => x === null || typeof x !== 'object') ? new Set<unknown>(arg) : undefined;
      const has: Test = fast !== undefined ? (v) => fast.has(v ?? null) || looseHas(fast, v) : (v) => arg.some((x) => equalValues(v, x));
      return op === 'in' ? has : (v) => !has(v);
    }
    case 'isNull':
      return arg ? (v) => v === null || v === undefined : (v) => v !== null && v !== undefined;
    default:
      throw new RepositoryError('config', `${at}: unknown operator`);
  }
}

/** A number and a bigint of the same value are equal (longs read as either). */
function looseHas(set: Set<unknown>, v: unknown): boolean {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) && set.has(Number(v));
  if (typeof v === 'number' && Number.isInteger(v)) return set.has(BigInt(v));
  return false;
}

function pinnedIds(cond: unknown): IdKey[] | undefined {
  const ok = (x: unknown): x is IdKey => typeof x === 'string' || typeof x === 'number' || typeof x === 'bigint';
  if (ok(cond)) return [cond];
  if (isOperators(cond)) {
    if (ok(cond.eq)) return [cond.eq];
    if (Array.isArray(cond.in) && cond.in.every(ok)) return [...(cond.in as IdKey[])];
  }
  return undefined;
}

/** Deep equality of decoded values: numbers and bigints by value, dates by time, bytes by content. */
export function equalValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    // eslint-disable-next-line eqeqeq -- a long may be read as a number or a bigint
    return a == b;
  }
  if (ta !== 'object' || tb !== 'object') return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => equalValues(x, b[i]));
  }
  if (a instanceof Map || b instanceof Map) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b as object, k) && equalValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Order of two values for range operators; NaN when they do not compare (then the test fails). */
export function compare(a: unknown, b: unknown): number {
  if (a === null || a === undefined || b === null || b === undefined) return NaN;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : (a as number) == (b as number) ? 0 : NaN;
  }
  if (ta === 'string' && tb === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (ta === 'boolean' && tb === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  }
  return NaN;
}
