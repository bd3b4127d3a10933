/**
 * What a `Type` needs besides the schema JSON, found on the parsed schema graph: the record
 * classes, the conversions bound to their nodes, and one long mode for the whole graph.
 */
import { isNamed } from '../src/index.js';
import type { LogicalTypeDefinition, LongMode, NamedSchema, RecordSchema, Schema } from '../src/index.js';
import type { BuiltSchema } from './build.js';
import { conversionDefinitions } from './conversions.js';
import { AvroDecoratorError } from './errors.js';
import type { Conversion } from './options.js';

/** Every named type of a parsed graph, by full name. */
export function namedTypes(root: Schema): Map<string, NamedSchema> {
  const out = new Map<string, NamedSchema>();
  const visit = (s: Schema): void => {
    if (isNamed(s)) {
      if (out.has(s.name)) return;
      out.set(s.name, s);
    }
    if (s.kind === 'record') for (const f of s.fields) visit(f.type);
    else if (s.kind === 'array') visit(s.items);
    else if (s.kind === 'map') visit(s.values);
    else if (s.kind === 'union') s.branches.forEach(visit);
  };
  visit(root);
  return out;
}

/** The node a field's conversion applies to: its type, or the one non-null branch of `["null", T]`. */
export function fieldNode(named: ReadonlyMap<string, NamedSchema>, record: string, field: string): Schema {
  const rec = named.get(record) as RecordSchema | undefined;
  const f = rec?.fields.find((x) => x.name === field);
  if (f === undefined) throw new Error(`unreachable: ${record}.${field} is not in the parsed schema`);
  const t = f.type;
  if (t.kind === 'union') {
    const rest = t.branches.filter((b) => b.kind !== 'null');
    if (rest.length === 1) return rest[0]!;
  }
  return t;
}

/** Logical type definitions carrying the graph's conversions. */
export function conversionTypes(built: BuiltSchema, root: Schema): Record<string, LogicalTypeDefinition> {
  if (built.conversions.length === 0) return {};
  const named = namedTypes(root);
  const byNode = new Map<Schema, { conversion: Conversion; label: string }>();
  for (const use of built.conversions) {
    const node = 'named' in use.site ? named.get(use.site.named) : fieldNode(named, use.site.record, use.site.field);
    if (node === undefined) throw new Error(`unreachable: no node for the conversion of ${use.label}`);
    const prior = byNode.get(node);
    if (prior !== undefined && prior.conversion !== use.conversion) {
      throw new AvroDecoratorError(use.label, undefined, `its conversion differs from the one of ${prior.label} on the same named type; use one conversion`);
    }
    byNode.set(node, use);
  }
  return conversionDefinitions(new Map([...byNode].map(([n, u]) => [n, u.conversion])));
}

/**
 * The long mode of the graph: a `Type` reads every long one way, so fields declared `bigint`
 * and fields declared `number` cannot share one. `wanted` (the caller's choice) must agree too.
 */
export function longMode(built: BuiltSchema, rootName: string, wanted: LongMode | undefined): LongMode {
  const big = built.longForms.filter((f) => f.form === 'bigint');
  const num = built.longForms.filter((f) => f.form === 'number');
  const mode = wanted ?? (big.length > 0 ? 'bigint' : 'number');
  const against = mode === 'bigint' ? num : big;
  if (against.length > 0) {
    const other = mode === 'bigint' ? 'number' : 'bigint';
    const why = wanted !== undefined ? `typeOf was asked for longs: '${wanted}'` : `${big[0]!.label} is declared bigint`;
    throw new AvroDecoratorError(
      rootName,
      undefined,
      `${why}, but ${against.map((f) => f.label).join(', ')} ${against.length > 1 ? 'are' : 'is'} declared ${other}: ` +
        `one Type reads every long one way. Declare ${against.length > 1 ? 'them' : 'it'} as ${mode} (longOf('${mode}')), ` +
        `or use 'int'/'double' where a long is not needed`,
    );
  }
  return mode;
}
