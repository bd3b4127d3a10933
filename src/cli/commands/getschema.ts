/** `avrokit getschema`: the schema stored in a container file. */
import { ContainerReader } from '../../container/index.js';
import { defineCommand, inputChunks, oneInput, parse } from './container-io.js';

const USAGE = `usage: avrokit getschema FILE

Prints the schema of an Avro container file (- reads stdin) as indented JSON.`;

export const command = defineCommand('getschema', 'print the schema of a container file', USAGE, async (args, io) => {
  const { positionals } = parse(args, {});
  const reader = await ContainerReader.open(inputChunks(oneInput(positionals), io));
  await reader.close();
  io.stdout.write(`${JSON.stringify(JSON.parse(reader.header.schemaText), null, 2)}\n`);
  return 0;
});
