import { canonicalForm } from './canonical.js';
import { md5 } from './digest/md5.js';
import { rabinFingerprintBytes } from './digest/rabin.js';
import { sha256 } from './digest/sha256.js';
import { AvroSchemaError } from './errors.js';
import type { Schema } from './model.js';

/** The fingerprint algorithms the spec recommends. */
export type FingerprintAlgorithm = 'rabin' | 'md5' | 'sha256';

export const FINGERPRINT_ALGORITHMS: readonly FingerprintAlgorithm[] = ['rabin', 'md5', 'sha256'];

const utf8 = new TextEncoder();

/**
 * The fingerprint of a schema's Parsing Canonical Form (spec, "Schema Fingerprints").
 *
 * - `'rabin'`: CRC-64-AVRO, 8 bytes, little-endian (as Java's `SchemaNormalization` returns it
 *   and the single-object encoding header carries it);
 * - `'md5'`: 16 bytes; `'sha256'`: 32 bytes; both over the UTF-8 canonical form.
 *
 * @param schema a parsed schema, or a string that is *already* in Parsing Canonical Form
 *   (it is hashed as it is: pass `canonicalForm(parseSchema(text))` for arbitrary schema text).
 * @throws AvroSchemaError for an unknown algorithm name.
 */
export function fingerprint(schema: Schema | string, algorithm: FingerprintAlgorithm): Uint8Array {
  const bytes = utf8.encode(typeof schema === 'string' ? schema : canonicalForm(schema));
  switch (algorithm) {
    case 'rabin':
      return rabinFingerprintBytes(bytes);
    case 'md5':
      return md5(bytes);
    case 'sha256':
      return sha256(bytes);
    default:
      throw new AvroSchemaError(
        `unknown fingerprint algorithm ${JSON.stringify(algorithm)}: use one of ${FINGERPRINT_ALGORITHMS.join(', ')}`,
      );
  }
}
