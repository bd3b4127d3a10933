/**
 * Makes sure `dist/` is built from the current sources, building at most once even when several
 * test files (running in parallel workers) ask at the same time.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Newest modification time (ms) of the files that determine the build output. */
function newestInput(): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else if (/\.(ts|json|mjs)$/.test(path)) newest = Math.max(newest, st.mtimeMs);
  };
  for (const input of ['src', 'decorators', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.cjs.json', 'scripts/build.mjs']) {
    visit(join(repoRoot, input));
  }
  return newest;
}

/** Oldest of the build's marker files, or -1 when one is missing. */
function builtAt(): number {
  const markers = ['dist/esm/package.json', 'dist/cjs/package.json'].map((p) => join(repoRoot, p));
  if (!markers.every((p) => existsSync(p))) return -1;
  return Math.min(...markers.map((p) => statSync(p).mtimeMs));
}

export function distIsFresh(): boolean {
  const built = builtAt();
  return built >= 0 && built >= newestInput();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `npm run build` unless dist/ is newer than every source. A directory lock in the temp
 * folder (keyed by the repository path) keeps parallel test files from building over each other.
 */
export async function ensureBuilt(): Promise<void> {
  if (distIsFresh()) return;
  const key = createHash('sha256').update(repoRoot).digest('hex').slice(0, 16);
  const lock = join(tmpdir(), `avrokit-build-${key}.lock`);
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than 5 minutes belongs to a dead process.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmdirSync(lock);
      } catch { /* released meanwhile */ }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      await sleep(250);
    }
  }
  try {
    if (distIsFresh()) return;
    await promisify(execFile)('npm', ['run', 'build'], { cwd: repoRoot, maxBuffer: 16 << 20 }).catch((e: unknown) => {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`npm run build failed:\n${err.stdout ?? ''}${err.stderr ?? ''}${err.message}`);
    });
  } finally {
    rmdirSync(lock);
  }
}
