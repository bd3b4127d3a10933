import { AvroTypeError } from '../schema/errors.js';
import type { Schema, UnionSchema } from '../schema/model.js';
import type { CodecContext } from './context.js';
import type { LongMode } from '../logical/logical-type.js';
import { longModeOf, newRecord } from './js-value.js';
import { setOwn } from './objects.js';
import { selectBranch } from './validate.js';

/**
 * Random valid values of a schema, for tests, fixtures and benchmarks. Values come in the
 * decoder's representation (longs as bigints in `bigint` mode, floats rounded to 32 bits,
 * records as instances of their registered class). Recursive schemas stay small: past a soft
 * depth, arrays and maps are empty and unions take the branch that ends soonest.
 */

/** A source of numbers in [0, 1), like `Math.random`. */
export type Rng = () => number;

/** Nesting after which containers stop growing (arrays and maps empty, shortest union branch). */
const SOFT_DEPTH = 5;
const MAX_ITEMS = 4;
const LOGICAL_ATTEMPTS = 20;

/**
 * A random valid value of `schema`. Pass a seeded `rng` (see {@link seededRng}) for values that
 * repeat from run to run. Throws AvroTypeError when the schema has no finite value (a record
 * that requires itself), or a logical type's random raw values never convert.
 */
export function randomValue(schema: Schema, ctx: CodecContext, rng: Rng = Math.random): unknown {
  if (heightOf(schema) === Infinity) {
    throw new AvroTypeError('schema has no finite values: a record requires itself through every branch');
  }
  return gen(schema, ctx, rng, 0);
}

/** A small, fast, seedable generator (mulberry32): not for cryptography. */
export function seededRng(seed: number): Rng {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function gen(s: Schema, ctx: CodecContext, rng: Rng, depth: number): unknown {
  const logical = ctx.logical(s);
  if (logical === undefined) return genRaw(s, ctx, rng, depth);
  if (logical.random !== undefined) {
    // A binding that takes a generator gets ours, so that seeded runs repeat.
    const random: (r: Rng) => unknown = logical.random;
    return random.call(logical, rng);
  }
  let last: unknown;
  for (let i = 0; i < LOGICAL_ATTEMPTS; i++) {
    try {
      const v = logical.fromAvro(genRaw(s, ctx, rng, depth));
      if (logical.isValid(v)) return v;
    } catch (e) {
      last = e;
    }
  }
  throw new AvroTypeError(
    `no valid random value of logical type ${s.logicalType} in ${LOGICAL_ATTEMPTS} tries: give its binding a random()`,
    '',
    { cause: last },
  );
}

function genRaw(s: Schema, ctx: CodecContext, rng: Rng, depth: number): unknown {
  switch (s.kind) {
    case 'null':
      return null;
    case 'boolean':
      return rng() < 0.5;
    case 'int':
      return rng() < 0.5 ? int(rng, -100, 100) : int(rng, -2147483648, 2147483647);
    case 'long':
      return randomLong(longModeOf(s, ctx), rng);
    case 'float':
      return Math.fround(randomDouble(rng, 30));
    case 'double':
      return randomDouble(rng, 300);
    case 'bytes':
      return randomBytes(rng, int(rng, 0, 16));
    case 'fixed':
      return randomBytes(rng, s.size);
    case 'string':
      return randomString(rng, int(rng, 0, 12));
    case 'enum':
      return s.symbols[int(rng, 0, s.symbols.length - 1)];
    case 'array': {
      const n = depth >= SOFT_DEPTH || heightOf(s.items) === Infinity ? 0 : int(rng, 0, MAX_ITEMS);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(gen(s.items, ctx, rng, depth + 1));
      return out;
    }
    case 'map': {
      const n = depth >= SOFT_DEPTH || heightOf(s.values) === Infinity ? 0 : int(rng, 0, MAX_ITEMS);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) setOwn(out, randomString(rng, int(rng, 1, 8)), gen(s.values, ctx, rng, depth + 1));
      return out;
    }
    case 'record': {
      const out = newRecord(s, ctx);
      for (const f of s.fields) setOwn(out, f.name, gen(f.type, ctx, rng, depth + 1));
      return out;
    }
    case 'union':
      return genUnion(s, ctx, rng, depth);
  }
}

/**
 * A value of a random branch that the encoder would also write as that branch: a value that
 * an earlier branch would claim (a record of the same shape, a string for an enum) does not
 * round-trip to itself, so another branch is tried. Deep down, only the branches that end
 * soonest are candidates, so that recursion stops.
 */
function genUnion(s: UnionSchema, ctx: CodecContext, rng: Rng, depth: number): unknown {
  let candidates = s.branches.filter((b) => heightOf(b) !== Infinity);
  if (depth >= SOFT_DEPTH) {
    const least = Math.min(...candidates.map(heightOf));
    candidates = candidates.filter((b) => heightOf(b) === least);
  }
  let v: unknown;
  while (candidates.length > 0) {
    const b = candidates[int(rng, 0, candidates.length - 1)]!;
    v = gen(b, ctx, rng, depth);
    if (s.branches[selectBranch(s, v, ctx)] === b) return v;
    candidates = candidates.filter((x) => x !== b);
  }
  return v;
}

/** A uniform integer in [lo, hi]. */
function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function randomLong(mode: LongMode, rng: Rng): number | bigint {
  const pick = rng();
  if (mode === 'bigint') {
    if (pick < 0.4) return BigInt(int(rng, -1000, 1000));
    const hi = BigInt(int(rng, 0, 0xffffffff));
    const lo = BigInt(int(rng, 0, 0xffffffff));
    return BigInt.asIntN(64, (hi << 32n) | lo);
  }
  if (pick < 0.4) return int(rng, -1000, 1000) || 0;
  const n = Math.floor(rng() * Number.MAX_SAFE_INTEGER);
  return rng() < 0.5 ? -n || 0 : n;
}

/** A finite number of either sign with a decimal exponent up to ±`maxExp`. */
function randomDouble(rng: Rng, maxExp: number): number {
  const r = rng();
  if (r < 0.1) return 0;
  const mantissa = rng() * 2 - 1;
  return r < 0.5 ? mantissa * 1000 : mantissa * 10 ** int(rng, -maxExp, maxExp);
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = int(rng, 0, 255);
  return out;
}

/** Mostly ASCII, with some Latin-1, other BMP and astral characters (never lone surrogates). */
function randomString(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const r = rng();
    if (r < 0.7) out += String.fromCharCode(int(rng, 0x20, 0x7e));
    else if (r < 0.8) out += String.fromCharCode(int(rng, 0xa0, 0xff));
    else if (r < 0.9) {
      const c = int(rng, 0x100, 0xfffd - 0x800);
      out += String.fromCharCode(c >= 0xd800 ? c + 0x800 : c);
    } else out += String.fromCodePoint(int(rng, 0x10000, 0x10ffff));
  }
  return out;
}

/**
 * Least nesting any value of a node needs: 0 for leaves, 1 for arrays and maps (they may be
 * empty), one more than the deepest field for records, the least branch for unions; Infinity
 * when no finite value exists. Found by fixpoint over the node's whole reachable graph, since
 * a recursive record's height depends on itself. Intrinsic to the schema, so cached by node.
 */
const heights = new WeakMap<Schema, number>();

function heightOf(s: Schema): number {
  const h = heights.get(s);
  if (h !== undefined) return h;
  computeHeights(s);
  return heights.get(s)!;
}

function computeHeights(root: Schema): void {
  const nodes: Schema[] = [];
  const seen = new Set<Schema>();
  const todo: Schema[] = [root];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (seen.has(n) || heights.has(n)) continue;
    seen.add(n);
    nodes.push(n);
    todo.push(...children(n));
  }
  const local = new Map<Schema, number>(nodes.map((n) => [n, Infinity]));
  const get = (n: Schema): number => heights.get(n) ?? local.get(n)!;
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of nodes) {
      const v = step(n, get);
      if (v < local.get(n)!) {
        local.set(n, v);
        changed = true;
      }
    }
  }
  for (const [n, v] of local) heights.set(n, v);
}

function children(s: Schema): Schema[] {
  switch (s.kind) {
    case 'array':
      return [s.items];
    case 'map':
      return [s.values];
    case 'record':
      return s.fields.map((f) => f.type);
    case 'union':
      return [...s.branches];
    default:
      return [];
  }
}

function step(s: Schema, get: (n: Schema) => number): number {
  switch (s.kind) {
    case 'array':
    case 'map':
      return 1;
    case 'record':
      return 1 + Math.max(0, ...s.fields.map((f) => get(f.type)));
    case 'union':
      return Math.min(...s.branches.map(get));
    default:
      return 0;
  }
}
