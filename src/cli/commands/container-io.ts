/**
 * What the container file commands (tojson, fromjson, getschema, getmeta, count, cat, concat,
 * recodec, repair, fingerprint, canonical) share: argument parsing, inputs and outputs with
 * `-` for stdin/stdout, schema loading, and a progress bar on stderr for long work on a terminal.
 */
import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { fileChunks, streamSink } from '../../container/index.js';
import type { ChunkSink } from '../../container/index.js';

/** The streams a command uses (main.ts's `CommandIO`, restated: commands must not import main.ts). */
export interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** A subcommand (main.ts's `Command`, restated). */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: CommandIO): Promise<number>;
}

/** A mistake on the command line: exit status 2, with a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** What {@link parse} returns: option values by name, and the positional arguments. */
export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses `args` strictly (unknown options are usage errors). */
export function parse(args: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * Runs a command body: usage errors print the message and a hint on stderr (exit 2); other
 * errors propagate to main.ts, which prints them (exit 1).
 */
export function defineCommand(name: string, summary: string, usage: string, body: (args: string[], io: CommandIO) => Promise<number>): Command {
  return {
    summary,
    usage,
    async run(args, io) {
      try {
        return await body(args, io);
      } catch (e) {
        if (e instanceof UsageError) {
          io.stderr.write(`avrokit ${name}: ${e.message}\nRun \`avrokit ${name} --help\` for usage.\n`);
          return 2;
        }
        throw e;
      }
    },
  };
}

/** An integer option value (`undefined` when absent). */
export function intOption(name: string, v: string | undefined, min = 0): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} needs an integer of at least ${min}, got "${v}"`);
  return n;
}

/** Bytes of a file, or of stdin for `-`, as chunks; counts progress. */
export function inputChunks(path: string, io: CommandIO, progress?: Progress): AsyncIterable<Uint8Array> {
  const source: AsyncIterable<Uint8Array> = path === '-' ? (io.stdin as AsyncIterable<Uint8Array>) : fileChunks(path);
  if (progress === undefined) return source;
  return (async function* () {
    for await (const c of source) {
      progress.add(c.length);
      yield c;
    }
  })();
}

/** The whole text of a file or stdin. */
export async function readText(path: string, io: CommandIO): Promise<string> {
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A schema argument: a file, `-` for stdin, or the schema itself when the argument is JSON
 * text (`'"int"'`, `'{"type": ...}'`) and no such file exists.
 */
export async function schemaArgument(arg: string, io: CommandIO): Promise<unknown> {
  let text: string;
  if (arg === '-') text = await readText(arg, io);
  else {
    try {
      text = await readFile(arg, 'utf8');
    } catch (e) {
      if (!/^\s*[[{"]/.test(arg)) throw new Error(`cannot read schema file ${arg}: ${(e as Error).message}`);
      text = arg;
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${arg === text ? 'the schema' : arg} is not JSON: ${(e as Error).message}`);
  }
}

/** A sink to a file, or to stdout for `-` (stdout is left open). */
export function outputSink(path: string, io: CommandIO): ChunkSink {
  if (path === '-') return streamSink(io.stdout, { end: false });
  const stream = createWriteStream(path);
  const sink = streamSink(stream);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  return {
    write: (c) => Promise.race([Promise.resolve(sink.write(c)), failed]),
    close: () => Promise.race([Promise.resolve(sink.close?.()), failed]),
  };
}

/** Writes text to a stream in batches, waiting when the stream is full. */
export class TextOut {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}

  line(s: string): void | Promise<void> {
    this.parts.push(s, '\n');
    this.size += s.length + 1;
    if (this.size >= 64 * 1024) return this.flush();
  }

  flush(): void | Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(text)) return new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }
}

/** Size of a file (undefined for stdin or when unknown), for progress. */
export async function sizeOf(path: string): Promise<number | undefined> {
  if (path === '-') return undefined;
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/**
 * A progress bar on stderr, shown only when stderr is a terminal and the work has taken more
 * than a second (short commands and pipes stay quiet); redrawn at most five times a second.
 */
export class Progress {
  private done = 0;
  private readonly start = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private readonly tty: boolean;

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly label: string,
    private total: number | undefined,
  ) {
    this.tty = (stderr as { isTTY?: boolean }).isTTY === true;
  }

  /** Adds to the total (several input files). */
  grow(bytes: number | undefined): void {
    if (bytes !== undefined) this.total = (this.total ?? 0) + bytes;
  }

  add(bytes: number): void {
    this.done += bytes;
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.start < 1000 || now - this.lastDraw < 200) return;
    this.lastDraw = now;
    this.drawn = true;
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    let text = `${this.label} ${mb(this.done)}`;
    if (this.total !== undefined && this.total > 0) {
      const f = Math.min(1, this.done / this.total);
      const width = 30;
      const full = Math.round(f * width);
      text = `${this.label} [${'#'.repeat(full)}${' '.repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}% ${mb(this.done)} / ${mb(this.total)}`;
    }
    this.stderr.write(`\r${text}\x1b[K`);
  }

  /** Erases the bar. */
  finish(): void {
    if (this.drawn) this.stderr.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** A string option's value (undefined when absent). */
export function str(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Exactly one positional argument (a file or `-`). */
export function oneInput(positionals: string[], what = 'FILE'): string {
  if (positionals.length !== 1) throw new UsageError(`expected one ${what} (or - for stdin), got ${positionals.length} arguments`);
  return positionals[0]!;
}

/** Describes a damage report for people. */
export function describeDamage(d: { kind: string; offset: number; skippedBytes: number; lostRecords: number | undefined; reason: string }): string {
  const lost = d.lostRecords === undefined ? 'an unknown number of records' : `${d.lostRecords} record${d.lostRecords === 1 ? '' : 's'}`;
  return `at byte ${d.offset}: ${d.kind}: ${d.reason}; skipped ${d.skippedBytes} bytes, ${lost} lost`;
}
