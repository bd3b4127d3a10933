/**
 * The entity as the dataset sees it: the record schema of the class, its id field, its
 * partition fields, and the schema its files store (the record without the partition fields,
 * whose values live in directory names, as Hive and Spark expect). Everything here encodes
 * and decodes with the caller's `Type` context, so classes and logical types stay the caller's.
 */
import { encodeValue } from '../codec/binary.js';
import { compileEncoder } from '../compiler/compile-encoder.js';
import type { CompiledEncoder } from '../compiler/compile-encoder.js';
import { CompiledCodecFailure } from '../compiler/runtime.js';
import { AvroTypeError } from '../schema/errors.js';
import type { EnumSchema, FieldSchema, RecordSchema, Schema } from '../schema/model.js';
import { schemaToJson } from '../schema/to-json.js';
import type { Type } from '../type.js';
import { ByteWriter } from '../wire/writer.js';
import { RepositoryError } from './errors.js';
import { escapePartitionText, NULL_PARTITION, unescapePartitionText } from './layout.js';

/** A key of the id index: the id field's value. */
export type IdKey = string | number | bigint;

/** A bigint that is a safe integer becomes a number, so both spellings of a long id meet. */
export function normalizeId(id: IdKey): IdKey {
  if (typeof id !== 'bigint') return id;
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
}

type PartitionKind = 'string' | 'int' | 'long' | 'boolean' | 'enum';

/** A field whose values name directories. */
export interface PartitionField {
  readonly name: string;
  readonly kind: PartitionKind;
  readonly nullable: boolean;
  readonly symbols?: readonly string[];
}

/** The record schema of an entity with its id and partition fields. */
export class EntityModel {
  readonly record: RecordSchema;
  /** The record as stored in data files (partition fields removed). */
  readonly stored: RecordSchema;
  /** {@link stored} as JSON text, as data file headers carry it. */
  readonly storedText: string;
  readonly partitions: readonly PartitionField[];
  private readonly storedEncoder: CompiledEncoder | undefined;
  private readonly projections = new Map<string, RecordSchema>();

  constructor(
    readonly type: Type,
    readonly idField: string | undefined,
    partitionBy: readonly string[],
  ) {
    const node = type.schemaNode;
    if (node.kind !== 'record') {
      throw new RepositoryError('config', `a repository stores records; the schema given is a ${node.kind}`);
    }
    this.record = node;
    if (idField !== undefined) checkIdField(node, idField);
    this.partitions = partitionBy.map((name) => partitionField(node, name, idField));
    if (new Set(partitionBy).size !== partitionBy.length) {
      throw new RepositoryError('config', `partitionBy names a field twice: ${partitionBy.join(', ')}`);
    }
    const dropped = new Set(partitionBy);
    this.stored = dropped.size === 0 ? node : { ...node, fields: node.fields.filter((f) => !dropped.has(f.name)) };
    this.storedText = JSON.stringify(schemaToJson(this.stored));
    this.storedEncoder = dropped.size > 0 && type.isCompiled ? compileEncoder(this.stored, type.context).fn : undefined;
  }

  /** Appends the stored form of `value` to `w`; AvroTypeError with the field path when it does not fit. */
  encode(value: unknown, w: ByteWriter): void {
    if (this.partitions.length === 0) {
      this.type.encodeInto(value, w);
      return;
    }
    const start = w.pos;
    try {
      if (this.storedEncoder !== undefined) this.storedEncoder(value, w);
      else encodeValue(this.stored, value, w, this.type.context);
    } catch (e) {
      w.pos = start;
      if (!(e instanceof CompiledCodecFailure)) throw e;
      // The generated encoder only knows that something did not fit; the interpreted one says where.
      encodeValue(this.stored, value, new ByteWriter(256), this.type.context);
      throw new AvroTypeError('value does not fit the schema (compiled encoder)');
    }
  }

  /** The id of an entity (not checked: encoding checks it). */
  idOf(value: unknown): IdKey {
    return (value as Record<string, IdKey>)[this.idField!]!;
  }

  /** The directory segments' value texts of `value`'s partition; AvroTypeError with the field when one does not fit. */
  partitionTexts(value: unknown): string[] {
    const rec = value as Record<string, unknown>;
    return this.partitions.map((p) => formatPartitionValue(p, rec === null || typeof rec !== 'object' ? undefined : rec[p.name]));
  }

  /** The values of a partition's value texts (as read back from directory names). */
  partitionValues(texts: readonly string[]): unknown[] {
    return this.partitions.map((p, i) => parsePartitionText(p, texts[i]!, this.type.context.longs === 'bigint'));
  }

  /**
   * The stored record reduced to `fields` (in the record's order), for reading only what a
   * query needs; the same node for the same set.
   */
  projection(fields: ReadonlySet<string> | undefined): RecordSchema {
    if (fields === undefined) return this.stored;
    const kept = this.stored.fields.filter((f) => fields.has(f.name));
    if (kept.length === this.stored.fields.length) return this.stored;
    const key = kept.map((f) => f.name).join('\u0000');
    let node = this.projections.get(key);
    if (node === undefined) {
      node = { ...this.stored, fields: kept };
      this.projections.set(key, node);
    }
    return node;
  }

  /** The field names of the entity (partition fields included). */
  fieldNames(): string[] {
    return this.record.fields.map((f) => f.name);
  }
}

function fieldOf(node: RecordSchema, name: string, role: string): FieldSchema {
  const f = node.fields.find((x) => x.name === name);
  if (f === undefined) {
    throw new RepositoryError('config', `${role} "${name}" is not a field of ${node.name} (its fields: ${node.fields.map((x) => x.name).join(', ')})`);
  }
  return f;
}

function checkIdField(node: RecordSchema, name: string): void {
  const f = fieldOf(node, name, 'idField');
  const k = f.type.kind;
  if (!(k === 'string' || k === 'int' || k === 'long') || (f.type.logicalType !== undefined && f.type.logicalType !== 'uuid')) {
    throw new RepositoryError('config', `idField ${node.name}.${name} is a ${f.type.logicalType ?? k}; an id is a string, int or long`);
  }
}

function partitionField(node: RecordSchema, name: string, idField: string | undefined): PartitionField {
  const f = fieldOf(node, name, 'partitionBy field');
  if (name === idField) throw new RepositoryError('config', `${node.name}.${name} cannot be both the id and a partition field`);
  let t: Schema = f.type;
  let nullable = false;
  if (t.kind === 'union') {
    const others = t.branches.filter((b) => b.kind !== 'null');
    nullable = others.length < t.branches.length;
    if (others.length !== 1) return badPartition(node, f);
    t = others[0]!;
  }
  if (t.logicalType !== undefined || !['string', 'int', 'long', 'boolean', 'enum'].includes(t.kind)) return badPartition(node, f);
  const kind = t.kind as PartitionKind;
  return kind === 'enum' ? { name, kind, nullable, symbols: (t as EnumSchema).symbols } : { name, kind, nullable };
}

function badPartition(node: RecordSchema, f: FieldSchema): never {
  throw new RepositoryError(
    'config',
    `partition field ${node.name}.${f.name} must be a string, int, long, boolean or enum (optionally nullable), whose values name directories`,
  );
}

function formatPartitionValue(p: PartitionField, v: unknown): string {
  const bad = (why: string): never => {
    throw new AvroTypeError(`partition field: ${why}`, p.name);
  };
  if (v === null || v === undefined) {
    if (!p.nullable) bad(`expected ${p.kind}, got ${String(v)}`);
    return NULL_PARTITION;
  }
  switch (p.kind) {
    case 'string':
      if (typeof v !== 'string') bad(`expected a string, got ${typeof v}`);
      if (v === '' && p.nullable) bad('an empty string cannot name a directory distinct from null (Hive reads both as null)');
      return v === '' ? NULL_PARTITION : escapePartitionText(v as string);
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) bad(`expected an int, got ${String(v)}`);
      return String(v);
    case 'long':
      if (!((typeof v === 'number' && Number.isSafeInteger(v)) || typeof v === 'bigint')) bad(`expected a long, got ${String(v)}`);
      return String(v);
    case 'boolean':
      if (typeof v !== 'boolean') bad(`expected a boolean, got ${typeof v}`);
      return String(v);
    case 'enum':
      if (typeof v !== 'string' || !p.symbols!.includes(v)) bad(`expected one of ${p.symbols!.join(', ')}, got ${String(v)}`);
      return v as string;
  }
}

function parsePartitionText(p: PartitionField, segment: string, bigLongs: boolean): unknown {
  if (segment === NULL_PARTITION) return p.nullable ? null : p.kind === 'string' ? '' : null;
  const text = unescapePartitionText(segment);
  switch (p.kind) {
    case 'int':
      return Number(text);
    case 'long':
      return bigLongs ? BigInt(text) : Number(text);
    case 'boolean':
      return text === 'true';
    default:
      return text;
  }
}
