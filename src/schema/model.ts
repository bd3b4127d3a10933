/**
 * The parsed schema model: a graph (records may refer to themselves) of plain objects, one per
 * schema node, produced by {@link parseSchema} and consumed by every other layer. Named types
 * appear once and are shared by reference wherever the JSON referred to them by name.
 */

export type PrimitiveKind = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';
export type Kind = PrimitiveKind | 'record' | 'enum' | 'array' | 'map' | 'union' | 'fixed';
export type SortOrder = 'ascending' | 'descending' | 'ignore';

/** Attributes the spec does not define, kept as metadata (they never change the encoding). */
export type Attributes = Readonly<Record<string, unknown>>;

interface Annotated {
  /** The `logicalType` attribute as written; whether it applies is the logical layer's call. */
  readonly logicalType?: string;
  /** Every attribute the spec does not define for this kind (including logical parameters). */
  readonly attrs: Attributes;
}

export interface PrimitiveSchema extends Annotated {
  readonly kind: PrimitiveKind;
}

export interface NamedBase extends Annotated {
  /** Full name (`namespace.name`, or just `name` in the null namespace). */
  readonly name: string;
  /** Namespace of the full name; `''` is the null namespace. */
  readonly namespace: string;
  /** Aliases resolved to full names. */
  readonly aliases: readonly string[];
  readonly doc?: string;
}

export interface FieldSchema {
  readonly name: string;
  readonly type: Schema;
  readonly doc?: string;
  /** The default as JSON, exactly as the schema wrote it (see `hasDefault`). */
  readonly default?: unknown;
  readonly hasDefault: boolean;
  readonly order: SortOrder;
  readonly aliases: readonly string[];
  readonly attrs: Attributes;
}

export interface RecordSchema extends NamedBase {
  readonly kind: 'record';
  /** True when declared with `"type": "error"` (protocol errors). */
  readonly isError: boolean;
  /** Filled right after the record is registered, so that fields may refer to it. */
  readonly fields: readonly FieldSchema[];
}

export interface EnumSchema extends NamedBase {
  readonly kind: 'enum';
  readonly symbols: readonly string[];
  readonly default?: string;
}

export interface FixedSchema extends NamedBase {
  readonly kind: 'fixed';
  readonly size: number;
}

export interface ArraySchema extends Annotated {
  readonly kind: 'array';
  readonly items: Schema;
}

export interface MapSchema extends Annotated {
  readonly kind: 'map';
  readonly values: Schema;
}

export interface UnionSchema {
  readonly kind: 'union';
  readonly branches: readonly Schema[];
  readonly logicalType?: undefined;
  readonly attrs: Attributes;
}

export type NamedSchema = RecordSchema | EnumSchema | FixedSchema;
export type Schema = PrimitiveSchema | NamedSchema | ArraySchema | MapSchema | UnionSchema;

export const PRIMITIVE_KINDS: ReadonlySet<string> = new Set<PrimitiveKind>([
  'null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string',
]);

export function isNamed(s: Schema): s is NamedSchema {
  return s.kind === 'record' || s.kind === 'enum' || s.kind === 'fixed';
}

/** The name a union branch is known by: the full name for named types, else the kind. */
export function branchName(s: Schema): string {
  return isNamed(s) ? s.name : s.kind;
}

/** Short name (the part after the last dot) of a full name. */
export function shortName(fullName: string): string {
  const i = fullName.lastIndexOf('.');
  return i < 0 ? fullName : fullName.slice(i + 1);
}
