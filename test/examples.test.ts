/**
 * Every program in examples/ compiles (with tsc, so decorator metadata is real) against the
 * built package and runs to completion: the examples are documentation that cannot rot.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from './infra/build.js';

const run = promisify(execFile);
const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.ts'));

describe('examples/', () => {
  beforeAll(async () => {
    await ensureBuilt();
    await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.examples.json'], {
      cwd: repoRoot,
    });
  }, 300_000);

  it.each(examples)('%s runs and exits 0', async (file) => {
    const { stdout } = await run(process.execPath, [join(repoRoot, 'dist/examples', file.replace(/\.ts$/, '.js'))], {
      cwd: repoRoot,
      timeout: 60_000,
    });
    expect(stdout.length).toBeGreaterThan(0);
  }, 90_000);
});
