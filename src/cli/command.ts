/**
 * The shape of a subcommand module. Commands import this file, never main.ts (which loads
 * them: that would be an import cycle).
 */

/** What every subcommand module exports. */
export interface Command {
  /** One line for the command list. */
  readonly summary: string;
  /** Full usage text for `avrokit NAME --help`. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CommandIO): Promise<number>;
}

/** Streams a command talks to (replaceable in tests). */
export interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}
