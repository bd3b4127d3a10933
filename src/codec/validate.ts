import type { CodecContext } from './context.js';
import type { RecordSchema, Schema, UnionSchema } from '../schema/model.js';
import { branchName, isNamed } from '../schema/model.js';
import { AvroTypeError } from '../schema/errors.js';
import { readField } from './js-value.js';
import { fieldDefault } from './field-defaults.js';

/** Called for each part of a value that does not fit: its path, the value and the schema. */
export type ErrorHook = (path: string[], value: unknown, schema: Schema) => void;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * True when `value` is a valid JavaScript value of `schema`. With a hook, reports every part
 * that does not fit (and keeps going); without one, stops at the first.
 */
export function isValidValue(schema: Schema, value: unknown, ctx: CodecContext, hook?: ErrorHook): boolean {
  return check(schema, value, ctx, hook, [], 0);
}

function check(s: Schema, v: unknown, ctx: CodecContext, hook: ErrorHook | undefined, path: string[], depth: number): boolean {
  if (depth > ctx.limits.maxDepth) {
    throw new AvroTypeError(`value nested deeper than maxDepth ${ctx.limits.maxDepth} (a cycle?)`, path.join('.'));
  }
  const logical = ctx.logical(s);
  if (logical !== undefined) {
    if (logical.isValid(v)) return true;
    hook?.(path.slice(), v, s);
    return false;
  }
  let ok: boolean;
  switch (s.kind) {
    case 'record': {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) {
        ok = false;
        break;
      }
      const rec = v as Record<string, unknown>;
      ok = true;
      for (const f of s.fields) {
        path.push(f.name);
        let fv = readField(rec, f.name);
        if (fv === undefined) fv = fieldDefault(f, ctx)?.value;
        const fieldOk = check(f.type, fv, ctx, hook, path, depth + 1);
        path.pop();
        if (!fieldOk) {
          if (!hook) return false;
          ok = false;
        }
      }
      return ok;
    }
    case 'array': {
      if (!Array.isArray(v)) {
        ok = false;
        break;
      }
      ok = true;
      for (let i = 0; i < v.length; i++) {
        path.push(String(i));
        const itemOk = check(s.items, v[i], ctx, hook, path, depth + 1);
        path.pop();
        if (!itemOk) {
          if (!hook) return false;
          ok = false;
        }
      }
      return ok;
    }
    case 'map': {
      if (!isMapLike(v)) {
        ok = false;
        break;
      }
      ok = true;
      for (const k of Object.keys(v)) {
        path.push(k);
        const valueOk = check(s.values, v[k], ctx, hook, path, depth + 1);
        path.pop();
        if (!valueOk) {
          if (!hook) return false;
          ok = false;
        }
      }
      return ok;
    }
    case 'union': {
      const i = selectBranch(s, v, ctx, depth);
      if (i >= 0) return true;
      ok = false;
      break;
    }
    default:
      ok = isValidLeaf(s, v);
  }
  if (!ok) hook?.(path.slice(), v, s);
  return ok;
}

/** Checks a value of a non-container schema (primitives, enum, fixed), logical types aside. */
export function isValidLeaf(s: Schema, v: unknown): boolean {
  switch (s.kind) {
    case 'null':
      return v === null || v === undefined;
    case 'boolean':
      return typeof v === 'boolean';
    case 'int':
      return typeof v === 'number' && (v | 0) === v;
    case 'long':
      // Both modes accept both forms on the way in; the mode decides what decoding returns.
      if (typeof v === 'number') return Number.isSafeInteger(v);
      return typeof v === 'bigint' && v >= LONG_MIN && v <= LONG_MAX;
    case 'float':
    case 'double':
      return typeof v === 'number';
    case 'string':
      return typeof v === 'string';
    case 'bytes':
      return v instanceof Uint8Array;
    case 'fixed':
      return v instanceof Uint8Array && v.length === s.size;
    case 'enum':
      return typeof v === 'string' && s.symbols.includes(v);
    default:
      return false;
  }
}

/** A plain object usable as an Avro map (not an array, bytes, a Date, a Map…). */
export function isMapLike(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Index of the union branch that `value` is written as, or -1 when none fits. Branches are
 * tried in order; a record whose class is registered for a branch picks that branch first,
 * so two records of the same shape are told apart. A number goes to the first numeric branch
 * that holds it exactly (`["float", "double"]` keeps 0.1 as a double).
 */
export function selectBranch(u: UnionSchema, v: unknown, ctx: CodecContext, depth = 0): number {
  const branches = u.branches;
  if (typeof v === 'object' && v !== null && ctx.constructors.size > 0) {
    for (let i = 0; i < branches.length; i++) {
      const b = branches[i]!;
      if (b.kind === 'record') {
        const ctor = ctx.constructorOf(b);
        if (ctor !== undefined && v instanceof ctor) return i;
      }
    }
  }
  for (let i = 0; i < branches.length; i++) {
    const b = branches[i]!;
    if (ctx.logical(b) !== undefined) {
      if (check(b, v, ctx, undefined, [], depth + 1)) return i;
      continue;
    }
    switch (b.kind) {
      case 'float':
        if (typeof v === 'number' && (Math.fround(v) === v || v !== v)) return i;
        // A float branch also takes numbers it would round, when no later branch is exact.
        if (typeof v === 'number' && !laterExactNumber(branches, i, v)) return i;
        break;
      case 'int':
        if (typeof v === 'number' && (v | 0) === v) return i;
        break;
      case 'record':
        if ((!objectsAmbiguous(u) || recordMatches(b, v)) && check(b, v, ctx, undefined, [], depth + 1)) return i;
        break;
      case 'map':
        if (check(b, v, ctx, undefined, [], depth + 1)) return i;
        break;
      case 'array':
        if (Array.isArray(v) && check(b, v, ctx, undefined, [], depth + 1)) return i;
        break;
      default:
        if (isValidLeaf(b, v)) return i;
    }
  }
  return -1;
}

const ambiguity = new WeakMap<UnionSchema, boolean>();

/** True when more than one branch (records, maps) could hold a plain object. */
export function objectsAmbiguous(u: UnionSchema): boolean {
  let a = ambiguity.get(u);
  if (a === undefined) {
    a = u.branches.filter((b) => b.kind === 'record' || b.kind === 'map').length > 1;
    ambiguity.set(u, a);
  }
  return a;
}

/**
 * When several branches could hold an object (see {@link objectsAmbiguous}), a plain object
 * only matches a record branch when it has no keys the record lacks,
 * so `{a: 1, b: 2}` is not written as record `{a}` (losing `b`) when a map branch could hold it.
 * Class instances match structurally: their classes may carry extra state.
 */
function recordMatches(rec: RecordSchema, v: unknown): boolean {
  if (!isMapLike(v)) return typeof v === 'object' && v !== null && !Array.isArray(v);
  for (const k of Object.keys(v)) if (!rec.fields.some((f) => f.name === k)) return false;
  return true;
}

function laterExactNumber(branches: readonly Schema[], from: number, v: number): boolean {
  for (let j = from + 1; j < branches.length; j++) {
    const k = branches[j]!.kind;
    if (k === 'double') return true;
    if ((k === 'int' && (v | 0) === v) || (k === 'long' && Number.isSafeInteger(v))) return true;
  }
  return false;
}

export { describeSchema } from './describe.js';
