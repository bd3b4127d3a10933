/** `avrokit concat`: container files with one schema, joined block by block. */
import { ContainerWriter } from '../../container/index.js';
import { defineCommand, outputSink, parse, str } from './container-io.js';
import { inputsAndOutput, openInputs, userMetadata } from './container-inputs.js';

const USAGE = `usage: avrokit concat [--codec C] IN... OUT

Joins Avro container files that have the same schema (- reads stdin) into one file OUT (-
writes stdout), as avro-tools concat does. Blocks are copied without decoding their records;
a block whose codec differs from the output's is recompressed.

  --codec C   the output's codec (default: the first input's).`;

export const command = defineCommand('concat', 'join container files with the same schema', USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { codec: { type: 'string' } });
  const { inputs, output } = inputsAndOutput(positionals);
  let writer: ContainerWriter | undefined;
  for await (const input of openInputs(inputs, io, 'concat')) {
    writer ??= new ContainerWriter(input.reader.writerType, outputSink(output, io), {
      codec: str(values.codec) ?? input.reader.header.codec,
      metadata: userMetadata(input.reader.header),
    });
    const same = input.reader.header.codec === writer.codecName;
    for await (const block of input.reader.blocks()) {
      if (same) await writer.writeBlock(block.count, block.data, true);
      else await writer.writeBlock(block.count, await input.decompress(block), false);
    }
  }
  await writer?.close();
  return 0;
});
