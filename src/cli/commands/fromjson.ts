/** `avrokit fromjson`: Avro JSON records (one per line, or any JSON value stream) → a container file. */
import { Type } from '../../type.js';
import { ContainerWriter } from '../../container/index.js';
import {
  Progress, defineCommand, inputChunks, intOption, oneInput, outputSink, parse, schemaArgument, sizeOf, str, UsageError,
} from './container-io.js';
import { jsonValues } from './json-values.js';

const USAGE = `usage: avrokit fromjson --schema-file S [--codec C] [--block-size BYTES] [-o OUT] JSONFILE

Reads records in Avro's JSON encoding from JSONFILE (- reads stdin; one record per line, or
any sequence of JSON values) and writes an Avro container file to stdout, or to OUT.

  --schema-file S      the records' schema (a file, or - for stdin).
  --codec C            null (default), deflate, snappy, zstandard, bzip2 or xz.
  --block-size BYTES   end a block once its records take this many bytes (default 65536).
  -o, --output OUT     write to OUT instead of stdout.`;

export const command = defineCommand('fromjson', 'write Avro JSON records into a container file', USAGE, async (args, io) => {
  const { values, positionals } = parse(args, {
    'schema-file': { type: 'string' },
    codec: { type: 'string' },
    'block-size': { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  const input = oneInput(positionals, 'JSONFILE');
  const schemaFile = str(values['schema-file']);
  if (schemaFile === undefined) throw new UsageError('--schema-file is required');
  if (schemaFile === '-' && input === '-') throw new UsageError('the schema and the records cannot both come from stdin');
  const type = Type.forSchema(await schemaArgument(schemaFile, io));
  const blockBytes = intOption('block-size', str(values['block-size']), 1);
  const writer = new ContainerWriter(type, outputSink(str(values.output) ?? '-', io), {
    codec: str(values.codec) ?? 'null',
    ...(blockBytes !== undefined ? { blockBytes } : {}),
  });
  const progress = new Progress(io.stderr, 'fromjson', await sizeOf(input));
  let n = 0;
  try {
    for await (const { text, line } of jsonValues(inputChunks(input, io, progress))) {
      let record: unknown;
      try {
        record = type.fromString(text);
      } catch (e) {
        throw new Error(`record ${n + 1} (line ${line}): ${(e as Error).message}`, { cause: e });
      }
      if (writer.add(record)) await writer.endBlock();
      n++;
    }
    await writer.close();
  } finally {
    progress.finish();
  }
  return 0;
});
