/** `avrokit count`: how many records a container file holds. */
import { ContainerReader } from '../../container/index.js';
import { Progress, defineCommand, describeDamage, inputChunks, oneInput, parse, sizeOf } from './container-io.js';

const USAGE = `usage: avrokit count [--skip-damaged] FILE

Prints the number of records in an Avro container file (- reads stdin). Blocks are counted
from their headers and checked by their sync markers, without decompressing or decoding.

  --skip-damaged   skip damaged blocks (reported on stderr) instead of stopping.`;

export const command = defineCommand('count', 'count the records of a container file', USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { 'skip-damaged': { type: 'boolean' } });
  const file = oneInput(positionals);
  const progress = new Progress(io.stderr, 'count', await sizeOf(file));
  const reader = await ContainerReader.open(inputChunks(file, io, progress), {
    onDamage: values['skip-damaged'] === true ? 'skip' : 'error',
    onSkip: (d) => void io.stderr.write(`avrokit count: ${describeDamage(d)}\n`),
  });
  let n = 0;
  try {
    for await (const block of reader.blocks()) n += block.count;
  } finally {
    progress.finish();
  }
  io.stdout.write(`${n}\n`);
  return 0;
});
