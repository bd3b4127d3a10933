/**
 * Several container files read as one (cat, concat): each must have the schema of the first
 * (same Parsing Canonical Form); the first one's codec and user metadata carry over.
 */
import { ContainerReader, DEFAULT_CONTAINER_LIMITS, defaultCodecs } from '../../container/index.js';
import type { ContainerCodec, ContainerHeader, RawBlock } from '../../container/index.js';
import { canonicalForm } from '../../schema/canonical.js';
import type { Type } from '../../type.js';
import { Progress, UsageError, inputChunks, sizeOf } from './container-io.js';
import type { CommandIO } from './container-io.js';

/** Metadata entries that are the user's (not reserved `avro.` keys). */
export function userMetadata(header: ContainerHeader): Map<string, Uint8Array> {
  return new Map([...header.metadata].filter(([k]) => !k.startsWith('avro.')));
}

/** Splits `IN... OUT` (avro-tools style): at least one input, the last argument is the output. */
export function inputsAndOutput(positionals: string[]): { inputs: string[]; output: string } {
  if (positionals.length < 2) throw new UsageError('give one or more input files and then the output file (- for stdin/stdout)');
  const inputs = positionals.slice(0, -1);
  if (inputs.filter((f) => f === '-').length > 1) throw new UsageError('only one input can be stdin (-)');
  return { inputs, output: positionals[positionals.length - 1]! };
}

/** One input file's blocks, decompressed on demand. */
export interface OpenInput {
  readonly file: string;
  readonly reader: ContainerReader;
  readonly codec: ContainerCodec;
  decompress(block: RawBlock): Promise<Uint8Array>;
}

/**
 * Opens the inputs one after the other (a file is opened only when the previous one is done,
 * so memory and file handles stay bounded), checking each schema against the first.
 */
export async function* openInputs(files: string[], io: CommandIO, label: string): AsyncGenerator<OpenInput> {
  const codecs = defaultCodecs();
  const progress = new Progress(io.stderr, label, 0);
  for (const f of files) progress.grow(await sizeOf(f));
  let first: { type: Type; canonical: string; file: string } | undefined;
  try {
    for (const file of files) {
      const reader = await ContainerReader.open(inputChunks(file, io, progress));
      const canonical = canonicalForm(reader.writerType.schemaNode);
      if (first === undefined) first = { type: reader.writerType, canonical, file };
      else if (canonical !== first.canonical) {
        await reader.close();
        throw new Error(`${file} has another schema than ${first.file}:\n  ${canonical}\n  ${first.canonical}`);
      }
      const codec = await codecs.get(reader.header.codec);
      yield {
        file,
        reader,
        codec,
        decompress: async (block) => {
          try {
            return await codec.decompress(block.data, DEFAULT_CONTAINER_LIMITS.maxBlockBytes);
          } catch (e) {
            throw new Error(`${file}: bad ${codec.name} data in the block at byte ${block.offset}: ${(e as Error).message}`, { cause: e });
          }
        },
      };
    }
  } finally {
    progress.finish();
  }
}
