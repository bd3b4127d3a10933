/**
 * Every schema file of Apache's test data through both codecs: each gets a Type with a compiled
 * and an interpreted codec (`codegen: false`), and seeded `Type.random` values, in both long
 * modes, round-trip identically through both (same bytes, same values, re-encoding gives the
 * same bytes). The files: every `*.avsc` under the shared avro folder (share/test/schemas,
 * share/schemas, lang/java/**, lang/js/test/dat, the C++ large schema), the valid Avro C++
 * jsonschemas and the Avro C schema_tests/pass files. Known failures, with reasons, live in
 * ./corpus-known-failures.ts (STYLE.md item 10); a listed one that passes fails the list test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRng, Type } from '../../src/index.js';
import type { LongMode, NamedSchema } from '../../src/index.js';
import { difference } from '../interop/core-cases.js';
import { sharedAvro, toHex } from '../schema/shared-data.js';
import { CORPUS_KNOWN_FAILURES, INTERPRETED_ONLY, NO_FINITE_VALUES } from './corpus-known-failures.js';

const avro = sharedAvro('schema corpus through the compiled and interpreted codecs');

/** Schemas that name types defined in another file of the same folder (Java's multipleFile). */
const DEPENDS_ON: Readonly<Record<string, readonly string[]>> = {
  'lang/java/avro/src/test/resources/multipleFile/ApplicationEvent.avsc': ['lang/java/avro/src/test/resources/multipleFile/DocumentInfo.avsc'],
};
/** Not schemas, or not valid ones: the schema corpus test (test/schema) covers why. */
const NOT_VALID = new Set(['lang/c++/jsonschemas/nested.error', 'lang/c++/jsonschemas/verboseint']);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function corpusFiles(root: string): string[] {
  const all = walk(root).map((p) => relative(root, p));
  const files = all.filter(
    (p) => p.endsWith('.avsc') || p.startsWith('lang/c++/jsonschemas/') || p.startsWith('lang/c/tests/schema_tests/pass/'),
  );
  return [...new Set(files)].filter((p) => !NOT_VALID.has(p)).sort();
}

const RANDOM_VALUES: Record<LongMode, number> = { number: 6, bigint: 3 };

function typeOf(root: string, file: string, longs: LongMode, codegen: boolean): Type {
  const registry = new Map<string, NamedSchema>();
  for (const dep of DEPENDS_ON[file] ?? []) Type.forSchema(readFileSync(join(root, dep), 'utf8'), { registry });
  return Type.forSchema(readFileSync(join(root, file), 'utf8'), { longs, codegen, registry });
}

/**
 * Problems found round-tripping seeded values of `file` (empty when all is well). With
 * `interpretedOnly` the interpreted codec stands in for the compiled one (INTERPRETED_ONLY).
 */
function roundTripProblems(root: string, file: string, seed: number, interpretedOnly = false): string[] {
  const problems: string[] = [];
  for (const longs of ['number', 'bigint'] as const) {
    const interpreted = typeOf(root, file, longs, false);
    const compiled = interpretedOnly ? interpreted : typeOf(root, file, longs, true);
    if (!interpretedOnly && !compiled.isCompiled) problems.push(`${longs}: the compiled codec did not run (fell back to the interpreter)`);
    const rng = seededRng(seed);
    for (let i = 0; i < RANDOM_VALUES[longs]; i++) {
      const at = `${longs} value #${i}`;
      const value = compiled.random(rng);
      const a = compiled.toBuffer(value);
      const b = interpreted.toBuffer(value);
      if (toHex(a) !== toHex(b)) problems.push(`${at}: compiled bytes ${toHex(a).slice(0, 80)} vs interpreted ${toHex(b).slice(0, 80)}`);
      const fromCompiled = compiled.fromBuffer(a);
      const fromInterpreted = interpreted.fromBuffer(a);
      const d1 = difference(fromCompiled, value);
      if (d1) problems.push(`${at}: compiled decode differs from the value at ${d1}`);
      const d2 = difference(fromInterpreted, fromCompiled);
      if (d2) problems.push(`${at}: interpreted decode differs from compiled at ${d2}`);
      if (toHex(interpreted.toBuffer(fromInterpreted)) !== toHex(a)) problems.push(`${at}: re-encoding the decoded value changes the bytes`);
    }
  }
  return problems;
}

describe.skipIf(avro === undefined)('schema corpus through both codecs', () => {
  const root = avro!;
  const files = avro ? corpusFiles(root) : [];

  it('finds the corpus the brief names', () => {
    expect(files.filter((f) => f.startsWith('share/test/schemas/'))).toHaveLength(6);
    expect(files.filter((f) => f.startsWith('lang/java/'))).toHaveLength(7);
    expect(files.filter((f) => f.startsWith('lang/js/'))).toHaveLength(2);
    expect(files.filter((f) => f.startsWith('lang/c++/jsonschemas/'))).toHaveLength(33);
    expect(files.filter((f) => f.startsWith('lang/c/tests/schema_tests/pass/'))).toHaveLength(28);
  });

  it('lists only known failures that exist and still fail', () => {
    for (const [file, reason] of CORPUS_KNOWN_FAILURES) {
      expect(files, `${file} is not in the corpus`).toContain(file);
      let failed: boolean;
      try {
        failed = roundTripProblems(root, file, 1).length > 0;
      } catch {
        failed = true;
      }
      expect(failed, `${file} passes now; remove it from corpus-known-failures.ts (${reason})`).toBe(true);
    }
  });

  const regular = files.filter((f) => !CORPUS_KNOWN_FAILURES.has(f) && !NO_FINITE_VALUES.has(f) && !INTERPRETED_ONLY.has(f));
  it.each(regular.map((f, i) => ({ f, i })))('$f: random values round-trip identically through compiled and interpreted codecs', ({ f, i }) => {
    expect(roundTripProblems(root, f, 7000 + i)).toEqual([]);
  });

  it.each([...INTERPRETED_ONLY].map(([f, { reason }]) => ({ f, reason })))(
    '$f: random values round-trip through the interpreted codec (compiled one skipped: see INTERPRETED_ONLY)',
    ({ f }) => {
      expect(files).toContain(f);
      expect(roundTripProblems(root, f, 8000, true)).toEqual([]);
    },
  );

  it.each([...NO_FINITE_VALUES].map(([f, why]) => ({ f, why })))('$f has no finite values ($why): both codecs build, random says so', ({ f }) => {
    expect(files).toContain(f);
    for (const codegen of [true, false]) {
      const t = typeOf(root, f, 'number', codegen);
      expect(t.isCompiled).toBe(codegen);
      if (codegen) expect(t.compiledSource().encoder.length).toBeGreaterThan(0);
      expect(() => t.random(seededRng(1))).toThrow(/no finite values/);
    }
  });
});

/*
 * Regression tests for two compiled-codec bugs the corpus found (large_schema.avsc): union
 * branch indexes past 63, and named records inlined at every reference.
 */
describe('compiled encoder bugs found by the corpus', () => {
  // The union path that calls selectBranch once wrote `buf[p++] = index << 1` for every branch,
  // so index 64 became the byte 80 (a varint continuation byte) instead of 80 01.
  it('writes a union branch index of 64 or more as a full varint', () => {
    const schema = Array.from({ length: 65 }, (_, n) => ({ type: 'fixed', name: `F${n}`, size: n }));
    const value = new Uint8Array(64);
    const compiled = Type.forSchema(schema);
    expect(toHex(Type.forSchema(schema, { codegen: false }).toBuffer(value)).slice(0, 4)).toBe('8001');
    expect(toHex(compiled.toBuffer(value)).slice(0, 4)).toBe('8001');
    expect(Buffer.from(compiled.fromBuffer(compiled.toBuffer(value)) as Uint8Array).equals(Buffer.from(value))).toBe(true);
  });

  // A named record inlined at every reference made the source grow with the number of paths
  // to it: exponentially for records that refer to records (×4 per level here). Shared
  // records now get one function each.
  it('emits a named record once however many fields refer to it', () => {
    let schema: unknown = { type: 'record', name: 'L0', fields: [{ name: 'x', type: 'int' }] };
    for (let d = 1; d <= 5; d++) {
      schema = { type: 'record', name: `L${d}`, fields: [0, 1, 2, 3].map((k) => ({ name: `f${k}`, type: k === 0 ? schema : `L${d - 1}` })) };
    }
    const { encoder, decoder } = Type.forSchema(schema).compiledSource();
    expect(encoder.length).toBeLessThan(50_000);
    expect(decoder.length).toBeLessThan(50_000);
  });
});
