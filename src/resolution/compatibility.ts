/**
 * Reader/writer compatibility in the spirit of Java's `SchemaCompatibility`: every reason why
 * data written with one schema would not read with another, each with a kind, a message and
 * its location. It answers from the same plan the resolver follows, so "compatible" means
 * exactly that the resolver builds and never fails on well-formed writer data.
 */
import type { Schema } from '../schema/model.js';
import { allIssues, buildIssues } from './analyze.js';
import { planResolution } from './build-plan.js';
import type { Incompatibility } from './plan.js';

/** A parsed schema node, or anything holding one (such as a `Type`). */
export type SchemaLike = Schema | { readonly schemaNode: Schema };

/** The answer of {@link checkCompatibility}. */
export interface CompatibilityResult {
  /** True when every value the writer's schema can write reads with the reader's schema. */
  readonly compatible: boolean;
  /** Every problem found (empty when compatible). */
  readonly incompatibilities: readonly Incompatibility[];
}

/** The parsed node of a {@link SchemaLike}. */
export function schemaNodeOf(s: SchemaLike): Schema {
  return 'schemaNode' in s ? s.schemaNode : s;
}

/**
 * Can data written with `writer` be read with `reader`? Lists every incompatibility (kinds as
 * Java names them: NAME_MISMATCH, FIXED_SIZE_MISMATCH, MISSING_ENUM_SYMBOLS,
 * READER_FIELD_MISSING_DEFAULT_VALUE, TYPE_MISMATCH, MISSING_UNION_BRANCH) with its location.
 */
export function checkCompatibility(reader: SchemaLike, writer: SchemaLike): CompatibilityResult {
  const plan = planResolution(schemaNodeOf(reader), schemaNodeOf(writer));
  // A problem under a writer union's branch stops only values of that branch (unless every
  // branch has one): say so, so that `when` matches what the resolver does.
  const fatal = new Set(buildIssues(plan));
  const incompatibilities = allIssues(plan).map((i): Incompatibility =>
    i.when === 'build' && !fatal.has(i) ? { ...i, when: 'read' } : i);
  return { compatible: incompatibilities.length === 0, incompatibilities };
}
