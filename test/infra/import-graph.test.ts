import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  collectEdges,
  findCycles,
  forbiddenEdges,
  importSpecifiers,
  layerOf,
  listTsFiles,
  type Edge,
} from './import-graph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const files = [...listTsFiles(root, 'src'), ...listTsFiles(root, 'decorators')];
const edges = collectEdges(root, files);

describe('the import graph of src/ and decorators/', () => {
  it('finds the source files (the check is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(edges.some((e) => e.local)).toBe(true);
  });

  it('has no edge that DESIGN §1 forbids, and every file belongs to a layer', () => {
    const problems = [...new Set(forbiddenEdges(edges))];
    if (problems.length) console.error(`Forbidden imports:\n  ${problems.join('\n  ')}`);
    expect(problems).toEqual([]);
  });

  it('has no cycle between files', () => {
    const cycles = findCycles(edges).map((c) => c.join(' → '));
    if (cycles.length) console.error(`Import cycles:\n  ${cycles.join('\n  ')}`);
    expect(cycles).toEqual([]);
  });
});

// The rules on synthetic graphs: proof that the check above would catch what it claims to.
const edge = (from: string, to: string): Edge => ({ from, to, specifier: to, local: true, resolved: true });
const pkg = (from: string, specifier: string): Edge => ({ from, to: specifier, specifier, local: false, resolved: false });

describe('the import-graph rules', () => {
  it('sees static, type-only, re-export, side-effect and dynamic imports, but not comments', () => {
    const src = [
      "import type { A } from './a.js';",
      "import {\n  B,\n} from './b.js';",
      "export * from './c.js';",
      "import './d.js';",
      "const e = await import('./e.js');",
      "// import f from './f.js';",
      "const g = 'import h from \"./h.js\"';",
    ].join('\n');
    expect(importSpecifiers(src)).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js']);
  });

  it('classifies files into layers and refuses unknown ones', () => {
    expect(layerOf('src/wire/reader.ts')).toBe('wire');
    expect(layerOf('src/rpc/transport/tcp.ts')).toBe('rpc');
    expect(layerOf('src/type.ts')).toBe('root');
    expect(layerOf('src/single-object.ts')).toBe('root');
    expect(layerOf('src/index.ts')).toBe('index.ts');
    expect(layerOf('decorators/field.ts')).toBe('decorators');
    expect(layerOf('src/misc/x.ts')).toHaveProperty('unknown');
  });

  it.each([
    ['src/wire/reader.ts', 'src/schema/model.ts'],
    ['src/schema/parse.ts', 'src/codec/binary.ts'],
    ['src/logical/decimal.ts', 'src/wire/reader.ts'],
    ['src/codec/binary.ts', 'src/compiler/emit.ts'],
    ['src/compiler/emit.ts', 'src/type.ts'],
    ['src/type.ts', 'src/container/writer.ts'],
    ['src/index.ts', 'src/rpc/index.ts'],
    ['src/type.ts', 'src/index.ts'],
    ['src/container/writer.ts', 'src/rpc/index.ts'],
    ['src/container/writer.ts', 'src/index.ts'],
    ['src/repository/repo.ts', 'src/rpc/client.ts'],
    ['src/schema/registry.ts', 'decorators/record.ts'],
    ['decorators/record.ts', 'src/schema/model.ts'],
  ])('forbids %s → %s', (from, to) => {
    const [problem] = forbiddenEdges([edge(from, to)]);
    expect(problem).toContain(`${from} → ${to}`);
  });

  it.each([
    ['src/schema/parse.ts', 'src/wire/crc32.ts'],
    ['src/codec/binary.ts', 'src/resolution/plan.ts'],
    ['src/compiler/emit.ts', 'src/codec/context.ts'],
    ['src/type.ts', 'src/compiler/index.ts'],
    ['src/container/writer.ts', 'src/type.ts'],
    ['src/type.ts', 'src/single-object.ts'],
    ['src/index.ts', 'src/type.ts'],
    ['src/repository/repo.ts', 'src/container/index.ts'],
    ['src/cli/main.ts', 'src/rpc/index.ts'],
    ['decorators/record.ts', 'src/index.ts'],
    ['decorators/record.ts', 'src/schema/index.ts'],
    ['src/rpc/transport/tcp.ts', 'src/rpc/frame.ts'],
  ])('allows %s → %s', (from, to) => {
    expect(forbiddenEdges([edge(from, to)])).toEqual([]);
  });

  it('keeps packages and Node built-ins out of the portable core only', () => {
    expect(forbiddenEdges([pkg('src/codec/binary.ts', 'node:buffer')])).toHaveLength(1);
    expect(forbiddenEdges([pkg('src/type.ts', 'reflect-metadata')])).toHaveLength(1);
    expect(forbiddenEdges([pkg('src/container/file.ts', 'node:zlib')])).toEqual([]);
    expect(forbiddenEdges([pkg('decorators/index.ts', 'reflect-metadata')])).toEqual([]);
  });

  it('reports an import that resolves to no file', () => {
    const missing: Edge = { ...edge('src/codec/a.ts', 'src/codec/gone.js'), resolved: false };
    expect(forbiddenEdges([missing])[0]).toContain('resolves to no .ts file');
  });

  it('finds cycles, including long ones and self-imports, and names their files', () => {
    expect(findCycles([edge('a', 'b'), edge('b', 'c')])).toEqual([]);
    expect(findCycles([edge('a', 'b'), edge('b', 'a')])).toEqual([['a', 'b', 'a']]);
    expect(findCycles([edge('a', 'a')])).toEqual([['a', 'a']]);
    const long = findCycles([edge('x', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'd'), edge('d', 'a'), edge('c', 'a')]);
    expect(long).toEqual([['a', 'b', 'c', 'a']]);
  });
});
