/** `avrokit fingerprint`: a schema's fingerprint (of its Parsing Canonical Form). */
import { FINGERPRINT_ALGORITHMS, fingerprint } from '../../schema/fingerprint.js';
import type { FingerprintAlgorithm } from '../../schema/fingerprint.js';
import { parseSchema } from '../../schema/parse.js';
import { defineCommand, oneInput, parse, schemaArgument, str, UsageError } from './container-io.js';

const USAGE = `usage: avrokit fingerprint [--algorithm rabin|md5|sha256] SCHEMA

Prints the fingerprint of a schema's Parsing Canonical Form as lowercase hex. SCHEMA is a
file, - for stdin, or the schema's JSON text itself.

  --algorithm A   rabin (CRC-64-AVRO, the default; its 8 bytes little-endian, as the
                  single-object encoding writes them), md5 or sha256.`;

export const command = defineCommand('fingerprint', "print a schema's fingerprint (rabin, md5, sha256)", USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { algorithm: { type: 'string', short: 'a' } });
  const algorithm = (str(values.algorithm) ?? 'rabin') as FingerprintAlgorithm;
  if (!FINGERPRINT_ALGORITHMS.includes(algorithm)) {
    throw new UsageError(`unknown algorithm "${algorithm}": use ${FINGERPRINT_ALGORITHMS.join(', ')}`);
  }
  const schema = parseSchema(await schemaArgument(oneInput(positionals, 'SCHEMA'), io));
  io.stdout.write(`${Buffer.from(fingerprint(schema, algorithm)).toString('hex')}\n`);
  return 0;
});
