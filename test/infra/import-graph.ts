/**
 * The import-graph check behind `import-graph.test.ts`: collects every import between the
 * project's own files (static, type-only, re-exports, dynamic `import()` and `require()`),
 * classifies each file into its layer, and reports forbidden edges (docs/architecture.md, DESIGN
 * §1) and cycles. Kept apart from the test so the rules can be tested on synthetic graphs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * A layer: a folder under src/, the decorators front end, `index.ts` (the `avrokit` entry
 * point), or `root`: src/type.ts and the other files beside it (the public `Type` and its
 * helpers, such as single-object framing).
 */
export type Layer =
  | 'wire' | 'schema' | 'logical' | 'resolution' | 'codec' | 'compiler'
  | 'root' | 'index.ts'
  | 'container' | 'rpc' | 'repository' | 'cli'
  | 'decorators';

const ALL_SRC: readonly Layer[] = [
  'wire', 'schema', 'logical', 'resolution', 'codec', 'compiler', 'root', 'index.ts',
  'container', 'rpc', 'repository', 'cli',
];

/** Which other layers each layer may import (its own layer is always allowed). */
export const ALLOWED: Readonly<Record<Layer, readonly Layer[]>> = {
  wire: [],
  schema: ['wire'],
  logical: ['schema'],
  resolution: ['schema', 'logical'],
  codec: ['wire', 'schema', 'logical', 'resolution'],
  compiler: ['wire', 'schema', 'logical', 'resolution', 'codec'],
  root: ALL_SRC.filter((l) => !['cli', 'container', 'repository', 'rpc', 'index.ts'].includes(l)),
  'index.ts': ALL_SRC.filter((l) => !['cli', 'container', 'repository', 'rpc'].includes(l)),
  container: ['wire', 'schema', 'logical', 'resolution', 'codec', 'compiler', 'root'],
  rpc: ['wire', 'schema', 'logical', 'resolution', 'codec', 'compiler', 'root'],
  repository: ['container', 'schema', 'compiler', 'codec', 'root', 'wire', 'resolution'],
  cli: ALL_SRC,
  // decorators/ may reach only public entry points; see isPublicEntry.
  decorators: [],
};

/**
 * Layers that make up the portable core (what `avrokit` loads): they may import only the
 * project's own files, never a Node built-in or an npm package.
 */
export const PORTABLE: ReadonlySet<Layer> = new Set<Layer>([
  'wire', 'schema', 'logical', 'resolution', 'codec', 'compiler', 'root', 'index.ts',
]);

export interface Edge {
  /** Importing file, relative to the repository root with `/` separators. */
  readonly from: string;
  /** Imported file (relative like `from`), or the bare specifier for packages. */
  readonly to: string;
  /** The specifier as written. */
  readonly specifier: string;
  /** False for packages and Node built-ins. */
  readonly local: boolean;
  /** For local edges: whether `to` is an existing `.ts` file. */
  readonly resolved: boolean;
}

/** Every `.ts` file (not `.d.ts`) under `dir`, relative to `root`, with `/` separators. */
export function listTsFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  for (const name of readdirSync(abs).sort()) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...listTsFiles(root, rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The import specifiers of one source text, comments and strings understood by TypeScript. */
export function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Resolves a relative specifier the NodeNext way (`./x.js` names `./x.ts`). */
export function resolveLocal(root: string, from: string, specifier: string): string {
  const base = resolve(root, dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, join(base, 'index.ts')];
  const hit = candidates.find((c) => c.endsWith('.ts') && existsSync(c)) ?? base;
  return relative(root, hit).split(sep).join('/');
}

/** All import edges of the given files. */
export function collectEdges(root: string, files: readonly string[]): Edge[] {
  const edges: Edge[] = [];
  for (const from of files) {
    for (const specifier of importSpecifiers(readFileSync(join(root, from), 'utf8'))) {
      const local = specifier.startsWith('.');
      const to = local ? resolveLocal(root, from, specifier) : specifier;
      const resolved = local && to.endsWith('.ts') && existsSync(join(root, to));
      edges.push({ from, specifier, local, to, resolved });
    }
  }
  return edges;
}

/** The layer of a repository-relative path, or a reason why it has none. */
export function layerOf(path: string): Layer | { unknown: string } {
  const parts = path.split('/');
  if (parts[0] === 'decorators') return 'decorators';
  if (parts[0] !== 'src') return { unknown: `${path} is outside src/ and decorators/` };
  if (parts.length === 2) return parts[1] === 'index.ts' ? 'index.ts' : 'root';
  const folder = parts[1] as Layer;
  if (folder in ALLOWED && folder !== 'root' && folder !== 'index.ts' && folder !== 'decorators') return folder;
  return { unknown: `${path}: src/${parts[1]}/ is not a layer of DESIGN §1 (add it to test/infra/import-graph.ts and docs/architecture.md)` };
}

/** `src/index.ts` and `src/<folder>/index.ts`: what decorators/ may import. */
export function isPublicEntry(path: string): boolean {
  return /^src\/([^/]+\/)?index\.ts$/.test(path);
}

/** One message per forbidden edge (or unclassifiable file), naming both files and the rule. */
export function forbiddenEdges(edges: readonly Edge[]): string[] {
  const problems: string[] = [];
  for (const e of edges) {
    const from = layerOf(e.from);
    if (typeof from === 'object') {
      problems.push(from.unknown);
      continue;
    }
    if (!e.local) {
      if (PORTABLE.has(from)) {
        problems.push(`${e.from} imports '${e.specifier}': the portable core (${[...PORTABLE].join(', ')}) imports no package or Node built-in`);
      }
      continue;
    }
    if (!e.resolved) {
      problems.push(`${e.from} imports '${e.specifier}', which resolves to no .ts file (${e.to})`);
      continue;
    }
    const to = layerOf(e.to);
    if (typeof to === 'object') {
      problems.push(`${e.from} → ${e.to}: ${to.unknown}`);
      continue;
    }
    if (from === to) continue;
    if (to === 'decorators') {
      problems.push(`${e.from} → ${e.to}: nothing in src/ imports decorators/ (pass a schema and a constructor instead)`);
      continue;
    }
    if (from === 'decorators') {
      if (!isPublicEntry(e.to)) {
        problems.push(`${e.from} → ${e.to}: decorators/ may import only public entry points (src/index.ts, src/*/index.ts)`);
      }
      continue;
    }
    if (!ALLOWED[from].includes(to)) {
      const may = ALLOWED[from].length ? ALLOWED[from].join(', ') : 'nothing';
      problems.push(`${e.from} → ${e.to}: ${from} may import only ${may} (not ${to})`);
    }
  }
  return problems;
}

/**
 * The import cycles between files, each as a path `a → b → … → a`. Uses Tarjan's strongly
 * connected components, then one shortest cycle through each component's first file.
 */
export function findCycles(edges: readonly Pick<Edge, 'from' | 'to' | 'local'>[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!e.local) continue;
    const list = next.get(e.from) ?? [];
    if (!list.includes(e.to)) list.push(e.to);
    next.set(e.from, list);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      const selfLoop = (next.get(v) ?? []).includes(v);
      if (comp.length > 1 || selfLoop) components.push(comp.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((comp) => shortestCycle(comp[0]!, new Set(comp), next));
}

function shortestCycle(start: string, within: ReadonlySet<string>, next: ReadonlyMap<string, string[]>): string[] {
  // Breadth-first from start's successors back to start, staying inside the component.
  const parent = new Map<string, string>();
  const queue: string[] = [];
  for (const w of next.get(start) ?? []) {
    if (w === start) return [start, start];
    if (within.has(w) && !parent.has(w)) {
      parent.set(w, start);
      queue.push(w);
    }
  }
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of next.get(v) ?? []) {
      if (w === start) {
        const path = [v];
        for (let p = parent.get(v)!; p !== start; p = parent.get(p)!) path.unshift(p);
        return [start, ...path, start];
      }
      if (within.has(w) && !parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...within];
}
