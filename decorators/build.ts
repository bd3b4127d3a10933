/**
 * Class graph → schema JSON. Walks from a root class through its fields' types (calling
 * thunks), writes each named type in full where it first occurs and by name afterwards, and
 * notes what the engine will need besides the JSON: the class of every record, renamed
 * properties, conversions, how longs are declared, and the defaults still to be converted.
 */
import { PRIMITIVE_KINDS, isValidFullName, namespaceOf, qualify } from '../src/index.js';
import { AvroDecoratorError, className } from './errors.js';
import { namedEnum, isEnumObject, enumModel, TS_ENUM_LOGICAL_TYPE } from './enums.js';
import type { EnumModel } from './enums.js';
import { inferFromDesignType } from './infer.js';
import { classModel, isDescribed } from './model.js';
import type { FieldModel } from './model.js';
import { nameAttrs, refText } from './names.js';
import type { Conversion } from './options.js';
import { writeRawSchema } from './raw-schema.js';
import { LOGICAL_UNDERLYING, duration, isThunk, specNodeOf } from './spec.js';
import type { AnyClass, EnumLike, LogicalTypeName, TypeInput } from './spec.js';
import { enumConversion } from './conversions.js';

/** Where a conversion applies: one field's type (null branch aside), or a named type everywhere. */
export type ConversionSite = { readonly record: string; readonly field: string } | { readonly named: string };

export interface ConversionUse {
  readonly site: ConversionSite;
  readonly conversion: Conversion;
  readonly label: string;
}

export interface PendingDefault {
  readonly record: string;
  readonly field: string;
  readonly value: unknown;
  /** The field's JSON, whose `default` is filled in once converted. */
  readonly json: Record<string, unknown>;
  readonly label: string;
}

/** The schema JSON of a class graph and what the engine needs besides. */
export interface BuiltSchema {
  readonly json: Record<string, unknown>;
  readonly classes: ReadonlyMap<string, AnyClass>;
  /** Per class, properties whose Avro field name differs. */
  readonly renames: ReadonlyMap<AnyClass, readonly { property: string; name: string }[]>;
  readonly conversions: readonly ConversionUse[];
  readonly longForms: readonly { form: 'number' | 'bigint'; label: string }[];
  readonly defaults: readonly PendingDefault[];
}

type Origin = { kind: 'class'; cls: AnyClass } | { kind: 'enum'; source: EnumLike } | { kind: 'raw'; canonical: string; label: string };

/** Builds the schema of `root`; throws AvroDecoratorError naming the class and property at fault. */
export function buildSchema(root: AnyClass): BuiltSchema {
  const b = new Builder();
  const json = b.classJson(root, '', className(root), undefined) as Record<string, unknown>;
  if (typeof json !== 'object') throw new Error('unreachable: a root record is written in full');
  return { json, classes: b.classes, renames: b.renames, conversions: b.conversions, longForms: b.longForms, defaults: b.defaults };
}

class Builder {
  readonly defined = new Map<string, Origin>();
  /** Full name each class and enum got where first written. */
  private readonly classNames = new Map<AnyClass, string>();
  private readonly enumNames = new Map<object, string>();
  readonly classes = new Map<string, AnyClass>();
  readonly renames = new Map<AnyClass, { property: string; name: string }[]>();
  readonly conversions: ConversionUse[] = [];
  readonly longForms: { form: 'number' | 'bigint'; label: string }[] = [];
  readonly defaults: PendingDefault[] = [];

  /** The record of a class: in full the first time, by name afterwards. */
  classJson(cls: AnyClass, ns: string, label: string, owner: string | undefined): unknown {
    if (!isDescribed(cls)) {
      const where = owner === undefined ? `${className(cls)}` : label;
      throw new AvroDecoratorError(where, undefined, `${className(cls)} is not a record class: decorate it with @AvroRecord() and its properties with @Field()`);
    }
    const known = this.classNames.get(cls);
    if (known !== undefined) return this.ref(known, ns, label);
    const m = classModel(cls);
    const full = m.hasNamespace ? m.name : qualify(m.name, ns);
    const prior = this.defined.get(full);
    if (prior !== undefined) throw this.clash(full, prior, `class ${className(cls)}`, label);
    this.defined.set(full, { kind: 'class', cls });
    this.classNames.set(cls, full);
    this.classes.set(full, cls);
    const recordNs = namespaceOf(full);
    const out: Record<string, unknown> = { type: m.isError ? 'error' : 'record', ...nameAttrs(full, ns) };
    if (m.doc !== undefined) out['doc'] = m.doc;
    if (m.aliases.length) out['aliases'] = [...m.aliases];
    const fields: unknown[] = [];
    out['fields'] = fields;
    Object.assign(out, m.meta);
    const renamed = m.fields.filter((f) => f.name !== f.property).map((f) => ({ property: f.property, name: f.name }));
    if (renamed.length) this.renames.set(cls, renamed);
    for (const f of m.fields) fields.push(this.fieldJson(full, recordNs, f));
    return out;
  }

  /** A reference to a type defined earlier; a null-namespace name cannot be referred to from a namespace. */
  private ref(full: string, ns: string, label: string): string {
    if (namespaceOf(full) === '' && ns !== '') {
      throw new AvroDecoratorError(label, undefined, `${full} is in the null namespace (it was first used where there is none) and a schema cannot refer to it from namespace ${ns}; give ${full} a namespace`);
    }
    return refText(full, ns);
  }

  private clash(name: string, prior: Origin, now: string, label: string): AvroDecoratorError {
    const was = prior.kind === 'class' ? `class ${className(prior.cls)}` : prior.kind === 'enum' ? 'an enum' : `a schema at ${prior.label}`;
    return new AvroDecoratorError(label, undefined, `${now} and ${was} both define ${name}; give one another name (or namespace)`);
  }

  private fieldJson(record: string, ns: string, f: FieldModel): Record<string, unknown> {
    const label = `${className(f.owner)}.${f.property}`;
    const spec = resolve(f.type, label);
    let t = this.typeJson(spec, ns, label);
    if (t === 'long' && f.declared !== undefined && longFormOf(spec) === undefined) this.longForms.push({ form: f.declared, label });
    if (f.conversion !== undefined) t = this.attachConversion(t, f.conversion, record, ns, f, label);
    if (f.nullable) t = nullableJson(t, f.hasDefault && f.default !== null);
    const out: Record<string, unknown> = { name: f.name, type: t };
    if (f.doc !== undefined) out['doc'] = f.doc;
    if (f.hasDefault) {
      out['default'] = undefined; // keeps the key's place; filled in by the defaults pass
      this.defaults.push({ record, field: f.name, value: f.default, json: out, label });
    }
    if (f.order !== undefined && f.order !== 'ascending') out['order'] = f.order;
    if (f.aliases.length) out['aliases'] = [...f.aliases];
    return Object.assign(out, f.meta);
  }

  private attachConversion(t: unknown, conversion: Conversion, record: string, ns: string, f: FieldModel, label: string): unknown {
    const fail = (msg: string): never => {
      throw new AvroDecoratorError(label, undefined, msg);
    };
    const wanted = conversion.logicalType;
    if (Array.isArray(t)) fail('a conversion on a union is not supported; convert each class or type instead');
    if (typeof t === 'string' && !PRIMITIVE_KINDS.has(t)) {
      // A named type written earlier: the conversion would apply to its every use.
      return fail('a conversion on a named type defined elsewhere is not supported; put it on the type\'s first use');
    }
    let obj = typeof t === 'string' ? { type: t } : (t as Record<string, unknown>);
    const has = obj['logicalType'];
    if (has === undefined) {
      if (wanted === undefined) {
        fail(`a conversion on a plain ${JSON.stringify(obj['type'])} needs a logicalType name to write in the schema: { logicalType: 'my-type', fromAvro, toAvro }`);
      }
      obj = { ...obj, logicalType: wanted };
    } else if (wanted !== undefined && wanted !== has) {
      fail(`the conversion's logicalType ${JSON.stringify(wanted)} differs from the type's ${JSON.stringify(has)}; leave logicalType out to convert ${JSON.stringify(has)} values`);
    }
    const named = obj['type'] === 'record' || obj['type'] === 'enum' || obj['type'] === 'fixed';
    const site: ConversionSite = named ? { named: qualify(String(obj['name']), String(obj['namespace'] ?? ns)) } : { record, field: f.name };
    this.conversions.push({ site, conversion, label });
    return obj;
  }

  /** The JSON of a resolved type spec inside namespace `ns`. */
  typeJson(spec: unknown, ns: string, label: string): unknown {
    const fail = (msg: string): never => {
      throw new AvroDecoratorError(label, undefined, msg);
    };
    if (typeof spec === 'string') return this.stringJson(spec, ns, label);
    const node = specNodeOf(spec);
    if (node !== undefined) {
      switch (node.kind) {
        case 'array':
          return { type: 'array', items: this.typeJson(resolve(node.items, label), ns, `${label}[]`) };
        case 'map':
          return { type: 'map', values: this.typeJson(resolve(node.values, label), ns, `${label}{}`) };
        case 'nullable':
          return nullableJson(this.typeJson(resolve(node.inner, label), ns, label), false);
        case 'union':
          return this.unionJson(node.branches.map((x) => resolve(x, label)), ns, label);
        case 'long':
          this.longForms.push({ form: node.form, label });
          return 'long';
        case 'enum': {
          const model = namedEnum(node.values);
          if (node.name === undefined && model === undefined) {
            return fail('enumOf(E) needs a name the first time: enumOf(E, \'Name\'), or name E once with avroEnum(E, \'Name\')');
          }
          return this.enumJson(node.name === undefined ? model! : enumModel(node.values, node.name, node.options ?? {}, label), ns, label);
        }
        case 'schema':
          return this.rawJson(node.json, ns, label);
      }
    }
    if (spec === BigInt) {
      this.longForms.push({ form: 'bigint', label });
      return 'long';
    }
    if (spec === String) return 'string';
    if (spec === Number) return 'double';
    if (spec === Boolean) return 'boolean';
    if (spec === Date) return { type: 'long', logicalType: 'timestamp-millis' };
    if (spec === Uint8Array) return 'bytes';
    if (Array.isArray(spec)) {
      const model = namedEnum(spec);
      if (model !== undefined) return this.enumJson(model, ns, label);
      if (spec.length !== 1) {
        fail(`[${spec.map(String).join(', ')}]: a JS array in a field type is an Avro array of its one item type; for a union write union(A, B), for an enum name the symbols with avroEnum([...], 'Name')`);
      }
      return { type: 'array', items: this.typeJson(resolve(spec[0] as TypeInput, label), ns, `${label}[]`) };
    }
    if (typeof spec === 'function') {
      const builtin = inferFromDesignType(spec);
      if (typeof builtin === 'string') fail(builtin);
      if (builtin !== spec) return this.typeJson(builtin, ns, label);
      return this.classJson(spec as AnyClass, ns, label, label);
    }
    if (typeof spec === 'object' && spec !== null) {
      const model = namedEnum(spec);
      if (model !== undefined) return this.enumJson(model, ns, label);
      if ('type' in spec) return this.rawJson(spec, ns, label);
      if (isEnumObject(spec)) fail('this enum has no Avro name: name it once with avroEnum(MyEnum, \'MyEnum\') (or write enumOf(MyEnum, \'MyEnum\'))');
    }
    return fail(`${describe(spec)} is not a field type; write an Avro type name ('int'), a class (() => Address), [Item], mapOf(V), union(A, B), or a schema object`);
  }

  private stringJson(name: string, ns: string, label: string): unknown {
    const fail = (msg: string): never => {
      throw new AvroDecoratorError(label, undefined, msg);
    };
    if (PRIMITIVE_KINDS.has(name)) return name;
    if (name === 'duration') return this.typeJson(duration(), ns, label);
    if (name in LOGICAL_UNDERLYING) return { type: LOGICAL_UNDERLYING[name as LogicalTypeName], logicalType: name };
    if (name === 'decimal') fail("decimal needs a precision and a scale: write @Field(decimal(12, 2))");
    if (['record', 'error', 'enum', 'fixed', 'array', 'map', 'union'].includes(name)) {
      fail(`'${name}' needs more than a name: use a class, enumOf(E, 'Name'), fixed('Name', size), [Item], mapOf(V) or union(A, B)`);
    }
    if (!isValidFullName(name)) fail(`${JSON.stringify(name)} is neither an Avro type nor a valid name of one`);
    const full = !name.includes('.') && this.defined.has(qualify(name, ns)) ? qualify(name, ns) : name;
    if (!this.defined.has(full)) {
      fail(`${JSON.stringify(name)} names no type defined before this field; refer to the class or enum itself (() => ${name}) instead of its name`);
    }
    return this.ref(full, ns, label);
  }

  private enumJson(model: EnumModel, ns: string, label: string): unknown {
    const known = this.enumNames.get(model.source);
    if (known !== undefined) return this.ref(known, ns, label);
    const o = model.options;
    // Like a class, an enum without a namespace takes the one of the record that first uses it.
    const full = qualify(model.name, o.namespace ?? ns);
    const prior = this.defined.get(full);
    if (prior !== undefined) throw this.clash(full, prior, 'an enum', label);
    this.defined.set(full, { kind: 'enum', source: model.source });
    this.enumNames.set(model.source, full);
    const out: Record<string, unknown> = { type: 'enum', ...nameAttrs(full, ns) };
    if (o.doc !== undefined) out['doc'] = o.doc;
    if (o.aliases?.length) out['aliases'] = [...o.aliases];
    out['symbols'] = [...model.symbols];
    if (model.defaultSymbol !== undefined) out['default'] = model.defaultSymbol;
    if (model.toSymbol !== undefined) {
      out['logicalType'] = TS_ENUM_LOGICAL_TYPE;
      this.conversions.push({ site: { named: full }, conversion: enumConversion(model), label });
    }
    return Object.assign(out, o.meta);
  }

  private unionJson(branches: unknown[], ns: string, label: string): unknown {
    for (let i = 0; i < branches.length; i++) {
      for (let j = i + 1; j < branches.length; j++) {
        const a = branches[i], b = branches[j];
        if (typeof a === 'function' && typeof b === 'function' && b.prototype instanceof a) {
          throw new AvroDecoratorError(label, undefined, `union branch ${className(b)} extends ${className(a)} but comes after it, so ${className(b)} instances would be written as ${className(a)}; list ${className(b)} first`);
        }
      }
    }
    const out: unknown[] = [];
    for (const br of branches) {
      const j = this.typeJson(br, ns, label);
      if (Array.isArray(j)) out.push(...j);
      else out.push(j);
    }
    return out;
  }

  private rawJson(json: unknown, ns: string, label: string): unknown {
    try {
      return writeRawSchema(json, ns, {
        names: () => this.defined.keys(),
        claim: (name, canonical) => {
          const prior = this.defined.get(name);
          if (prior === undefined) {
            this.defined.set(name, { kind: 'raw', canonical, label });
            return false;
          }
          if (prior.kind === 'raw' && prior.canonical === canonical) return true;
          throw this.clash(name, prior, `a schema at ${label}`, label);
        },
      });
    } catch (e) {
      if (e instanceof AvroDecoratorError) throw e;
      throw new AvroDecoratorError(label, undefined, (e as Error).message, { cause: e });
    }
  }
}

/** Calls a thunk (once; a thunk returning a thunk is a mistake). */
export function resolve(input: TypeInput, label: string): unknown {
  if (!isThunk(input)) return input;
  let out: unknown;
  try {
    out = input();
  } catch (e) {
    const hint = e instanceof ReferenceError ? ' (a class used before its declaration has run?)' : '';
    throw new AvroDecoratorError(label, undefined, `the type thunk threw: ${(e as Error).message}${hint}`, { cause: e });
  }
  if (isThunk(out)) throw new AvroDecoratorError(label, undefined, 'the type thunk returned another function; return the type itself: () => Address');
  if (out === undefined || out === null) {
    throw new AvroDecoratorError(label, undefined, `the type thunk returned ${out} (a class not defined yet, or a circular import?)`);
  }
  return out;
}

/** The long form a spec states itself (BigInt, longOf), looking through nullable(). */
function longFormOf(spec: unknown): 'number' | 'bigint' | undefined {
  if (spec === BigInt) return 'bigint';
  const n = specNodeOf(spec);
  if (n?.kind === 'long') return n.form;
  return undefined;
}

/** `["null", T]`, or `[T, "null"]` when the default is not null; a union gains a null branch. */
export function nullableJson(t: unknown, nullLast: boolean): unknown {
  const branches = Array.isArray(t) ? t.filter((b) => b !== 'null') : [t];
  return nullLast ? [...branches, 'null'] : ['null', ...branches];
}

function describe(v: unknown): string {
  if (typeof v === 'function') return `function ${className(v)}`;
  if (typeof v === 'object') return JSON.stringify(v) ?? String(v);
  return String(v);
}
