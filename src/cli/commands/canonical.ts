/** `avrokit canonical`: a schema's Parsing Canonical Form. */
import { canonicalForm } from '../../schema/canonical.js';
import { parseSchema } from '../../schema/parse.js';
import { defineCommand, oneInput, parse, schemaArgument } from './container-io.js';

const USAGE = `usage: avrokit canonical SCHEMA

Prints the Parsing Canonical Form of a schema (the spec's normal form, on which fingerprints
are computed). SCHEMA is a file, - for stdin, or the schema's JSON text itself.`;

export const command = defineCommand('canonical', "print a schema's Parsing Canonical Form", USAGE, async (args, io) => {
  const { positionals } = parse(args, {});
  const schema = parseSchema(await schemaArgument(oneInput(positionals, 'SCHEMA'), io));
  io.stdout.write(`${canonicalForm(schema)}\n`);
  return 0;
});
