/**
 * examples/rpc-service.ts runs as documented: compiled by tsc (which emits the decorator
 * metadata it relies on; tsx does not) against the built package, it serves a decorated
 * service over TCP and HTTP, calls it with a typed client and prints what came back.
 * Only this example is compiled (same options as tsconfig.examples.json), so a broken
 * neighbour does not fail this test.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../infra/build.js';

const run = promisify(execFile);

it('examples/rpc-service.ts serves and calls a decorated service over TCP and HTTP', async () => {
  await ensureBuilt();
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  try {
    await run(process.execPath, [
      tsc, '--outDir', 'dist/examples-rpc', '--rootDir', 'examples', '--target', 'ES2022', '--module', 'NodeNext',
      '--moduleResolution', 'NodeNext', '--strict', '--exactOptionalPropertyTypes', '--verbatimModuleSyntax',
      '--experimentalDecorators', '--emitDecoratorMetadata', '--skipLibCheck', '--types', 'node', '--lib', 'ES2022,DOM',
      'examples/rpc-service.ts',
    ], { cwd: repoRoot });
  } catch (e) {
    throw new Error(`tsc failed on examples/rpc-service.ts:\n${(e as { stdout?: string }).stdout ?? String(e)}`);
  }
  const { stdout } = await run(process.execPath, ['dist/examples-rpc/rpc-service.js'], { cwd: repoRoot, timeout: 60_000 });
  expect(stdout).toMatch(
    /^protocol org\.example\.mail\.Mail: messages send, count, note; types org\.example\.mail\.Letter, org\.example\.mail\.Receipt, org\.example\.mail\.Undeliverable\n/,
  );
  expect(stdout).toMatch(/MD5 [0-9a-f]{32}; \d+ characters of JSON\n/);
  for (const scheme of ['tcp', 'http']) {
    expect(stdout).toContain(`${scheme}: receipt r-${scheme === 'tcp' ? 1 : 2} (a Receipt: true), 5 words, sent 2026-03-01T09:00:00.000Z\n`);
    expect(stdout).toContain(`${scheme}: declared error: an Undeliverable (an Error: true) for nobody: not an address\n`);
    expect(stdout).toContain(`${scheme}: undeclared error: system error "empty letters jam the machine"\n`);
  }
  expect(stdout).toContain('tcp: letters to example.org so far: 1\n');
  expect(stdout).toContain('http: letters to example.org so far: 2\n');
  expect(stdout).toMatch(
    /server log: sent to grace@example\.org \(trace tcp\); note: hello over tcp; sent to grace@example\.org \(trace http\); note: hello over http\n$/,
  );
}, 300_000);
