import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AvroSchemaError, canonicalForm, fingerprint, parseSchema, type FingerprintAlgorithm } from '../../src/schema/index.js';
import { readSharedJson, sharedAvro, toHex } from './shared-data.js';

interface FingerprintExample {
  schema: string;
  crc64_avro_hex: string;
  md5_hex: string;
  sha256_hex: string;
  /** Present where Java (and the spec's rule) disagree with upstream Python; these win. */
  java_crc64_avro_hex?: string;
  java_md5_hex?: string;
  java_sha256_hex?: string;
  java_canonical?: string;
}

const avro = sharedAvro('fingerprint vectors of vectors/py_fingerprint_examples.json');

describe.skipIf(avro === undefined)('py_fingerprint_examples.json', () => {
  const examples = avro ? readSharedJson<FingerprintExample[]>(avro, 'vectors', 'py_fingerprint_examples.json') : [];
  const rows = examples.map((e, i) => [i, e.schema.length > 60 ? `${e.schema.slice(0, 57)}...` : e.schema, e] as const);

  it('has the 33 schemas the README promises', () => {
    expect(examples).toHaveLength(33);
  });

  it.each(rows)('#%i %s: CRC-64-AVRO, MD5 and SHA-256', (_i, _label, e) => {
    const schema = parseSchema(e.schema);
    if (e.java_canonical !== undefined) expect(canonicalForm(schema)).toBe(e.java_canonical);
    expect(toHex(fingerprint(schema, 'rabin'))).toBe(e.java_crc64_avro_hex ?? e.crc64_avro_hex);
    expect(toHex(fingerprint(schema, 'md5'))).toBe(e.java_md5_hex ?? e.md5_hex);
    expect(toHex(fingerprint(schema, 'sha256'))).toBe(e.java_sha256_hex ?? e.sha256_hex);
  });
});

describe('fingerprint', () => {
  it('hashes a string argument as canonical text, exactly as given', () => {
    const schema = parseSchema({ type: 'map', values: { type: 'string', doc: 'x' } });
    for (const alg of ['rabin', 'md5', 'sha256'] as const) {
      expect(fingerprint('{"type":"map","values":"string"}', alg)).toEqual(fingerprint(schema, alg));
    }
  });

  it('returns 8, 16 and 32 bytes for rabin, md5 and sha256', () => {
    const s = parseSchema('"string"');
    expect(fingerprint(s, 'rabin')).toHaveLength(8);
    expect(fingerprint(s, 'md5')).toHaveLength(16);
    expect(fingerprint(s, 'sha256')).toHaveLength(32);
  });

  it('hashes non-ASCII canonical text as UTF-8', () => {
    // Names are ASCII by the grammar; a caller's own text may not be.
    expect(toHex(fingerprint('"é€😀"', 'md5'))).toBe(createHash('md5').update('"é€😀"', 'utf8').digest('hex'));
  });

  it('rejects an unknown algorithm with the names it knows', () => {
    expect(() => fingerprint('"int"', 'crc32' as FingerprintAlgorithm)).toThrow(AvroSchemaError);
    expect(() => fingerprint('"int"', 'crc32' as FingerprintAlgorithm)).toThrow(/rabin, md5, sha256/);
  });
});
