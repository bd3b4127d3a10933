/**
 * The spec's "match" relation between a reader and a writer schema (Schema Resolution), used to
 * pick union branches, and the name and promotion rules it is made of.
 */
import type { NamedSchema, Schema, UnionSchema } from '../schema/model.js';
import { isNamed, shortName } from '../schema/model.js';
import type { PromotableKind } from './plan.js';

/** Reader kinds each writer primitive may be promoted to. */
const PROMOTIONS: Readonly<Record<PromotableKind, readonly string[]>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

/** True when a writer value of kind `from` may be read as a reader `to` (a promotion, not equality). */
export function isPromotion(from: string, to: string): from is PromotableKind {
  return Object.prototype.hasOwnProperty.call(PROMOTIONS, from) && PROMOTIONS[from as PromotableKind].includes(to);
}

/**
 * True when a reader's named type may read the writer's: the spec compares unqualified names
 * (so `a.Rec` reads `b.Rec`), and the reader's aliases rename the writer's type. Aliases are
 * compared both as full names and, like the names themselves, unqualified.
 */
export function namesMatch(reader: NamedSchema, writer: NamedSchema): boolean {
  const w = shortName(writer.name);
  if (shortName(reader.name) === w) return true;
  return reader.aliases.some((a) => a === writer.name || shortName(a) === w);
}

/**
 * `decimal` parameters when the node is a valid decimal (spec: invalid logical types are
 * ignored), else undefined. Kept here because resolution must not depend on the logical layer.
 */
export function decimalOf(s: Schema): { precision: number; scale: number } | undefined {
  if (s.logicalType !== 'decimal' || (s.kind !== 'bytes' && s.kind !== 'fixed')) return undefined;
  const precision = s.attrs['precision'];
  const scale = s.attrs['scale'] ?? 0;
  if (!Number.isInteger(precision) || !Number.isInteger(scale)) return undefined;
  const p = precision as number;
  const sc = scale as number;
  if (p <= 0 || sc < 0 || sc > p) return undefined;
  if (s.kind === 'fixed' && p > Math.floor(Math.log10(2) * (8 * s.size - 1))) return undefined;
  return { precision: p, scale: sc };
}

/** Spec: two decimals match only when their precisions and scales are equal. */
export function decimalsConflict(reader: Schema, writer: Schema): boolean {
  const r = decimalOf(reader);
  const w = decimalOf(writer);
  return r !== undefined && w !== undefined && (r.precision !== w.precision || r.scale !== w.scale);
}

/**
 * The spec's shallow "match": same primitive, a promotion, named types of one kind whose names
 * match (and sizes, for fixed), arrays or maps whose items match, or a union on either side.
 * Records match by name alone; their fields are resolved afterwards.
 */
export function schemasMatch(reader: Schema, writer: Schema): boolean {
  if (reader.kind === 'union' || writer.kind === 'union') return true;
  if (reader.kind !== writer.kind) return isPromotion(writer.kind, reader.kind);
  switch (reader.kind) {
    case 'record':
    case 'enum':
      return namesMatch(reader, writer as NamedSchema);
    case 'fixed':
      return namesMatch(reader, writer as NamedSchema) && reader.size === (writer as typeof reader).size;
    case 'array':
      return schemasMatch(reader.items, (writer as typeof reader).items);
    case 'map':
      return schemasMatch(reader.values, (writer as typeof reader).values);
    default:
      return !decimalsConflict(reader, writer);
  }
}

/**
 * The reader branch that reads a (non-union) writer schema, or -1. The spec asks for the first
 * branch that matches; like Java we first look for the same type (same kind and, for
 * named types, the same full name), so a value is never promoted or renamed while a branch of
 * its own type exists; then the first branch matching by unqualified name or alias; then the
 * first promotion, in branch order.
 */
export function selectReaderBranch(reader: UnionSchema, writer: Schema): number {
  const bs = reader.branches;
  const exact = bs.findIndex((b) =>
    b.kind === writer.kind && (isNamed(b) ? b.name === (writer as NamedSchema).name && schemasMatch(b, writer) : schemasMatch(b, writer)),
  );
  if (exact >= 0) return exact;
  const named = bs.findIndex((b) => b.kind === writer.kind && schemasMatch(b, writer));
  if (named >= 0) return named;
  return bs.findIndex((b) => isPromotion(writer.kind, b.kind) && !decimalsConflict(b, writer));
}
