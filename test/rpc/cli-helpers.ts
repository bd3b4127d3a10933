/** Runs `avrokit` subcommands in this process with captured streams. */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface Run {
  /** Resolves with the exit code. */
  done: Promise<number>;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `re`. */
  line(re: RegExp): Promise<string>;
}

export function avrokit(...argv: string[]): Run {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  const waiters: { re: RegExp; resolve(l: string): void }[] = [];
  stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    for (const w of [...waiters]) {
      const hit = out.split('\n').find((l) => w.re.test(l));
      if (hit !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const done = main(argv, { stdin: new PassThrough(), stdout, stderr });
  return {
    done,
    stdout: () => out,
    stderr: () => err,
    line: (re) =>
      new Promise((resolve, reject) => {
        const hit = out.split('\n').find((l) => re.test(l));
        if (hit !== undefined) resolve(hit);
        else {
          waiters.push({ re, resolve });
          done.then((code) => reject(new Error(`exited ${code} before printing ${re}: ${err}`)), reject);
        }
      }),
  };
}
