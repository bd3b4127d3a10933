/** Walks a resolution plan graph to collect its problems. */
import type { Incompatibility, Plan } from './plan.js';

/** The plans directly below `p` (cycles are possible: callers keep a visited set). */
export function childPlans(p: Plan): Plan[] {
  switch (p.op) {
    case 'record':
      return p.fields.flatMap((f) => (f.plan === undefined ? [] : [f.plan]));
    case 'array':
      return [p.items];
    case 'map':
      return [p.values];
    case 'writer-union':
      return p.branches;
    default:
      return [];
  }
}

/** Every problem reachable from `root`, each once, in a depth-first order. */
export function allIssues(root: Plan): Incompatibility[] {
  const out: Incompatibility[] = [];
  const seen = new Set<Plan>();
  const visit = (p: Plan): void => {
    if (seen.has(p)) return;
    seen.add(p);
    out.push(...p.issues);
    for (const c of childPlans(p)) visit(c);
  };
  visit(root);
  return out;
}

/**
 * Problems that keep a resolver from being built. A writer union's branch the reader cannot
 * read is an error only when data takes that branch (spec: "if they do not match, an error is
 * signalled" for the selected branch), unless no branch at all can be read; enum symbols
 * unknown to the reader fail only when read.
 */
export function buildIssues(root: Plan): Incompatibility[] {
  const memo = new Map<Plan, Incompatibility[]>();
  const compute = (p: Plan): Incompatibility[] => {
    const hit = memo.get(p);
    if (hit !== undefined) return hit;
    const out: Incompatibility[] = [];
    memo.set(p, out); // in progress: a cycle back here adds nothing new
    for (const i of p.issues) if (i.when === 'build') out.push(i);
    if (p.op === 'writer-union') {
      const per = p.branches.map(compute);
      if (per.length > 0 && per.every((x) => x.length > 0)) out.push(...per[0]!);
    } else {
      for (const c of childPlans(p)) out.push(...compute(c));
    }
    return out;
  };
  return [...new Set(compute(root))];
}
