import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalForm, fingerprint, parseSchema, rabinFingerprint64 } from '../../src/schema/index.js';
import { readSchemaTests } from './schema-tests-file.js';
import { readSharedJson, sharedAvro } from './shared-data.js';

const avro = sharedAvro('Parsing Canonical Form cases of schema-tests.txt');
const canon = (json: unknown) => canonicalForm(parseSchema(json));

describe.skipIf(avro === undefined)('schema-tests.txt (Apache canonical-form cases)', () => {
  const cases = avro ? readSchemaTests(join(avro, 'share/test/data/schema-tests.txt')) : [];

  it('has the 34 cases and 26 fingerprints the data promises, the same as vectors/schema_tests.json', () => {
    expect(cases).toHaveLength(34);
    expect(cases.filter((c) => c.fingerprint !== undefined)).toHaveLength(26);
    const json = readSharedJson<{ id: string; canonical: string; fingerprint: string | null }[]>(
      avro!, 'vectors', 'schema_tests.json');
    expect(json.map((c) => [c.id, c.canonical, c.fingerprint])).toEqual(
      cases.map((c) => [c.id, c.canonical, c.fingerprint?.toString() ?? null]));
  });

  it.each(cases.map((c) => [c.id, c] as const))('case %s: canonical form', (_id, c) => {
    expect(canonicalForm(parseSchema(c.input))).toBe(c.canonical);
  });

  const withFp = cases.filter((c) => c.fingerprint !== undefined);
  it.each(withFp.map((c) => [c.id, c] as const))('case %s: CRC-64-AVRO', (_id, c) => {
    const form = canonicalForm(parseSchema(c.input));
    expect(BigInt.asIntN(64, rabinFingerprint64(new TextEncoder().encode(form)))).toBe(c.fingerprint);
    // The byte form is the same number, little-endian.
    const le = fingerprint(parseSchema(c.input), 'rabin');
    expect(new DataView(le.buffer).getBigInt64(0, true)).toBe(c.fingerprint);
  });
});

describe('canonicalForm rules', () => {
  it('PRIMITIVES: a primitive with attributes or a logical type becomes its bare name', () => {
    expect(canon({ type: 'long', logicalType: 'timestamp-millis', 'x-extra': 1 })).toBe('"long"');
    expect(canon({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 })).toBe('"bytes"');
  });

  it('FULLNAMES: names are qualified by the enclosing namespace and namespaces disappear', () => {
    const schema = {
      type: 'record', name: 'Outer', namespace: 'a.b',
      fields: [
        { name: 'inner', type: { type: 'record', name: 'Inner', fields: [{ name: 'e', type: { type: 'enum', name: 'E', namespace: 'c', symbols: ['X'] } }] } },
        { name: 'again', type: 'Inner' },
        { name: 'e2', type: 'c.E' },
      ],
    };
    expect(canon(schema)).toBe(
      '{"name":"a.b.Outer","type":"record","fields":[' +
        '{"name":"inner","type":{"name":"a.b.Inner","type":"record","fields":[' +
        '{"name":"e","type":{"name":"c.E","type":"enum","symbols":["X"]}}]}},' +
        '{"name":"again","type":"a.b.Inner"},' +
        '{"name":"e2","type":"c.E"}]}',
    );
  });

  it('a named type is written in full once, by full name afterwards (also inside unions, arrays and maps)', () => {
    const schema = {
      type: 'record', name: 'R', namespace: 'n',
      fields: [
        { name: 'a', type: { type: 'fixed', name: 'F', size: 4 } },
        { name: 'b', type: ['null', 'F'] },
        { name: 'c', type: { type: 'array', items: 'F' } },
        { name: 'd', type: { type: 'map', values: 'n.F' } },
        { name: 'self', type: ['null', 'R'] },
      ],
    };
    expect(canon(schema)).toBe(
      '{"name":"n.R","type":"record","fields":[' +
        '{"name":"a","type":{"name":"n.F","type":"fixed","size":4}},' +
        '{"name":"b","type":["null","n.F"]},' +
        '{"name":"c","type":{"type":"array","items":"n.F"}},' +
        '{"name":"d","type":{"type":"map","values":"n.F"}},' +
        '{"name":"self","type":["null","n.R"]}]}',
    );
  });

  it('STRIP and ORDER: docs, aliases, defaults, orders, enum defaults and custom attributes go; name comes first', () => {
    const schema = {
      fields: [
        { type: { values: { size: 2, type: 'fixed', aliases: ['G'], name: 'F', doc: 'd' }, type: 'map', 'x-m': true },
          order: 'ignore', default: {}, doc: 'doc', name: 'm', aliases: ['mm'], 'x-f': [1] },
        { name: 'e', type: { symbols: ['A', 'B'], default: 'B', type: 'enum', name: 'E', 'x-e': 'y' }, default: 'A' },
      ],
      doc: 'record doc', 'x-r': { nested: true }, aliases: ['Old'], namespace: 'ns', name: 'R', type: 'record',
    };
    expect(canon(schema)).toBe(
      '{"name":"ns.R","type":"record","fields":[' +
        '{"name":"m","type":{"type":"map","values":{"name":"ns.F","type":"fixed","size":2}}},' +
        '{"name":"e","type":{"name":"ns.E","type":"enum","symbols":["A","B"]}}]}',
    );
  });

  it('STRINGS: \\u escapes in names of the input are written as the characters themselves', () => {
    expect(canon('{"type":"enum","name":"\\u0045num","symbols":["\\u0041","B\\u0031"]}'))
      .toBe('{"name":"Enum","type":"enum","symbols":["A","B1"]}');
  });

  it('INTEGERS: a size written as 1.6e1 or 16.0 in JSON is the integer 16', () => {
    expect(canon('{"type":"fixed","name":"F","size":1.6e1}')).toBe('{"name":"F","type":"fixed","size":16}');
    expect(canon('{"type":"fixed","name":"F","size":16.0}')).toBe('{"name":"F","type":"fixed","size":16}');
  });

  it('WHITESPACE: none outside strings, whatever the input layout', () => {
    expect(canon('  [ "null" ,\n\t{ "type" : "array" , "items" : "int" } ]  ')).toBe('["null",{"type":"array","items":"int"}]');
  });

  it('an error record is written as a record: both encode the same data', () => {
    expect(canon({ type: 'error', name: 'Oops', fields: [{ name: 'why', type: 'string' }] }))
      .toBe('{"name":"Oops","type":"record","fields":[{"name":"why","type":"string"}]}');
  });

  it('schemas that differ only in non-parsing attributes share canonical form and fingerprints', () => {
    const a = parseSchema({ type: 'record', name: 'r', namespace: 'x', fields: [{ name: 'f', type: 'int' }] });
    const b = parseSchema({ type: 'record', name: 'x.r', doc: 'd', fields: [{ name: 'f', type: { type: 'int' }, default: 3 }] });
    expect(canonicalForm(a)).toBe(canonicalForm(b));
    for (const alg of ['rabin', 'md5', 'sha256'] as const) expect(fingerprint(a, alg)).toEqual(fingerprint(b, alg));
  });

  it('a deeply recursive schema terminates', () => {
    const schema = {
      type: 'record', name: 'Node',
      fields: [
        { name: 'children', type: { type: 'array', items: 'Node' } },
        { name: 'next', type: ['null', 'Node'] },
        { name: 'index', type: { type: 'map', values: 'Node' } },
      ],
    };
    expect(canon(schema)).toBe(
      '{"name":"Node","type":"record","fields":[{"name":"children","type":{"type":"array","items":"Node"}},' +
        '{"name":"next","type":["null","Node"]},{"name":"index","type":{"type":"map","values":"Node"}}]}',
    );
  });
});
