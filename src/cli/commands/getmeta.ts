/** `avrokit getmeta`: the metadata of a container file's header. */
import { ContainerReader } from '../../container/index.js';
import { defineCommand, inputChunks, oneInput, parse, str } from './container-io.js';

const USAGE = `usage: avrokit getmeta [--key KEY] FILE

Prints the header metadata of an Avro container file (- reads stdin), one "key<TAB>value"
per line (avro.schema, avro.codec and user metadata). Values that are not UTF-8 text print
as hex, prefixed with 0x.

  --key KEY   print only the value of KEY (exit status 1 when it is absent).`;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A value as text when it is printable UTF-8, else as hex. */
function show(v: Uint8Array): string {
  try {
    const s = utf8.decode(v);
    // eslint-disable-next-line no-control-regex
    if (!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return s;
  } catch {
    // not UTF-8: hex below
  }
  return `0x${Buffer.from(v).toString('hex')}`;
}

export const command = defineCommand('getmeta', 'print the header metadata of a container file', USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { key: { type: 'string' } });
  const reader = await ContainerReader.open(inputChunks(oneInput(positionals), io));
  await reader.close();
  const key = str(values.key);
  if (key !== undefined) {
    const v = reader.header.metadata.get(key);
    if (v === undefined) {
      io.stderr.write(`avrokit getmeta: no metadata key "${key}" (keys: ${[...reader.header.metadata.keys()].join(', ')})\n`);
      return 1;
    }
    io.stdout.write(`${show(v)}\n`);
    return 0;
  }
  for (const [k, v] of reader.header.metadata) io.stdout.write(`${k}\t${show(v)}\n`);
  return 0;
});
