/**
 * The built package as a user gets it: `require('avrokit')` and `import('avrokit')` both load
 * (run in a plain `node` child, so Node's own resolution of package.json "exports" is what is
 * tested, not the test runner's), and every subpath export points at files that exist.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from './build.js';

const run = promisify(execFile);

interface Manifest {
  name: string;
  main: string;
  module: string;
  types: string;
  exports: Record<string, string | Record<string, Record<string, string> | string>>;
}
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;

/** Every file a subpath export names, with the condition path that names it. */
function targets(entry: Manifest['exports'][string], path = ''): { condition: string; file: string }[] {
  if (typeof entry === 'string') return [{ condition: path || 'default', file: entry }];
  return Object.entries(entry).flatMap(([cond, sub]) => targets(sub, path ? `${path}.${cond}` : cond));
}

/** The source entry point a subpath is built from: dist/esm/X.js ← X.ts. */
function sourceOf(subpath: string): string | undefined {
  const entry = manifest.exports[subpath];
  if (entry === undefined) return undefined;
  const esm = targets(entry).find((t) => t.file.startsWith('./dist/esm/') && t.file.endsWith('.js'));
  return esm && esm.file.replace('./dist/esm/', '').replace(/\.js$/, '.ts');
}

const codeSubpaths = Object.keys(manifest.exports).filter((s) => s !== './package.json');

/** Loads `specifier` in a fresh node process by require or import; answers its export names. */
async function loadInNode(how: 'require' | 'import', specifier: string): Promise<string[]> {
  const code =
    how === 'require'
      ? `const m = require(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)));`
      : `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)));`;
  const args = how === 'require' ? ['-e', code] : ['--input-type=module', '-e', code];
  const { stdout } = await run(process.execPath, args, { cwd: repoRoot });
  return JSON.parse(stdout.trim().split('\n').pop()!) as string[];
}

beforeAll(async () => {
  await ensureBuilt();
}, 300_000);

describe('the built package', () => {
  it('declares main, module and types that exist', () => {
    for (const file of [manifest.main, manifest.module, manifest.types]) {
      expect(existsSync(join(repoRoot, file)), `${file} (package.json main/module/types)`).toBe(true);
    }
  });

  it("loads with require('avrokit') (CommonJS build) and exports Type", async () => {
    expect(await loadInNode('require', manifest.name)).toContain('Type');
    expect(await loadInNode('require', join(repoRoot, 'dist/cjs/src/index.js'))).toContain('Type');
  });

  it("loads with import('avrokit') (ES module build) and exports Type", async () => {
    expect(await loadInNode('import', manifest.name)).toContain('Type');
    const url = new URL(`file://${join(repoRoot, 'dist/esm/src/index.js')}`).href;
    const esm = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
    expect(typeof esm['Type']).toBe('function');
  });
});

describe('every subpath export after the build', () => {
  for (const subpath of codeSubpaths) {
    const source = sourceOf(subpath);
    const present = source !== undefined && existsSync(join(repoRoot, source));
    if (!present) {
      console.warn(
        `\n*** package.test: skipping export '${subpath}': its entry point ${source ?? '(none)'} does not exist yet ***\n`,
      );
    }
    it.skipIf(!present)(`'${subpath}' points at files that exist and loads by require and import`, async () => {
      for (const t of targets(manifest.exports[subpath]!)) {
        expect(existsSync(join(repoRoot, t.file)), `exports['${subpath}'].${t.condition} → ${t.file}`).toBe(true);
      }
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      const [cjs, esm] = await Promise.all([loadInNode('require', specifier), loadInNode('import', specifier)]);
      expect(cjs.length, `require('${specifier}') exports something`).toBeGreaterThan(0);
      expect(esm.filter((k) => k !== 'default').sort()).toEqual(cjs.filter((k) => k !== 'default' && k !== '__esModule').sort());
    });
  }

  it("exports './package.json'", () => {
    expect(manifest.exports['./package.json']).toBe('./package.json');
  });
});
