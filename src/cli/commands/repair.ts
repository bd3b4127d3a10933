/** `avrokit repair`: recover the readable records of a damaged container file. */
import { ContainerReader, ContainerWriter } from '../../container/index.js';
import type { DamageReport } from '../../container/index.js';
import { Progress, defineCommand, describeDamage, inputChunks, outputSink, parse, sizeOf, UsageError } from './container-io.js';
import { userMetadata } from './container-inputs.js';

const USAGE = `usage: avrokit repair [--report] IN [OUT]

Recovers what can be read from a damaged Avro container file IN (- reads stdin: a truncated
last block, corrupt blocks, bad sync markers) into a new file OUT (- writes stdout) with the
same schema, codec and metadata. Damaged blocks are skipped up to the next sync marker;
records of a damaged block that decoded before the damage are kept. What was skipped is
reported on stderr.

  --report   only report the damage; write nothing (OUT is not needed).

Exit status: 0 when the file was intact or repaired, 1 when nothing could be read.`;

export const command = defineCommand('repair', 'recover the readable records of a damaged container file', USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { report: { type: 'boolean' } });
  const reportOnly = values.report === true;
  if (positionals.length !== (reportOnly ? 1 : 2) && !(reportOnly && positionals.length === 2)) {
    throw new UsageError(reportOnly ? 'give the file to check' : 'give the damaged file and the output file (- for stdin/stdout)');
  }
  const [input, output] = positionals as [string, string | undefined];
  const damage: DamageReport[] = [];
  const progress = new Progress(io.stderr, 'repair', await sizeOf(input));
  const reader = await ContainerReader.open(inputChunks(input, io, progress), {
    onDamage: 'skip',
    onSkip: (d) => {
      damage.push(d);
      io.stderr.write(`avrokit repair: ${describeDamage(d)}\n`);
    },
  });
  const writer = reportOnly || output === undefined
    ? undefined
    : new ContainerWriter(reader.writerType, outputSink(output, io), {
      codec: reader.header.codec,
      metadata: userMetadata(reader.header),
    });
  let n = 0;
  try {
    for await (const batch of reader.batches()) {
      n += batch.records.length;
      if (writer !== undefined) await writer.writeAll(batch.records);
    }
    await writer?.close();
  } finally {
    progress.finish();
  }
  const lost = damage.reduce((sum, d) => sum + (d.lostRecords ?? 0), 0);
  const unknown = damage.some((d) => d.lostRecords === undefined);
  io.stderr.write(
    damage.length === 0
      ? `avrokit repair: no damage found; ${n} records${writer ? ' copied' : ''}\n`
      : `avrokit repair: ${damage.length} damaged region${damage.length > 1 ? 's' : ''}; ` +
          `${n} records recovered${writer ? '' : ' (not written: --report)'}, ${unknown ? 'at least ' : ''}${lost} lost\n`,
  );
  return n === 0 && damage.length > 0 ? 1 : 0;
});
