import type { Schema } from '../schema/model.js';
import { branchName, isNamed } from '../schema/model.js';

/** Human description of a schema for messages: its name, or its kind. */
export function describeSchema(s: Schema): string {
  if (s.kind === 'union') return `union [${s.branches.map(branchName).join(', ')}]`;
  if (isNamed(s)) return `${s.kind} ${s.name}`;
  return s.logicalType ? `${s.kind} (${s.logicalType})` : s.kind;
}
