/**
 * The writer → reader resolution plan: a graph (recursive schemas give cycles) of steps that
 * say, for every part of the writer's encoding, what the reader does with it. Built once per
 * (writer, reader) pair by {@link planResolution}; readers (compiled or interpreted) follow it.
 */
import type { EnumSchema, FieldSchema, FixedSchema, RecordSchema, Schema } from '../schema/model.js';

/** The kinds of incompatibility, named as Java's `SchemaCompatibility` names them. */
export type IncompatibilityKind =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH';

/** One reason why data written with the writer's schema may not read with the reader's. */
export interface Incompatibility {
  readonly kind: IncompatibilityKind;
  /** What is wrong and what to do about it. */
  readonly message: string;
  /**
   * JSON-pointer style location in the reader's schema, as Java's SchemaCompatibility gives it:
   * `/fields/1/type/size`; `/` is the root; a writer union's branch adds its index.
   */
  readonly location: string;
  /** The same place as a readable path: `Order.items[].price` (`[]` items, `{}` values, `|N` union branch). */
  readonly path: string;
  /**
   * `build`: no resolver can be built (it would not know what to do). `read`: a resolver can be
   * built, and fails only when such a value is actually read: a writer's enum symbol the reader
   * does not know and has no default for, or a writer union branch the reader cannot take
   * (while other branches can be read).
   */
  readonly when: 'build' | 'read';
}

/** Primitive kinds a promotion reads from. */
export type PromotableKind = 'int' | 'long' | 'float' | 'string' | 'bytes';

interface PlanBase {
  /** The reader's node: its logical type (if any) applies to the value read. */
  readonly reader: Schema;
  readonly writer: Schema;
  /** Problems found at this node (children carry their own). */
  readonly issues: Incompatibility[];
}

/** Same primitive kind on both sides: read as the reader's type. */
export interface SamePlan extends PlanBase {
  readonly op: 'same';
}

/** A primitive promotion (int → long, float, double; long → float, double; float → double; string ↔ bytes). */
export interface PromotePlan extends PlanBase {
  readonly op: 'promote';
  readonly from: PromotableKind;
  readonly to: 'long' | 'float' | 'double' | 'string' | 'bytes';
}

/** What to do with one writer field, in the writer's order. */
export interface FieldStep {
  readonly writerField: FieldSchema;
  /** Index of the reader field it fills, or -1 when the reader does not have it (skip it). */
  readonly readerIndex: number;
  /** How to read it (undefined when skipped). */
  readonly plan: Plan | undefined;
}

/** A reader field the writer does not have: filled from its default. */
export interface DefaultStep {
  readonly readerIndex: number;
  readonly field: FieldSchema;
  /** Readable path of the field (for errors about its default). */
  readonly path: string;
}

export interface RecordPlan extends PlanBase {
  readonly op: 'record';
  readonly reader: RecordSchema;
  readonly writer: RecordSchema;
  /** One step per writer field, in the writer's order (the encoding's order). */
  readonly fields: FieldStep[];
  /** Reader fields missing in the writer (in the reader's order). */
  readonly defaults: DefaultStep[];
}

export interface EnumPlan extends PlanBase {
  readonly op: 'enum';
  readonly reader: EnumSchema;
  readonly writer: EnumSchema;
  /**
   * Reader symbol for each writer index; `undefined` where the writer's symbol is unknown to a
   * reader without a default (an error if such a value is read).
   */
  readonly symbols: readonly (string | undefined)[];
}

export interface FixedPlan extends PlanBase {
  readonly op: 'fixed';
  readonly reader: FixedSchema;
}

export interface ArrayPlan extends PlanBase {
  readonly op: 'array';
  items: Plan;
}

export interface MapPlan extends PlanBase {
  readonly op: 'map';
  values: Plan;
}

/**
 * The writer wrote a union: one plan per writer branch, chosen by the index in the data. A
 * branch the reader cannot read is a {@link FailPlan}: an error only when such a value comes.
 */
export interface WriterUnionPlan extends PlanBase {
  readonly op: 'writer-union';
  readonly branches: Plan[];
}

/** Nothing can be read here; `issues` says why. */
export interface FailPlan extends PlanBase {
  readonly op: 'fail';
}

export type Plan =
  | SamePlan
  | PromotePlan
  | RecordPlan
  | EnumPlan
  | FixedPlan
  | ArrayPlan
  | MapPlan
  | WriterUnionPlan
  | FailPlan;
