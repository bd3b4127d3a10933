/**
 * All 174 reader/writer pairs of `vectors/py_compatibility_pairs.json` (recorded from the
 * upstream compatibility tests): the verdict must be the upstream one (`upstream_expected_compatible`,
 * which corrects the one pair where python3-avro 1.11 is wrong), and every incompatibility
 * must sit at one of the recorded locations with the kind the upstream test is about.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../src/resolution/index.js';
import type { IncompatibilityKind } from '../../src/resolution/index.js';
import { parseSchema } from '../../src/schema/index.js';
import { readSharedJson, sharedAvro } from '../schema/shared-data.js';

interface Pair {
  test: string;
  reader: unknown;
  writer: unknown;
  compatible: boolean;
  upstream_expected_compatible?: boolean;
  locations: string[];
  messages: string[];
  note?: string;
}

/** The kind a recorded (Java-style) message stands for. */
function kindOfMessage(m: string): IncompatibilityKind {
  if (m.startsWith('reader type:')) return 'TYPE_MISMATCH';
  if (m.startsWith('reader union lacking')) return 'MISSING_UNION_BRANCH';
  if (/^expected: \d+, found: \d+$/.test(m)) return 'FIXED_SIZE_MISMATCH';
  if (m.startsWith('expected: ')) return 'NAME_MISMATCH';
  if (m.startsWith('{')) return 'MISSING_ENUM_SYMBOLS';
  return 'READER_FIELD_MISSING_DEFAULT_VALUE';
}

const avro = sharedAvro('the py_compatibility_pairs.json vectors');
const pairs = avro === undefined ? [] : readSharedJson<Pair[]>(avro, 'vectors', 'py_compatibility_pairs.json');

describe.skipIf(avro === undefined)('py_compatibility_pairs.json', () => {
  it('holds the 174 pairs this test was written for', () => {
    expect(pairs).toHaveLength(174);
  });

  it.each(pairs.map((p, i) => [i, p] as const))('pair %i gets the upstream verdict, kind and location', (_i, p) => {
    const expected = p.upstream_expected_compatible ?? p.compatible;
    const result = checkCompatibility(parseSchema(p.reader), parseSchema(p.writer));
    expect(result.compatible, JSON.stringify(result.incompatibilities)).toBe(expected);
    if (expected) {
      expect(result.incompatibilities).toEqual([]);
      return;
    }
    // Python adds "/" beside "/name" for name mismatches; every place we report must be recorded.
    const ours = result.incompatibilities.map((x) => x.location);
    for (const loc of ours) expect(p.locations).toContain(loc);
    for (const loc of p.locations.filter((l) => l !== '/' || p.locations.length === 1)) expect(ours).toContain(loc);
    expect(new Set(result.incompatibilities.map((x) => x.kind))).toEqual(new Set(p.messages.map(kindOfMessage)));
  });

  it('reads a record across namespaces, as upstream expects and python3-avro 1.11 does not', () => {
    const p = pairs.find((x) => x.note !== undefined)!;
    expect(p.compatible).toBe(false);
    expect(p.upstream_expected_compatible).toBe(true);
    // Spec: "both schemas are records with the same (unqualified) name".
    expect(checkCompatibility(parseSchema(p.reader), parseSchema(p.writer)).compatible).toBe(true);
  });
});
