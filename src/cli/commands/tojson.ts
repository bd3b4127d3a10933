/** `avrokit tojson`: a container file's records as Avro JSON, one per line. */
import { ContainerReader } from '../../container/index.js';
import { toJsonText } from '../../codec/json.js';
import {
  Progress, TextOut, defineCommand, describeDamage, inputChunks, oneInput, parse, schemaArgument, sizeOf, str,
} from './container-io.js';

const USAGE = `usage: avrokit tojson [--pretty] [--reader-schema-file S] [--skip-damaged] FILE

Prints the records of an Avro container file (- reads stdin) in Avro's JSON encoding, one
record per line (unions as {"type": value}, bytes as \\u00XX code points).

  --pretty                 indent each record over several lines.
  --reader-schema-file S   read the records as schema S (schema evolution or a projection).
  --skip-damaged           skip damaged blocks (reported on stderr) instead of stopping.`;

export const command = defineCommand('tojson', 'print the records of a container file as Avro JSON', USAGE, async (args, io) => {
  const { values, positionals } = parse(args, {
    pretty: { type: 'boolean' },
    'reader-schema-file': { type: 'string' },
    'skip-damaged': { type: 'boolean' },
  });
  const file = oneInput(positionals);
  const readerFile = str(values['reader-schema-file']);
  const progress = new Progress(io.stderr, 'tojson', await sizeOf(file));
  const reader = await ContainerReader.open(inputChunks(file, io, progress), {
    ...(readerFile !== undefined ? { readerSchema: await schemaArgument(readerFile, io) } : {}),
    onDamage: values['skip-damaged'] === true ? 'skip' : 'error',
    onSkip: (d) => void io.stderr.write(`avrokit tojson: ${describeDamage(d)}\n`),
  });
  const type = reader.type;
  const options = values.pretty === true ? { space: 2 } : {};
  const out = new TextOut(io.stdout);
  try {
    for await (const batch of reader.batches()) {
      for (const r of batch.records) {
        const p = out.line(toJsonText(type.schemaNode, r, type.context, options));
        if (p) await p;
      }
    }
  } finally {
    await out.flush();
    progress.finish();
  }
  return 0;
});
