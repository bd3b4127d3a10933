/**
 * Random schemas and random compatible evolutions of them, for property tests. An evolution
 * returns the new (reader) schema and an oracle: the function that turns a value of the old
 * schema into the value the new schema should read, written independently of the resolver.
 */
import fc from 'fast-check';
import type { Rng } from '../../src/codec/random.js';
import { decodeUtf8 } from '../../src/wire/utf8.js';

export type Prim = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';
const PRIMS: readonly Prim[] = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];

/** A schema as a tree (each named type defined once), named by {@link nameTree}. */
export type Tree =
  | { k: 'prim'; t: Prim }
  | { k: 'enum'; name?: string; symbols: string[] }
  | { k: 'fixed'; name?: string; size: number }
  | { k: 'array'; items: Tree }
  | { k: 'map'; values: Tree }
  | { k: 'union'; branches: Tree[] }
  | { k: 'record'; name?: string; fields: { name: string; type: Tree }[] };

const prim = fc.constantFrom(...PRIMS).map((t): Tree => ({ k: 'prim', t }));
const enumT = fc.integer({ min: 1, max: 5 }).map((n): Tree => ({ k: 'enum', symbols: Array.from({ length: n }, (_, i) => `S${i}`) }));
const fixedT = fc.integer({ min: 0, max: 6 }).map((size): Tree => ({ k: 'fixed', size }));

/** Random schema trees, a record at the root. */
export const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree; rec: Tree; union: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    prim, prim, enumT, fixedT,
    tie('union'),
    fc.record({ k: fc.constant('array' as const), items: tie('t') }),
    fc.record({ k: fc.constant('map' as const), values: tie('t') }),
    tie('rec'),
  ),
  union: fc.tuple(fc.uniqueArray(fc.constantFrom(...PRIMS), { minLength: 1, maxLength: 3 }), fc.option(fc.oneof(enumT, fixedT, tie('rec')), { nil: undefined }))
    .map(([ps, named]): Tree => ({ k: 'union', branches: [...ps.map((t): Tree => ({ k: 'prim', t })), ...(named ? [named] : [])] })),
  rec: fc.array(tie('t'), { maxLength: 5 }).map((types): Tree => ({ k: 'record', fields: types.map((type, i) => ({ name: `f${i}`, type })) })),
})).rec;

/** Gives every named node a unique name (prefix + counter), in place on a copy. */
export function nameTree(t: Tree, prefix = 'N', counter = { n: 0 }): Tree {
  switch (t.k) {
    case 'enum':
    case 'fixed':
      return { ...t, name: `${prefix}${counter.n++}` };
    case 'record': {
      const name = `${prefix}${counter.n++}`;
      return { ...t, name, fields: t.fields.map((f) => ({ ...f, type: nameTree(f.type, prefix, counter) })) };
    }
    case 'array':
      return { ...t, items: nameTree(t.items, prefix, counter) };
    case 'map':
      return { ...t, values: nameTree(t.values, prefix, counter) };
    case 'union':
      return { ...t, branches: t.branches.map((b) => nameTree(b, prefix, counter)) };
    default:
      return t;
  }
}

/** Schema JSON of a named tree; `extra` adds attributes (aliases, defaults) per node. */
export function toJson(t: Tree): unknown {
  const x = t as Tree & { aliases?: string[]; default?: string };
  switch (t.k) {
    case 'prim':
      return t.t;
    case 'enum':
      return { type: 'enum', name: t.name, symbols: t.symbols, ...(x.default ? { default: x.default } : {}), ...(x.aliases ? { aliases: x.aliases } : {}) };
    case 'fixed':
      return { type: 'fixed', name: t.name, size: t.size, ...(x.aliases ? { aliases: x.aliases } : {}) };
    case 'array':
      return { type: 'array', items: toJson(t.items) };
    case 'map':
      return { type: 'map', values: toJson(t.values) };
    case 'union':
      return t.branches.map(toJson);
    case 'record':
      return {
        type: 'record', name: t.name, ...(x.aliases ? { aliases: x.aliases } : {}),
        fields: t.fields.map((f) => {
          const fx = f as typeof f & { aliases?: string[]; default?: unknown; hasDefault?: boolean };
          return { name: f.name, type: toJson(f.type), ...(fx.aliases ? { aliases: fx.aliases } : {}), ...(fx.hasDefault ? { default: fx.default } : {}) };
        }),
      };
  }
}

type Oracle = (v: unknown) => unknown;
type NewField = { name: string; type: Tree; aliases?: string[]; default?: unknown; hasDefault?: boolean };
const id: Oracle = (v) => v;

/** New fields a reader may add, each with a default and the value that default reads as. */
const NEW_FIELDS: readonly { type: Tree; default: unknown; value: unknown }[] = [
  { type: { k: 'prim', t: 'int' }, default: 7, value: 7 },
  { type: { k: 'prim', t: 'string' }, default: 'dflt', value: 'dflt' },
  { type: { k: 'prim', t: 'bytes' }, default: '\u00ff\u0001', value: Uint8Array.from([255, 1]) },
  { type: { k: 'prim', t: 'double' }, default: 2.5, value: 2.5 },
  { type: { k: 'union', branches: [{ k: 'prim', t: 'null' }, { k: 'prim', t: 'long' }] }, default: null, value: null },
  { type: { k: 'array', items: { k: 'prim', t: 'int' } }, default: [], value: [] },
  { type: { k: 'map', values: { k: 'prim', t: 'boolean' } }, default: { a: true }, value: { a: true } },
];

const PROMOTIONS: Partial<Record<Prim, { to: Prim; oracle: Oracle }[]>> = {
  int: [
    { to: 'long', oracle: id },
    { to: 'float', oracle: (v) => Math.fround(v as number) },
    { to: 'double', oracle: id },
  ],
  long: [
    { to: 'float', oracle: (v) => Math.fround(v as number) },
    { to: 'double', oracle: id },
  ],
  float: [{ to: 'double', oracle: id }],
  string: [{ to: 'bytes', oracle: (v) => Uint8Array.from(Buffer.from(v as string, 'utf8')) }],
  bytes: [{ to: 'string', oracle: (v) => decodeUtf8(v as Uint8Array, 0, (v as Uint8Array).length) }],
};

export interface EvolveOptions {
  /**
   * This evolution follows another, and its oracle will be composed with the earlier one's:
   * leave out the changes whose effects do not compose (reading v1 data with v3 is not v1 → v2
   * → v3): promotions (int → float → double rounds, int → double does not), new union branches
   * (one may take over values an older type was promoted into) and dropped enum symbols (an
   * older symbol goes straight to the newest default).
   */
  readonly chained?: boolean;
  /** Drop enum symbols behind a reader default (default true; Java 1.8 ignores enum defaults). */
  readonly enumDefaults?: boolean;
}

/**
 * A random compatible evolution of `t`: fields added with defaults, removed, renamed with
 * aliases and reordered; types promoted; enum symbols added (or removed behind a default);
 * union branches added; types wrapped in unions; named types renamed with aliases.
 */
export function evolve(t: Tree, rng: Rng, counter = { n: 0 }, opts: EvolveOptions = {}): { tree: Tree; oracle: Oracle } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const chance = (p: number): boolean => rng() < p;
  const inner = ((): { tree: Tree; oracle: Oracle } => {
    switch (t.k) {
      case 'prim': {
        const promotions = PROMOTIONS[t.t];
        if (promotions && !opts.chained && chance(0.4)) {
          const p = pick(promotions);
          return { tree: { k: 'prim', t: p.to }, oracle: p.oracle };
        }
        return { tree: t, oracle: id };
      }
      case 'enum': {
        const symbols = [...t.symbols];
        if (chance(0.4)) symbols.splice(Math.floor(rng() * (symbols.length + 1)), 0, `NEW${counter.n++}`);
        if (!opts.chained && (opts.enumDefaults ?? true) && chance(0.3) && symbols.length > 1) {
          // Drop a symbol, with a default to read it as.
          const gone = symbols.splice(Math.floor(rng() * symbols.length), 1)[0]!;
          const dflt = pick(symbols);
          const tree = { ...t, symbols, default: dflt } as Tree;
          return { tree, oracle: (v) => (v === gone ? dflt : v) };
        }
        return { tree: { ...t, symbols }, oracle: id };
      }
      case 'fixed':
        return { tree: t, oracle: id };
      case 'array': {
        const e = evolve(t.items, rng, counter, opts);
        return { tree: { k: 'array', items: e.tree }, oracle: (v) => (v as unknown[]).map(e.oracle) };
      }
      case 'map': {
        const e = evolve(t.values, rng, counter, opts);
        return {
          tree: { k: 'map', values: e.tree },
          oracle: (v) => Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, e.oracle(x)])),
        };
      }
      case 'union': {
        // A union value's branch is the writer's choice: keep branches as they are, add new kinds.
        const used = new Set(t.branches.map((b) => (b.k === 'prim' ? b.t : b.k)));
        const unused = PRIMS.filter((p) => !used.has(p));
        const branches = [...t.branches];
        if (unused.length > 0 && !opts.chained && chance(0.5)) branches.splice(Math.floor(rng() * (branches.length + 1)), 0, { k: 'prim', t: pick(unused) });
        return { tree: { k: 'union', branches }, oracle: id };
      }
      case 'record':
        return evolveRecord(t, rng, counter, pick, chance, opts);
    }
  })();
  // Wrap a non-union, non-null type into a union with null (either side).
  if (inner.tree.k !== 'union' && !(inner.tree.k === 'prim' && inner.tree.t === 'null') && chance(0.1)) {
    const nul: Tree = { k: 'prim', t: 'null' };
    return { tree: { k: 'union', branches: chance(0.5) ? [nul, inner.tree] : [inner.tree, nul] }, oracle: inner.oracle };
  }
  return inner;
}

function evolveRecord(
  t: Extract<Tree, { k: 'record' }>, rng: Rng, counter: { n: number },
  pick: <T>(xs: readonly T[]) => T, chance: (p: number) => boolean, opts: EvolveOptions,
): { tree: Tree; oracle: Oracle } {
  const fields: NewField[] = [];
  const fill: ((out: Record<string, unknown>, v: Record<string, unknown>) => void)[] = [];
  for (const f of t.fields) {
    if (chance(0.15)) continue; // removed: the writer's value is skipped
    // A field with a default keeps its type: reading older data without the field takes this
    // schema's default, which the composed oracle of two evolutions could not predict otherwise.
    const e = (f as NewField).hasDefault ? { tree: f.type, oracle: id } : evolve(f.type, rng, counter, opts);
    // A renamed field keeps its earlier names as aliases, so data of every version still reads.
    const earlier = (f as NewField).aliases ?? [];
    const name = chance(0.15) ? `${f.name.replace(/_renamed\d+$/, '')}_renamed${counter.n++}` : f.name;
    const aliases = name !== f.name ? [...earlier, f.name] : earlier;
    fields.push({ ...(f as NewField), name, type: e.tree, ...(aliases.length > 0 ? { aliases } : {}) });
    fill.push((out, v) => { out[name] = e.oracle(v[f.name]); });
  }
  const added = chance(0.5) ? Math.floor(rng() * 3) + 1 : 0;
  for (let i = 0; i < added; i++) {
    const nf = pick(NEW_FIELDS);
    const name = `added${counter.n++}`;
    fields.push({ name, type: nf.type, default: nf.default, hasDefault: true });
    fill.push((out) => { out[name] = nf.value; });
  }
  // Reorder: fields match by name.
  for (let i = fields.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [fields[i], fields[j]] = [fields[j]!, fields[i]!];
  }
  const renamed = chance(0.1);
  const earlier = (t as { aliases?: string[] }).aliases ?? [];
  const aliases = renamed ? [...earlier, t.name!] : earlier;
  const tree = {
    k: 'record', name: renamed ? `${t.name}_v${counter.n++}` : t.name, fields, ...(aliases.length > 0 ? { aliases } : {}),
  } as Tree;
  return {
    tree,
    oracle: (v) => {
      const out: Record<string, unknown> = {};
      for (const f of fill) f(out, v as Record<string, unknown>);
      return out;
    },
  };
}

/** Bytes as plain arrays (so Buffer and Uint8Array compare equal), dates as their time. */
export function normalize(v: unknown): unknown {
  if (v instanceof Uint8Array) return { bytes: Array.from(v) };
  if (v instanceof Date) return { date: v.getTime() };
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}
