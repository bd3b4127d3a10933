/**
 * `avrokit compat`: can data written with one schema be read with another (Avro schema
 * resolution), or does a new schema version pass a registry compatibility mode?
 */
import { readFile } from 'node:fs/promises';
import type { CompatibilityMode, CompatibilityResult, Incompatibility, ModeResult } from '../../resolution/index.js';
import { checkCompatibility, checkVersions, COMPATIBILITY_MODES, parseCompatibilityMode } from '../../resolution/index.js';
import { parseSchema } from '../../schema/parse.js';
import type { Schema } from '../../schema/model.js';

/**
 * The streams a command uses: the shape of main.ts's `CommandIO`, spelled out here so this
 * module does not import main.ts (which loads it: an import cycle).
 */
interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = `usage: avrokit compat --reader R --writer W [--mode backward|forward|full] [--json]
       avrokit compat --mode MODE [--json] V1 V2 ... VN

Checks schema files (JSON; '-' reads stdin) for compatibility under Avro's schema resolution.

  --reader R --writer W   can data written with W be read with R? With --mode, R is the new
                          schema and W the old one: backward (R reads W's data, the default),
                          forward (W reads R's data) or full (both).
  --mode MODE V1 ... VN   versions oldest first; VN is the new schema, checked as a schema
                          registry would: ${COMPATIBILITY_MODES.join(', ')}
                          (non-transitive modes check VN against VN-1 only).
  --json                  print the result as JSON instead of words.

Exit status: 0 compatible, 1 not compatible, 2 usage or schema error.`;

/** A mistake in the command line or in a schema file: exit status 2. */
class UsageError extends Error {
  constructor(message: string, readonly showHelp = true) {
    super(message);
  }
}

interface Args {
  reader?: string;
  writer?: string;
  mode?: CompatibilityMode;
  json: boolean;
  files: string[];
}

function parseArgs(args: readonly string[]): Args {
  const out: Args = { json: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--reader') out.reader = value();
    else if (a === '--writer') out.writer = value();
    else if (a === '--json') out.json = true;
    else if (a === '--mode') {
      const m = value();
      const mode = parseCompatibilityMode(m);
      if (mode === undefined) throw new UsageError(`unknown mode "${m}"; modes: ${COMPATIBILITY_MODES.join(', ')}`);
      out.mode = mode;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else out.files.push(a);
  }
  if ((out.reader === undefined) !== (out.writer === undefined)) throw new UsageError('give both --reader and --writer');
  if (out.reader !== undefined && out.files.length > 0) throw new UsageError('give either --reader/--writer or a list of versions, not both');
  if (out.reader === undefined && out.files.length === 0) throw new UsageError('give --reader and --writer, or --mode and schema files');
  if (out.reader === undefined && out.mode === undefined) throw new UsageError('a list of versions needs --mode');
  if ([out.reader, out.writer, ...out.files].filter((f) => f === '-').length > 1) throw new UsageError("only one schema can come from stdin ('-')");
  return out;
}

async function loadSchema(file: string, io: CommandIO): Promise<Schema> {
  let text: string;
  try {
    text = file === '-' ? await readStream(io.stdin) : await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`, false);
  }
  try {
    return parseSchema(JSON.parse(text));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`, false);
  }
}

async function readStream(s: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function describeIssues(list: readonly Incompatibility[], indent: string): string[] {
  return list.map((x, i) =>
    `${indent}${i + 1}. ${x.kind} at ${x.path === '' ? '(root)' : x.path} (${x.location}): ${x.message}` +
      (x.when === 'read' ? ' [fails only when such a value is read]' : ''));
}

function pairInWords(result: CompatibilityResult, reader: string, writer: string, indent = ''): string[] {
  if (result.compatible) return [`${indent}compatible: ${reader} can read all data written with ${writer}`];
  const n = result.incompatibilities.length;
  return [
    `${indent}NOT compatible: ${reader} cannot read all data written with ${writer} (${n} problem${n > 1 ? 's' : ''}):`,
    ...describeIssues(result.incompatibilities, `${indent}  `),
  ];
}

function modeInWords(result: ModeResult, names: readonly string[]): string[] {
  const latest = names[names.length - 1]!;
  const lines = [
    `${result.compatible ? 'compatible' : 'NOT compatible'}: ${latest} under mode ${result.mode} ` +
      `(${names.length} version${names.length > 1 ? 's' : ''}, ${result.checks.length} check${result.checks.length === 1 ? '' : 's'})`,
  ];
  for (const c of result.checks) {
    const old = names[c.version]!;
    lines.push(...(c.direction === 'backward' ? pairInWords(c.result, latest, old, '  ') : pairInWords(c.result, old, latest, '  ')));
  }
  return lines;
}

async function run(args: string[], io: CommandIO): Promise<number> {
  let parsed: Args;
  try {
    parsed = parseArgs(args);
    let names: string[];
    let versions: Schema[];
    let mode: CompatibilityMode;
    if (parsed.reader !== undefined && parsed.writer !== undefined) {
      const reader = await loadSchema(parsed.reader, io);
      const writer = await loadSchema(parsed.writer, io);
      if (parsed.mode === undefined) {
        const result = checkCompatibility(reader, writer);
        io.stdout.write(parsed.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${pairInWords(result, `reader ${parsed.reader}`, `writer ${parsed.writer}`).join('\n')}\n`);
        return result.compatible ? 0 : 1;
      }
      // The reader is the new schema, the writer the old one.
      names = [parsed.writer, parsed.reader];
      versions = [writer, reader];
      mode = parsed.mode;
    } else {
      names = parsed.files;
      versions = [];
      for (const f of parsed.files) versions.push(await loadSchema(f, io));
      mode = parsed.mode!;
    }
    const result = checkVersions(mode, versions);
    io.stdout.write(parsed.json ? `${JSON.stringify(result, null, 2)}\n` : `${modeInWords(result, names).join('\n')}\n`);
    return result.compatible ? 0 : 1;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const help = e.showHelp ? '\nrun `avrokit compat --help` for the options\n' : '';
    io.stderr.write(`avrokit compat: ${e.message}\n${help}`);
    return 2;
  }
}

/** The `compat` subcommand (main.ts's `Command` shape). */
export const command = {
  summary: 'check whether a reader schema can read a writer schema\'s data, or a registry mode over versions',
  usage: USAGE,
  run,
};
