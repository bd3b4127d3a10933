import type { RecordSchema, Schema } from '../schema/model.js';

/** The schemas one level below `s`: field types, items, values, branches. */
function childrenOf(s: Schema): readonly Schema[] {
  switch (s.kind) {
    case 'record':
      return s.fields.map((f) => f.type);
    case 'array':
      return [s.items];
    case 'map':
      return [s.values];
    case 'union':
      return s.branches;
    default:
      return [];
  }
}

/**
 * Records that can reach themselves through their fields. Compiled code inlines every other
 * record into its parent; these get functions of their own, so generation terminates.
 */
export function recursiveRecords(root: Schema): Set<RecordSchema> {
  const out = new Set<RecordSchema>();
  const stack: RecordSchema[] = [];
  // A record already explored is on no cycle not yet found: `done` keeps the walk linear.
  const done = new Set<Schema>();
  const visit = (s: Schema): void => {
    if (s.kind === 'record') {
      const at = stack.indexOf(s);
      if (at >= 0) {
        for (let i = at; i < stack.length; i++) out.add(stack[i]!);
        return;
      }
      if (done.has(s)) return;
      stack.push(s);
      for (const c of childrenOf(s)) visit(c);
      stack.pop();
      done.add(s);
      return;
    }
    for (const c of childrenOf(s)) visit(c);
  };
  visit(root);
  return out;
}

/**
 * Records that compiled code gives functions of their own: those on a cycle, and those
 * referred to from more than one place (inlining those at every reference would make the
 * generated source grow exponentially with the nesting of shared types).
 */
export function outlinedRecords(root: Schema): Set<RecordSchema> {
  const out = recursiveRecords(root);
  const refs = new Map<RecordSchema, number>();
  const visit = (s: Schema): void => {
    if (s.kind === 'record') {
      const n = (refs.get(s) ?? 0) + 1;
      refs.set(s, n);
      if (n > 1) {
        out.add(s);
        return;
      }
    }
    for (const c of childrenOf(s)) visit(c);
  };
  visit(root);
  // The root is compiled as the entry function itself.
  if (root.kind === 'record' && refs.get(root) === 1) out.delete(root);
  return out;
}

/** True when some node reachable from `root` satisfies `test` (each node visited once). */
function reaches(root: Schema, test: (s: Schema) => boolean): boolean {
  const seen = new Set<Schema>();
  const visit = (s: Schema): boolean => {
    if (seen.has(s)) return false;
    seen.add(s);
    return test(s) || childrenOf(s).some(visit);
  };
  return visit(root);
}

/** True when the schema reads text: strings, or map keys. */
export function usesText(root: Schema): boolean {
  return reaches(root, (s) => s.kind === 'string' || s.kind === 'map');
}

/** True when the schema reads or writes any float or double (compiled code then needs scratch views). */
export function usesFloats(root: Schema): boolean {
  return reaches(root, (s) => s.kind === 'float' || s.kind === 'double');
}
