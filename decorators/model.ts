/**
 * The class model: what all the decorators on a class and its parents say, merged and
 * checked, with each field's type taken from its decorators, from class-transformer, or
 * inferred from `design:type`. Built at `@AvroRecord` (so mistakes surface when the class is
 * defined) and at first use, and cached per class. Thunks are not called here: they may name
 * classes that are not defined yet.
 */
import { isValidFullName, isValidName, namespaceOf, qualify } from '../src/index.js';
import type { SortOrder } from '../src/index.js';
import { transformerProperties, transformerProperty } from './class-transformer.js';
import type { TransformerProperty } from './class-transformer.js';
import { AvroDecoratorError, className } from './errors.js';
import { inferFromDesignType } from './infer.js';
import { ownRecord } from './metadata.js';
import type { PropertyRecord } from './metadata.js';
import { FIELD_OPTION_KEYS, RECORD_OPTION_KEYS } from './options.js';
import type { Conversion, FieldOptions, RecordOptions } from './options.js';
import { arrayOf } from './spec.js';
import type { AnyClass, TypeInput } from './spec.js';

/** One field of a record class, ready for the schema. */
export interface FieldModel {
  /** The class whose decorators declared it. */
  readonly owner: AnyClass;
  readonly property: string;
  /** The Avro field name. */
  readonly name: string;
  readonly type: TypeInput;
  /** The JavaScript type TypeScript declared (legacy decorators): decides number vs bigint longs. */
  readonly declared?: 'number' | 'bigint';
  readonly doc?: string;
  readonly aliases: readonly string[];
  readonly hasDefault: boolean;
  readonly default?: unknown;
  readonly order?: SortOrder;
  readonly nullable: boolean;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly conversion?: Conversion;
}

/** A record class, ready for the schema. */
export interface ClassModel {
  readonly cls: AnyClass;
  /**
   * The name: a full name when the class states a namespace (in `name` or `namespace`), else
   * a short name that takes the namespace of the record that first refers to it, as a
   * nested definition does in a hand-written schema.
   */
  readonly name: string;
  /** True when the class states its namespace (possibly the null namespace, `''`). */
  readonly hasNamespace: boolean;
  readonly doc?: string;
  readonly aliases: readonly string[];
  readonly meta: Readonly<Record<string, unknown>>;
  readonly isError: boolean;
  readonly fields: readonly FieldModel[];
}

const models = new WeakMap<object, ClassModel>();

/** Drops the cached model of `cls` (a class decorator added something after it was built). */
export function forgetModel(cls: object): void {
  models.delete(cls);
}

/** The model of `cls`; throws AvroDecoratorError naming the class and property at fault. */
export function classModel(cls: AnyClass): ClassModel {
  let m = models.get(cls);
  if (m === undefined) {
    m = buildModel(cls);
    models.set(cls, m);
  }
  return m;
}

/** True when any decorator (ours or class-transformer's) describes `cls` or one of its parents. */
export function isDescribed(cls: object): boolean {
  for (let c: object | null = cls; c !== null && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (ownRecord(c) !== undefined || transformerProperties(c).length > 0) return true;
  }
  return false;
}

const RESERVED_FIELD_ATTRS = new Set(['name', 'type', 'doc', 'default', 'order', 'aliases']);
const RESERVED_RECORD_ATTRS = new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'fields', 'logicalType']);
const ORDERS = new Set(['ascending', 'descending', 'ignore']);

function buildModel(cls: AnyClass): ClassModel {
  const cname = className(cls);
  const fail = (prop: string | undefined, msg: string): never => {
    throw new AvroDecoratorError(cname, prop, msg);
  };
  const own = ownRecord(cls);
  const options = mergeRecordOptions(cname, own?.classPartials ?? []);
  const parent = Object.getPrototypeOf(cls) as object;
  const inherited = parent !== Function.prototype && isDescribed(parent) ? classModel(parent as AnyClass).fields : [];
  const fields: FieldModel[] = [...inherited];
  const ignored = new Set<string>();

  const transformer = new Map(transformerProperties(cls).map((t) => [t.property, t]));
  const props = new Map<string, PropertyRecord | undefined>(own?.properties ?? []);
  for (const p of transformer.keys()) if (!props.has(p)) props.set(p, undefined);

  for (const [property, rec] of props) {
    const ct = transformer.get(property) ?? transformerProperty(cls, property);
    const f = fieldModel(cls, property, rec, ct, fail);
    const at = fields.findIndex((x) => x.property === property);
    if (f === undefined) {
      if (at >= 0) fields.splice(at, 1);
      ignored.add(property);
    } else if (at >= 0) fields[at] = f;
    else fields.push(f);
  }

  if (options.fieldOrder) {
    const order = options.fieldOrder;
    for (const p of order) {
      if (!fields.some((f) => f.property === p)) {
        fail(undefined, `fieldOrder names ${JSON.stringify(p)}, which is not a field (fields: ${fields.map((f) => f.property).join(', ')})`);
      }
    }
    const rank = (f: FieldModel) => {
      const i = order.indexOf(f.property);
      return i < 0 ? order.length : i;
    };
    fields.sort((a, b) => rank(a) - rank(b)); // stable: unlisted fields keep declaration order
  }
  const byName = new Map<string, FieldModel>();
  for (const f of fields) {
    const prior = byName.get(f.name);
    if (prior) {
      fail(f.property, `field name ${JSON.stringify(f.name)} is also used by ${className(prior.owner)}.${prior.property}; rename one with @Field({ name: '…' })`);
    }
    byName.set(f.name, f);
  }

  let name = options.name ?? cname;
  let namespace = options.namespace;
  if (name.includes('.')) {
    if (!isValidFullName(name)) fail(undefined, `${JSON.stringify(name)} is not a valid Avro full name`);
    namespace = namespaceOf(name);
  } else {
    if (!isValidName(name)) {
      fail(undefined, `the class name ${JSON.stringify(name)} is not a valid Avro name (letters, digits, _); write @AvroRecord({ name: 'ValidName' })`);
    }
    name = qualify(name, namespace ?? '');
  }
  if (!isValidFullName(name)) fail(undefined, `namespace ${JSON.stringify(namespace)} is not a valid Avro namespace`);
  for (const a of options.aliases ?? []) if (!isValidFullName(a)) fail(undefined, `alias ${JSON.stringify(a)} is not a valid Avro name`);
  const meta = options.meta ?? {};
  for (const k of Object.keys(meta)) {
    if (RESERVED_RECORD_ATTRS.has(k)) fail(undefined, `meta may not set ${JSON.stringify(k)}, which Avro defines; use the option of that name`);
  }
  return {
    cls, name, hasNamespace: namespace !== undefined, aliases: options.aliases ?? [], meta, isError: options.error === true, fields,
    ...(options.doc !== undefined ? { doc: options.doc } : {}),
  };
}

/** True when the nearest accessor of `property` on the prototype chain has a getter and no setter. */
function isReadOnly(cls: AnyClass, property: string): boolean {
  for (let p: object | null = cls.prototype as object; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, property);
    if (d !== undefined) return d.get !== undefined && d.set === undefined;
  }
  return false;
}

/** Whether two decorators said the same thing (types and conversions by identity). */
function same(key: string, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (key === 'type' || key === 'conversion') return false;
  const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
  return typeof a === typeof b && text(a) === text(b);
}

function mergeRecordOptions(cname: string, partials: readonly { decorator: string; options: RecordOptions }[]): RecordOptions {
  const out: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const { decorator, options } of partials) {
    for (const [k, v] of Object.entries(options)) {
      if (v === undefined) continue;
      if (!RECORD_OPTION_KEYS.has(k)) {
        throw new AvroDecoratorError(cname, undefined, `${decorator}: unknown option ${JSON.stringify(k)} (known: ${[...RECORD_OPTION_KEYS].join(', ')})`);
      }
      if (k === 'aliases' || k === 'meta') {
        out[k] = k === 'aliases' ? [...((out[k] as string[]) ?? []), ...(v as string[])] : { ...(out[k] as object), ...(v as object) };
      } else if (k in out && JSON.stringify(out[k]) !== JSON.stringify(v)) {
        throw new AvroDecoratorError(cname, undefined, `${decorator} and ${from[k]} give different ${k}s; keep one`);
      } else out[k] = v;
      from[k] = decorator;
    }
  }
  return out as RecordOptions;
}

/** The model of one property, or undefined when it is ignored. */
function fieldModel(
  cls: AnyClass,
  property: string,
  rec: PropertyRecord | undefined,
  ct: TransformerProperty,
  fail: (prop: string, msg: string) => never,
): FieldModel | undefined {
  if (rec?.problem !== undefined) fail(property, rec.problem);
  const partials = rec?.partials ?? [];
  for (const p of partials) if (p.problem !== undefined) fail(property, p.problem);
  if (partials.some((p) => p.ignore) || ct.excluded) return undefined;
  if (isReadOnly(cls, property)) fail(property, 'a getter without a setter cannot be decoded into; add a setter, or leave the property out with @Ignore()');
  const opts: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  let hasDefault = false;
  for (const p of partials) {
    const entries: [string, unknown][] = Object.entries(p.options ?? {});
    if (p.type !== undefined) entries.push(['type', p.type]);
    for (const [k, v] of entries) {
      if (!FIELD_OPTION_KEYS.has(k)) {
        const hint = ['size', 'symbols', 'items', 'values', 'fields', 'logicalType'].includes(k)
          ? '; this looks like an Avro schema: write @Field({ type: { … } })'
          : ` (known: ${[...FIELD_OPTION_KEYS].join(', ')}; an enum is named first: avroEnum(E, 'Name'))`;
        fail(property, `${p.decorator}: unknown option ${JSON.stringify(k)}${hint}`);
      }
      if (v === undefined) continue;
      if (k === 'default') hasDefault = true;
      if (k === 'aliases' || k === 'meta') {
        opts[k] = k === 'aliases' ? [...((opts[k] as string[]) ?? []), ...(v as string[])] : { ...(opts[k] as object), ...(v as object) };
      } else if (k in opts && !same(k, opts[k], v)) {
        fail(property, `${p.decorator} and ${from[k]} give different ${k === 'type' ? 'types' : `values for ${k}`}; keep one`);
      } else opts[k] = v;
      from[k] = p.decorator;
    }
  }
  const o = opts as FieldOptions;
  const name = o.name ?? ct.exposedName ?? property;
  if (!isValidName(name)) {
    fail(property, `${JSON.stringify(name)} is not a valid Avro field name (letters, digits, _; not starting with a digit); rename it with @Field({ name: 'valid_name' })`);
  }
  for (const a of o.aliases ?? []) if (typeof a !== 'string' || !isValidName(a)) fail(property, `alias ${JSON.stringify(a)} is not a valid Avro name`);
  if (o.order !== undefined && !ORDERS.has(o.order)) fail(property, `order must be 'ascending', 'descending' or 'ignore', not ${JSON.stringify(o.order)}`);
  if (o.doc !== undefined && typeof o.doc !== 'string') fail(property, 'doc must be a string');
  if (o.nullable !== undefined && typeof o.nullable !== 'boolean') fail(property, 'nullable must be true or false');
  for (const k of Object.keys(o.meta ?? {})) {
    if (RESERVED_FIELD_ATTRS.has(k)) fail(property, `meta may not set ${JSON.stringify(k)}, which Avro defines; use the option of that name`);
  }
  const c = o.conversion;
  if (c !== undefined && (typeof c !== 'object' || typeof c.fromAvro !== 'function' || typeof c.toAvro !== 'function')) {
    fail(property, 'a conversion needs fromAvro and toAvro functions');
  }

  const design = rec ? rec.designType : ct.designType;
  const declared = design === BigInt ? 'bigint' : design === Number ? 'number' : undefined;
  let type = o.type;
  if (type === undefined && ct.elementType !== undefined) {
    type = design === Array ? arrayOf(ct.elementType) : ct.elementType;
  }
  if (type === undefined) {
    if (rec?.standard) {
      fail(property, "standard (TC39) decorators carry no type information; name the type: @Field('string'), @Field(() => Address), @Field(() => [LineItem])…");
    }
    const inferred = inferFromDesignType(design);
    if (typeof inferred === 'string') fail(property, inferred);
    type = inferred as TypeInput;
  }
  return {
    owner: cls, property, name, type, aliases: o.aliases ?? [], hasDefault, nullable: o.nullable === true, meta: o.meta ?? {},
    ...(declared ? { declared } : {}),
    ...(o.doc !== undefined ? { doc: o.doc } : {}),
    ...(hasDefault ? { default: o.default } : {}),
    ...(o.order !== undefined ? { order: o.order } : {}),
    ...(c !== undefined ? { conversion: c } : {}),
  };
}
