/**
 * The schema corpora of Apache's test data, as a list of texts with the validity the corpus
 * claims: vectors/py_schema_examples.json, Avro C's schema_tests/{pass,fail}, Avro C++'s
 * jsonschemas (`nested.error` is the invalid one) and the standalone .avsc files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSharedJson } from './shared-data.js';

export interface CorpusEntry {
  /** Path under the shared avro folder, with `#index` for entries of a JSON vector file. */
  id: string;
  text: string;
  /** What the corpus says. */
  valid: boolean;
}

function filesIn(dir: string, rel: string, valid: (name: string) => boolean): CorpusEntry[] {
  return readdirSync(join(dir, rel))
    .sort()
    .map((name) => ({ id: `${rel}/${name}`, text: readFileSync(join(dir, rel, name), 'utf8'), valid: valid(name) }));
}

export function corpora(dir: string): Record<string, CorpusEntry[]> {
  const py = readSharedJson<{ group: string; schema: string; valid: boolean }[]>(dir, 'vectors', 'py_schema_examples.json');
  const avsc = [
    'share/test/schemas/interop.avsc', 'share/test/schemas/weather.avsc', 'share/test/schemas/fooBar.avsc',
    'share/test/schemas/FooBarSpecificRecord.avsc', 'share/test/schemas/RecordWithRequiredFields.avsc',
    'share/test/schemas/reserved.avsc', 'share/schemas/org/apache/avro/ipc/HandshakeRequest.avsc',
    'share/schemas/org/apache/avro/ipc/HandshakeResponse.avsc', 'share/schemas/org/apache/avro/data/Json.avsc',
    'share/test/data/messageV1/test_schema.avsc', 'lang/js/test/dat/Person.avsc', 'lang/js/test/dat/Id.avsc',
    'lang/java/avro/src/test/resources/TestUnionRecord.avsc',
    'lang/java/avro/src/test/resources/TestRecordWithMapsAndArrays.avsc',
    'lang/java/avro/src/test/resources/SchemaBuilder.avsc',
    'lang/java/avro/src/test/resources/TestRecordWithLogicalTypes.avsc',
  ];
  return {
    'vectors/py_schema_examples.json': py.map((e, i) => ({
      id: `vectors/py_schema_examples.json#${i} (${e.group})`, text: e.schema, valid: e.valid,
    })),
    'lang/c/tests/schema_tests': [
      ...filesIn(dir, 'lang/c/tests/schema_tests/pass', () => true),
      ...filesIn(dir, 'lang/c/tests/schema_tests/fail', () => false),
    ],
    'lang/c++/jsonschemas': filesIn(dir, 'lang/c++/jsonschemas', (name) => name !== 'nested.error'),
    '*.avsc files': avsc.map((rel) => ({ id: rel, text: readFileSync(join(dir, rel), 'utf8'), valid: true })),
  };
}

