/**
 * The core (`avrokit`, i.e. dist/esm/src/index.js and everything it imports) runs outside Node:
 * bundled with esbuild for a neutral platform (a Node built-in import fails the bundle) and run
 * in a bare `node:vm` context that has the ECMAScript globals plus TextEncoder/TextDecoder and
 * console, and no Buffer, process, require or module. A record round-trips there, and the bytes
 * match avsc's. A second check reads the bundle's syntax tree for Node globals used without a
 * guard: the core must reach them only as `globalThis.X` or under `typeof X`.
 */
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import avsc from 'avsc';
import { build } from 'esbuild';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from './build.js';

const NODE_GLOBALS = new Set(['Buffer', 'process', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate']);

let bundle = '';


/** Identifiers naming a Node global that the bundle uses unguarded (neither declared nor under typeof). */
function unguardedNodeGlobals(code: string): string[] {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const declared = new Set<string>();
  const uses: { name: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) &&
      node.name && ts.isIdentifier(node.name)
    ) {
      declared.add(node.name.text);
    }
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
      const p = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(p) && p.name === node) ||
        ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === node);
      const isDeclarationName =
        (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p)) && p.name === node;
      if (!isPropertyName && !isDeclarationName && !ts.isTypeOfExpression(p) && !ts.isShorthandPropertyAssignment(p)) {
        uses.push({ name: node.text, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const lines = code.split('\n');
  return uses.filter((u) => !declared.has(u.name)).map((u) => `${u.name} at bundle line ${u.line}: ${lines[u.line - 1]!.trim().slice(0, 120)}`);
}

const schema = {
  type: 'record',
  name: 'org.example.Portable',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'count', type: 'int' },
    { name: 'ratio', type: 'double' },
    { name: 'flag', type: 'boolean' },
    { name: 'name', type: 'string' },
    { name: 'payload', type: 'bytes' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'scores', type: { type: 'map', values: 'float' } },
    { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] } },
    { name: 'note', type: ['null', 'string'] },
    { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 } },
  ],
};

/** Runs inside the bare context: encode, decode, and describe the results as JSON text. */
const roundTripScript = `(() => {
  const hex = (u) => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('');
  const value = {
    id: 1234567890123, count: -42, ratio: 0.5, flag: true, name: 'héllo ✓',
    payload: new Uint8Array([0, 1, 254, 255]), tags: ['a', 'b'], scores: { x: 1.5 },
    color: 'GREEN', note: 'n', hash: new Uint8Array([1, 2, 3, 4]),
  };
  const type = avrokit.Type.forSchema(${JSON.stringify(schema)});
  const buf = type.toBuffer(value);
  const back = type.fromBuffer(buf);
  return JSON.stringify({
    isUint8Array: buf instanceof Uint8Array,
    hex: hex(buf),
    back: { ...back, payload: hex(back.payload), hash: hex(back.hash), scores: { ...back.scores } },
    valid: type.isValid(value),
  });
})()`;

describe('the core outside Node', () => {
  beforeAll(async () => {
    await ensureBuilt();
    const out = await build({
      entryPoints: [join(repoRoot, 'dist/esm/src/index.js')],
      bundle: true,
      format: 'iife',
      globalName: 'avrokit',
      platform: 'neutral',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    bundle = out.outputFiles[0]!.text;
  }, 300_000);

  it('bundles for a neutral platform (imports no Node built-in)', () => {
    expect(bundle.length).toBeGreaterThan(1000);
  });

  it('references no Node global unguarded (only globalThis.X or typeof X)', () => {
    expect(unguardedNodeGlobals(bundle)).toEqual([]);
  });

  it('round-trips a record in a vm context without Buffer, process or require', () => {
    const context = createContext({ TextEncoder, TextDecoder, console });
    runInContext(bundle, context, { filename: 'avrokit.bundle.js' });
    expect(runInContext('[typeof Buffer, typeof process, typeof require, typeof module]', context)).toEqual(
      ['undefined', 'undefined', 'undefined', 'undefined'],
    );
    const result = JSON.parse(runInContext(roundTripScript, context) as string) as Record<string, unknown>;

    const expectedHex = avsc.Type.forSchema(schema as avsc.Schema)
      .toBuffer({
        id: 1234567890123, count: -42, ratio: 0.5, flag: true, name: 'héllo ✓',
        payload: Buffer.from([0, 1, 254, 255]), tags: ['a', 'b'], scores: { x: 1.5 },
        color: 'GREEN', note: 'n', hash: Buffer.from([1, 2, 3, 4]),
      })
      .toString('hex');
    expect(result).toEqual({
      isUint8Array: true,
      hex: expectedHex,
      back: {
        id: 1234567890123, count: -42, ratio: 0.5, flag: true, name: 'héllo ✓',
        payload: '0001feff', tags: ['a', 'b'], scores: { x: 1.5 },
        color: 'GREEN', note: 'n', hash: '01020304',
      },
      valid: true,
    });
  });
});

describe('the unguarded-global check itself', () => {
  it('flags bare uses and accepts globalThis.X, typeof X and local bindings', () => {
    expect(unguardedNodeGlobals('const a = Buffer.from([1]);')).toHaveLength(1);
    expect(unguardedNodeGlobals('if (process.env.X) {}')).toHaveLength(1);
    expect(unguardedNodeGlobals('const fs = require("fs");')).toHaveLength(1);
    expect(
      unguardedNodeGlobals(
        'const B = globalThis.Buffer; const t = typeof process; const o = { Buffer: 1 }; o.process = 2; function f(require) { return require; }',
      ),
    ).toEqual([]);
  });
});

describe('avrokit/decorators outside Node', () => {
  it('bundles for the browser (the RPC service decorators live in avrokit/decorators/rpc)', async () => {
    await ensureBuilt();
    const out = await build({
      entryPoints: [join(repoRoot, 'dist/esm/decorators/index.js')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    expect(out.outputFiles[0]!.text).toContain('schemaOf');
  }, 300_000);
});
