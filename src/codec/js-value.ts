import { AvroTypeError } from '../schema/errors.js';
import type { RecordSchema, Schema } from '../schema/model.js';
import type { LongMode } from '../logical/logical-type.js';
import type { CodecContext } from './context.js';
import { describeSchema } from './describe.js';

/**
 * The codec's JavaScript value conventions, shared by the interpreted value walkers (JSON,
 * defaults, clone, compare, random): how a record is created and its fields read, how a long
 * looks after decoding, and how a location inside a value is written in error messages.
 */

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * A location inside a value, one formatted segment per level: a field name (`price`), an array
 * index (`[2]`) or a map key (`["k"]`). Built with push/pop while walking; formatted only when
 * an error is thrown.
 */
export type ValuePath = string[];

export function indexSegment(i: number): string {
  return `[${i}]`;
}

export function keySegment(k: string): string {
  return `[${JSON.stringify(k)}]`;
}

/** `items[2].price` style text of a path. */
export function formatValuePath(path: readonly string[]): string {
  let out = '';
  for (const p of path) out += p.startsWith('[') || out === '' ? p : `.${p}`;
  return out;
}

/** An empty record value: an instance of the registered class (constructor not run) or `{}`. */
export function newRecord(rec: RecordSchema, ctx: CodecContext): Record<string, unknown> {
  const ctor = ctx.constructorOf(rec);
  return (ctor === undefined ? {} : Object.create(ctor.prototype)) as Record<string, unknown>;
}

/**
 * Reads field `name` of a record value. Own properties and properties inherited from a class
 * (getters) count; those inherited from `Object.prototype` (`toString`, `constructor`,
 * `__proto__`, …) do not, so a missing field named like them reads as `undefined`.
 */
export function readField(rec: object, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(rec, name)) return (rec as Record<string, unknown>)[name];
  if (Object.prototype.hasOwnProperty.call(Object.prototype, name)) {
    // Inherited from a class prototype (a getter) is fine; from Object.prototype it is absent.
    let p: object | null = Object.getPrototypeOf(rec) as object | null;
    while (p !== null && p !== Object.prototype) {
      if (Object.prototype.hasOwnProperty.call(p, name)) return (rec as Record<string, unknown>)[name];
      p = Object.getPrototypeOf(p) as object | null;
    }
    return undefined;
  }
  return (rec as Record<string, unknown>)[name];
}

/** True for a value that can hold a record's fields (a non-array, non-bytes object). */
export function isRecordLike(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** True when `v` is a long: a safe integer number or a bigint within 64 bits. */
export function isLong(v: unknown): v is number | bigint {
  if (typeof v === 'number') return Number.isSafeInteger(v);
  return typeof v === 'bigint' && v >= LONG_MIN && v <= LONG_MAX;
}

/**
 * The form raw longs of node `s` take: a logical binding may ask for one whatever the long mode
 * (`rawLongs`, e.g. timestamp-nanos wants bigints), else the context's mode decides.
 */
export function longModeOf(s: Schema, ctx: CodecContext): LongMode {
  // Read structurally: the field is optional in the logical contract.
  const b = ctx.logical(s) as { readonly rawLongs?: LongMode } | undefined;
  return b?.rawLongs ?? ctx.longs;
}

/**
 * A long as the decoder gives it: a bigint in `bigint` mode, else a number (an error past
 * ±(2^53 - 1), where a number would silently change the value).
 */
export function decodedLong(v: number | bigint, mode: LongMode, path: readonly string[]): number | bigint {
  if (mode === 'bigint') return typeof v === 'bigint' ? v : BigInt(v);
  if (typeof v === 'number') return v === 0 ? 0 : v;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) {
    throw new AvroTypeError(
      `long ${v} does not fit a JavaScript number exactly: use the option longs: 'bigint'`,
      formatValuePath(path),
    );
  }
  return n;
}

/** Throws the usual "expected <schema>, got <value>" error at `path`. */
export function typeMismatch(s: Schema, v: unknown, path: readonly string[], hint = ''): never {
  throw new AvroTypeError(`expected ${describeSchema(s)}, got ${showValue(v)}${hint}`, formatValuePath(path));
}

/** Guards recursion over values (cyclic objects, hostile JSON) with `limits.maxDepth`. */
export function checkDepth(depth: number, ctx: CodecContext, path: readonly string[]): void {
  if (depth > ctx.limits.maxDepth) {
    throw new AvroTypeError(
      `value nested deeper than limits.maxDepth (${ctx.limits.maxDepth}); is it cyclic?`,
      formatValuePath(path),
    );
  }
}

/**
 * Runs a logical binding's conversion; any error it throws becomes an AvroTypeError at `path`
 * (keeping the original as `cause`).
 */
export function convertLogical<T>(fn: () => T, path: readonly string[]): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AvroTypeError && (e.path !== '' || path.length === 0)) throw e;
    const reason = e instanceof AvroTypeError ? e.message : `${(e as Error)?.message ?? String(e)}`;
    throw new AvroTypeError(reason, formatValuePath(path), { cause: e });
  }
}

/** Short text of a value for error messages. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'symbol') return String(v);
  if (v instanceof Uint8Array) return `${v.constructor.name}(${v.length})`;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  try {
    const s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}
