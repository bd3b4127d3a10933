import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** What a command printed and how it exited. */
export interface CliResult {
  code: number;
  stdout: Buffer;
  stderr: string;
  text: string;
}

function collector(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      cb();
    },
  });
}

/** Runs `avrokit ...args` in this process with in-memory stdin/stdout/stderr. */
export async function cli(args: string[], stdin: Uint8Array | string = ''): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const code = await main(args, {
    stdin: Readable.from([typeof stdin === 'string' ? Buffer.from(stdin) : Buffer.from(stdin)]),
    stdout: collector(out),
    stderr: collector(err),
  });
  const stdout = Buffer.concat(out);
  return { code, stdout, stderr: Buffer.concat(err).toString('utf8'), text: stdout.toString('utf8') };
}
