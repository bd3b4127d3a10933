/** `avrokit cat`: records of container files, with offset, limit and sampling, into a new file. */
import { ContainerWriter } from '../../container/index.js';
import { ByteReader } from '../../wire/reader.js';
import { defineCommand, intOption, outputSink, parse, str, UsageError } from './container-io.js';
import { inputsAndOutput, openInputs, userMetadata } from './container-inputs.js';

const USAGE = `usage: avrokit cat [--offset N] [--limit N] [--samplerate R] [--codec C] IN... OUT

Copies records of one or more Avro container files with the same schema (- reads stdin) into
a new container file OUT (- writes stdout), as avro-tools cat does. Records are copied as
encoded, without decoding them into values.

  --offset N       skip the first N records (over all inputs together).
  --limit N        copy at most N records.
  --samplerate R   keep this fraction of the records (0 < R <= 1), evenly spaced.
  --codec C        the output's codec (default: the first input's).`;

export const command = defineCommand('cat', 'copy records (offset, limit, sample) into a new container file', USAGE, async (args, io) => {
  const { values, positionals } = parse(args, {
    offset: { type: 'string' },
    limit: { type: 'string' },
    samplerate: { type: 'string' },
    codec: { type: 'string' },
  });
  const { inputs, output } = inputsAndOutput(positionals);
  const offset = intOption('offset', str(values.offset)) ?? 0;
  const limit = intOption('limit', str(values.limit)) ?? Infinity;
  const rate = str(values.samplerate) === undefined ? 1 : Number(values.samplerate);
  if (!(rate > 0 && rate <= 1)) throw new UsageError(`--samplerate needs a number in (0, 1], got "${String(values.samplerate)}"`);
  let writer: ContainerWriter | undefined;
  let seen = 0; // records past the offset
  let skipped = 0;
  let written = 0;
  outer: for await (const input of openInputs(inputs, io, 'cat')) {
    const type = input.reader.writerType;
    writer ??= new ContainerWriter(type, outputSink(output, io), {
      codec: str(values.codec) ?? input.reader.header.codec,
      metadata: userMetadata(input.reader.header),
    });
    for await (const block of input.reader.blocks()) {
      if (skipped + block.count <= offset) {
        skipped += block.count;
        continue;
      }
      const data = await input.decompress(block);
      const r = new ByteReader(data);
      for (let i = 0; i < block.count; i++) {
        const start = r.pos;
        type.skip(r);
        if (skipped < offset) {
          skipped++;
          continue;
        }
        // Keep record k when floor((k + 1) * rate) passes an integer: evenly spaced, exact rate.
        const keep = Math.floor((seen + 1) * rate) > Math.floor(seen * rate);
        seen++;
        if (!keep) continue;
        if (writer.addEncoded(data.subarray(start, r.pos), 1)) await writer.endBlock();
        if (++written >= limit) {
          await input.reader.close();
          break outer;
        }
      }
    }
  }
  await writer?.close();
  return 0;
});
