/**
 * Every schema of Apache's corpora through the parser: valid ones parse and survive
 * parse → schemaToJson → parse with the same canonical form; invalid ones throw AvroSchemaError.
 * Where a corpus is wrong per the spec, `known-differences.ts` says so and why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AvroSchemaError, canonicalForm, parseSchema, schemaToJson } from '../../src/schema/index.js';
import { corpora } from './corpora.js';
import { KNOWN_SCHEMA_DIFFERENCES } from './known-differences.js';
import { sharedAvro } from './shared-data.js';

const avro = sharedAvro('schema corpora (py_schema_examples, Avro C and C++ schema tests)');

function outcome(text: string): { ok: true; canonical: string; roundTrip: string; bareRoundTrip: string } | { ok: false; error: unknown } {
  let schema;
  try {
    schema = parseSchema(text);
  } catch (error) {
    return { ok: false, error };
  }
  const canonical = canonicalForm(schema);
  const roundTrip = canonicalForm(parseSchema(JSON.stringify(schemaToJson(schema))));
  const bareRoundTrip = canonicalForm(parseSchema(JSON.stringify(schemaToJson(schema, { bare: true }))));
  return { ok: true, canonical, roundTrip, bareRoundTrip };
}

describe.skipIf(avro === undefined)('schema corpora', () => {
  const all = avro ? corpora(avro) : {};
  const entries = Object.values(all).flat();

  it('has the sizes the data README promises', () => {
    const py = all['vectors/py_schema_examples.json']!;
    expect([py.filter((e) => e.valid).length, py.filter((e) => !e.valid).length]).toEqual([77, 22]);
    const c = all['lang/c/tests/schema_tests']!;
    expect([c.filter((e) => e.valid).length, c.filter((e) => !e.valid).length]).toEqual([28, 12]);
    expect(all['lang/c++/jsonschemas']).toHaveLength(35);
  });

  it('lists only known differences that exist in the corpora and still differ', () => {
    for (const id of KNOWN_SCHEMA_DIFFERENCES.keys()) {
      const entry = entries.find((e) => e.id === id);
      expect(entry, `${id} is not in the corpora`).toBeDefined();
      expect(outcome(entry!.text).ok, `${id} no longer differs: remove it from known-differences.ts`).toBe(!entry!.valid);
    }
  });

  for (const [corpus, list] of Object.entries(all)) {
    describe(corpus, () => {
      const valid = list.filter((e) => e.valid !== KNOWN_SCHEMA_DIFFERENCES.has(e.id));
      const invalid = list.filter((e) => e.valid === KNOWN_SCHEMA_DIFFERENCES.has(e.id));

      it.each(valid.map((e) => [e.id, e] as const))('valid %s parses and round-trips to the same canonical form', (_id, e) => {
        const r = outcome(e.text);
        if (!r.ok) throw r.error;
        expect(r.roundTrip).toBe(r.canonical);
        expect(r.bareRoundTrip).toBe(r.canonical);
      });

      it.each(invalid.map((e) => [e.id, e] as const))('invalid %s throws AvroSchemaError', (_id, e) => {
        const r = outcome(e.text);
        expect(r.ok, 'parsed, but the corpus says it is invalid').toBe(false);
        if (!r.ok) expect(r.error).toBeInstanceOf(AvroSchemaError);
      });
    });
  }

  it('a schema that refers to types of another file parses with a shared registry (Java multipleFile)', () => {
    const dir = join(avro!, 'lang/java/avro/src/test/resources/multipleFile');
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect(() => parseSchema(read('ApplicationEvent.avsc'))).toThrow(/unknown type "model.DocumentInfo"/);
    const registry = new Map();
    parseSchema(read('DocumentInfo.avsc'), { registry });
    const event = parseSchema(read('ApplicationEvent.avsc'), { registry });
    expect(canonicalForm(event)).toContain('"name":"model.DocumentInfo","type":"record"');
  });
});
