/** `avrokit recodec`: a container file with its blocks recompressed by another codec. */
import { ContainerWriter } from '../../container/index.js';
import { defineCommand, outputSink, parse, str, UsageError } from './container-io.js';
import { openInputs, userMetadata } from './container-inputs.js';

const USAGE = `usage: avrokit recodec [--codec C] [IN [OUT]]

Rewrites an Avro container file with another codec (IN and OUT default to - for stdin and
stdout), keeping its schema, metadata and block boundaries; records are not decoded.

  --codec C   null (the default, as avro-tools), deflate, snappy, zstandard, bzip2 or xz.`;

export const command = defineCommand('recodec', 'rewrite a container file with another codec', USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { codec: { type: 'string' } });
  if (positionals.length > 2) throw new UsageError(`expected at most IN and OUT, got ${positionals.length} arguments`);
  const [input = '-', output = '-'] = positionals;
  const codec = str(values.codec) ?? 'null';
  for await (const src of openInputs([input], io, 'recodec')) {
    const writer = new ContainerWriter(src.reader.writerType, outputSink(output, io), {
      codec,
      metadata: userMetadata(src.reader.header),
    });
    const same = src.reader.header.codec === codec;
    for await (const block of src.reader.blocks()) {
      await writer.writeBlock(block.count, same ? block.data : await src.decompress(block), same);
    }
    await writer.close();
  }
  return 0;
});
