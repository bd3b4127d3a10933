/**
 * Property tests: for random schemas and random compatible evolutions of them (fields added
 * with defaults, removed, renamed with aliases, reordered; types promoted; enum symbols added
 * or removed behind a default; union branches added; types wrapped in unions; records renamed
 * with aliases), data written with the old schema reads with the new one as an independent
 * oracle says, through generated and interpreted resolvers alike, and the checker agrees.
 * Breaking changes are caught by the checker with the right kind, and by the resolver.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/codec/random.js';
import { createResolvingReader } from '../../src/compiler/resolver.js';
import { checkCompatibility } from '../../src/resolution/index.js';
import { Type } from '../../src/type.js';
import { ByteReader } from '../../src/wire/reader.js';
import { evolve, nameTree, normalize, toJson, treeArb } from './evolution.js';
import { outcomes } from './helpers.js';
import type { Tree } from './evolution.js';

const RUNS = Number(process.env['AVROKIT_PROPERTY_RUNS'] ?? 150);

function readAll(w: Type, r: Type, buf: Uint8Array): unknown[] {
  return [true, false].map((codegen) => {
    const rr = createResolvingReader(r.schemaNode, w.schemaNode, r.context, { codegen });
    const br = new ByteReader(buf);
    const v = codegen ? rr.readGenerated!(br) : rr.read(br);
    expect(br.pos).toBe(buf.length);
    return v;
  });
}

describe('compatible evolutions', () => {
  it('read old data as the oracle says, and the checker calls them compatible', () => {
    fc.assert(
      fc.property(treeArb, fc.integer(), fc.integer(), (shape, evolutionSeed, dataSeed) => {
        const old = nameTree(shape);
        const { tree, oracle } = evolve(old, seededRng(evolutionSeed));
        const w = Type.forSchema(toJson(old));
        const r = Type.forSchema(toJson(tree));
        const check = checkCompatibility(r, w);
        expect(check.incompatibilities).toEqual([]);
        const rng = seededRng(dataSeed);
        for (let i = 0; i < 3; i++) {
          const buf = w.toBuffer(w.random(rng));
          const [compiled, interpreted] = readAll(w, r, buf);
          expect(isDeepStrictEqual(compiled, interpreted)).toBe(true);
          expect(normalize(compiled)).toEqual(normalize(oracle(w.fromBuffer(buf))));
          expect(r.isValid(compiled)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('compose: evolving twice reads the oldest data through the newest schema', () => {
    fc.assert(
      fc.property(treeArb, fc.integer(), fc.integer(), (shape, s1, s2) => {
        const v1 = nameTree(shape);
        const e1 = evolve(v1, seededRng(s1));
        const e2 = evolve(e1.tree, seededRng(s2), { n: 1000 }, { chained: true });
        const w = Type.forSchema(toJson(v1));
        const r = Type.forSchema(toJson(e2.tree));
        expect(checkCompatibility(r, w).compatible).toBe(true);
        const buf = w.toBuffer(w.random(seededRng(s1 ^ s2)));
        const [compiled] = readAll(w, r, buf);
        expect(normalize(compiled)).toEqual(normalize(e2.oracle(e1.oracle(w.fromBuffer(buf)))));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

/** Breaking changes at the root record, each with the kind the checker must report. */
type Break = { kind: string; apply: (t: Extract<Tree, { k: 'record' }>) => Tree | undefined };
const BREAKS: readonly Break[] = [
  {
    kind: 'READER_FIELD_MISSING_DEFAULT_VALUE',
    apply: (t) => ({ ...t, fields: [...t.fields, { name: 'required_new', type: { k: 'prim', t: 'int' } }] }),
  },
  {
    kind: 'NAME_MISMATCH',
    apply: (t) => ({ ...t, name: `${t.name}_other` }),
  },
  {
    kind: 'TYPE_MISMATCH',
    apply: (t) => {
      const i = t.fields.findIndex((f) => f.type.k === 'prim' && ['long', 'double', 'string', 'boolean'].includes(f.type.t));
      if (i < 0) return undefined;
      const demoted: Record<string, 'int' | 'float' | 'long'> = { long: 'int', double: 'float', string: 'long', boolean: 'int' };
      const f = t.fields[i]!;
      return { ...t, fields: t.fields.map((g, j) => (j === i ? { ...g, type: { k: 'prim', t: demoted[(f.type as { t: string }).t]! } } : g)) };
    },
  },
  {
    kind: 'MISSING_ENUM_SYMBOLS',
    apply: (t) => {
      const i = t.fields.findIndex((f) => f.type.k === 'enum' && f.type.symbols.length > 1);
      if (i < 0) return undefined;
      const e = t.fields[i]!.type as Extract<Tree, { k: 'enum' }>;
      return { ...t, fields: t.fields.map((g, j) => (j === i ? { ...g, type: { ...e, symbols: e.symbols.slice(1) } } : g)) };
    },
  },
];

describe('breaking changes', () => {
  it('are reported with their kind, and the resolver refuses them (or fails when the value comes)', () => {
    fc.assert(
      fc.property(treeArb, fc.constantFrom(...BREAKS), fc.integer(), (shape, brk, seed) => {
        const old = nameTree(shape) as Extract<Tree, { k: 'record' }>;
        const broken = brk.apply(old);
        fc.pre(broken !== undefined);
        const w = Type.forSchema(toJson(old));
        const r = Type.forSchema(toJson(broken!));
        const check = checkCompatibility(r, w);
        expect(check.compatible).toBe(false);
        expect(check.incompatibilities.map((i) => i.kind)).toContain(brk.kind);
        const buildsAnyway = check.incompatibilities.every((i) => i.when === 'read');
        if (!buildsAnyway) {
          expect(() => r.createResolver(w)).toThrow();
          return;
        }
        // Only enum symbols are missing: values without them read; the first with one fails.
        const rng = seededRng(seed);
        for (let i = 0; i < 5; i++) {
          const buf = w.toBuffer(w.random(rng));
          const [generated, interpreted] = outcomes(w, r, buf, normalize) as { error?: string }[];
          expect(generated).toEqual(interpreted);
          if (generated!.error !== undefined) expect(generated!.error).toMatch(/S0.*no default/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('unrelated schema pairs', () => {
  it('resolve exactly when the checker finds no build problem; generated and interpreted agree', () => {
    fc.assert(
      fc.property(treeArb, treeArb, fc.integer(), (a, b, seed) => {
        // Same names on both sides, so records at the same place can meet.
        const w = Type.forSchema(toJson(nameTree(a)));
        const r = Type.forSchema(toJson(nameTree(b)));
        const check = checkCompatibility(r, w);
        const buildable = check.incompatibilities.every((i) => i.when === 'read');
        let built = true;
        try {
          r.createResolver(w);
        } catch {
          built = false;
        }
        expect(built).toBe(buildable);
        if (!buildable) return;
        const buf = w.toBuffer(w.random(seededRng(seed)));
        const [generated, interpreted] = outcomes(w, r, buf, normalize);
        expect(generated).toEqual(interpreted);
        if (check.compatible) expect(generated).toHaveProperty('ok');
      }),
      { numRuns: RUNS },
    );
  });
});
