import { checkDefault, isPlainObject } from './defaults.js';
import { AvroSchemaError } from './errors.js';
import { parseJsonText } from './json-text.js';
import type {
  ArraySchema, Attributes, EnumSchema, FieldSchema, FixedSchema, MapSchema, NamedSchema,
  PrimitiveKind, PrimitiveSchema, RecordSchema, Schema, SortOrder, UnionSchema,
} from './model.js';
import { PRIMITIVE_KINDS, branchName, isNamed } from './model.js';
import { isValidFullName, isValidName, isValidNamespace, namespaceOf, qualify } from './names.js';

/** Options of {@link parseSchema}. */
export interface ParseOptions {
  /**
   * Named types already defined (e.g. by earlier types of a protocol); new definitions are
   * added to it. Defaults to a fresh map.
   */
  registry?: Map<string, NamedSchema>;
  /** Namespace of the enclosing definition (a protocol's), default the null namespace. */
  namespace?: string;
  /** Check each field default against its type (default true). */
  validateDefaults?: boolean;
}

const ORDERS: ReadonlySet<string> = new Set(['ascending', 'descending', 'ignore']);
const RESERVED: Record<string, ReadonlySet<string>> = {
  record: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'fields', 'logicalType']),
  error: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'fields', 'logicalType']),
  enum: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'symbols', 'default', 'logicalType']),
  fixed: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'size', 'logicalType']),
  array: new Set(['type', 'items', 'logicalType']),
  map: new Set(['type', 'values', 'logicalType']),
  primitive: new Set(['type', 'logicalType']),
  field: new Set(['name', 'type', 'doc', 'default', 'order', 'aliases']),
};

/**
 * Parses and validates an Avro schema given as JSON text or as the parsed JSON value.
 * Throws {@link AvroSchemaError} with the path of the offending part.
 */
export function parseSchema(input: unknown, options: ParseOptions = {}): Schema {
  let json = input;
  if (typeof input === 'string') {
    const t = input.trim();
    if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) {
      try {
        // Integer literals past 2^53 (long defaults) are kept exact, as bigints.
        json = parseJsonText(t);
      } catch (e) {
        throw new AvroSchemaError(`schema is not valid JSON: ${(e as Error).message}`, '', { cause: e });
      }
    }
  }
  const parser = new Parser(options.registry ?? new Map(), options.validateDefaults ?? true);
  return parser.parse(json, options.namespace ?? '', '');
}

class Parser {
  constructor(
    private readonly registry: Map<string, NamedSchema>,
    private readonly validateDefaults: boolean,
  ) {}

  parse(json: unknown, ns: string, path: string): Schema {
    if (typeof json === 'string') return this.reference(json, ns, path);
    if (Array.isArray(json)) return this.union(json, ns, path);
    if (!isPlainObject(json)) {
      throw new AvroSchemaError(`a schema must be a string, an object or an array, not ${describe(json)}`, path);
    }
    const type = json['type'];
    if (typeof type !== 'string') {
      if (type === undefined) throw new AvroSchemaError('missing "type" attribute', path);
      // {"type": {...}} and {"type": [...]} wrap a schema; Java and Python accept them.
      if (Array.isArray(type) || isPlainObject(type)) return this.parse(type, ns, path);
      throw new AvroSchemaError(`"type" must be a string, not ${describe(type)}`, path);
    }
    switch (type) {
      case 'record':
      case 'error':
        return this.record(json, type === 'error', ns, path);
      case 'enum':
        return this.enum(json, ns, path);
      case 'fixed':
        return this.fixed(json, ns, path);
      case 'array':
        return this.array(json, ns, path);
      case 'map':
        return this.map(json, ns, path);
      default:
        if (PRIMITIVE_KINDS.has(type)) {
          const logical = logicalTypeOf(json, path);
          const s: PrimitiveSchema = {
            kind: type as PrimitiveKind,
            ...(logical !== undefined ? { logicalType: logical } : {}),
            attrs: extraAttrs(json, RESERVED['primitive']!),
          };
          return s;
        }
        // {"type": "Name"} refers to a named type.
        return this.reference(type, ns, path);
    }
  }

  private reference(name: string, ns: string, path: string): Schema {
    if (PRIMITIVE_KINDS.has(name)) return { kind: name as PrimitiveKind, attrs: {} };
    // A bare name is looked up in the enclosing namespace, then in the null namespace: the
    // fallback lets schemas refer to null-namespace types from inside a namespace (as our
    // schemaToJson writes them), which Java 1.8 also accepts and python3-avro does not.
    const found = (name.includes('.') ? undefined : this.registry.get(qualify(name, ns))) ?? this.registry.get(name);
    if (found) return found;
    if (name === 'record' || name === 'enum' || name === 'fixed' || name === 'array' || name === 'map' || name === 'error') {
      throw new AvroSchemaError(`"${name}" needs its attributes: write {"type": "${name}", ...}`, path);
    }
    throw new AvroSchemaError(
      `unknown type "${name}"${ns && !name.includes('.') ? ` (looked up as "${qualify(name, ns)}" and "${name}")` : ''}: ` +
        'a named type must be defined before it is used',
      path,
    );
  }

  private names(json: Record<string, unknown>, ns: string, path: string, what: string) {
    const name = json['name'];
    if (typeof name !== 'string') throw new AvroSchemaError(`${article(what)} needs a "name" string`, path);
    const nsAttr = json['namespace'];
    if (nsAttr !== undefined && nsAttr !== null && typeof nsAttr !== 'string') {
      throw new AvroSchemaError(`"namespace" must be a string, not ${describe(nsAttr)}`, path);
    }
    const enclosing = typeof nsAttr === 'string' ? nsAttr : ns;
    const full = name.includes('.') ? name : qualify(name, enclosing);
    const here = path || shortOf(full);
    if (!isValidFullName(full) || (typeof nsAttr === 'string' && !name.includes('.') && !isValidNamespace(nsAttr))) {
      throw new AvroSchemaError(
        `invalid name "${full}": each part must start with [A-Za-z_] and contain only [A-Za-z0-9_]`,
        path || full,
      );
    }
    if (PRIMITIVE_KINDS.has(shortOf(full)) && !full.includes('.')) {
      throw new AvroSchemaError(`"${full}" is a primitive type name and cannot name ${article(what)}`, here);
    }
    if (this.registry.has(full)) throw new AvroSchemaError(`"${full}" is defined twice`, here);
    const namespace = namespaceOf(full);
    const aliasesAttr = json['aliases'];
    let aliases: string[] = [];
    if (aliasesAttr !== undefined) {
      if (!Array.isArray(aliasesAttr) || !aliasesAttr.every((a) => typeof a === 'string')) {
        throw new AvroSchemaError('"aliases" must be an array of strings', here);
      }
      aliases = aliasesAttr.map((a: string) => qualify(a, namespace));
    }
    const doc = json['doc'];
    if (doc !== undefined && typeof doc !== 'string') throw new AvroSchemaError('"doc" must be a string', here);
    return { name: full, namespace, aliases, here, ...(typeof doc === 'string' ? { doc } : {}) };
  }

  private register(s: NamedSchema): void {
    this.registry.set(s.name, s);
  }

  private record(json: Record<string, unknown>, isError: boolean, ns: string, path: string): RecordSchema {
    const { here, ...names } = this.names(json, ns, path, 'record');
    const fieldsJson = json['fields'];
    if (!Array.isArray(fieldsJson)) throw new AvroSchemaError('a record needs a "fields" array', here);
    const fields: FieldSchema[] = [];
    const logical = logicalTypeOf(json, here);
    const rec: RecordSchema = {
      kind: 'record',
      ...names,
      isError,
      fields,
      ...(logical !== undefined ? { logicalType: logical } : {}),
      attrs: extraAttrs(json, RESERVED['record']!),
    };
    // Registered before its fields are parsed, so a field may refer to the record itself.
    this.register(rec);
    const seen = new Set<string>();
    for (const fj of fieldsJson) {
      const f = this.field(fj, names.namespace, here);
      if (seen.has(f.name)) throw new AvroSchemaError(`field "${f.name}" is defined twice`, `${here}.${f.name}`);
      seen.add(f.name);
      fields.push(f);
    }
    return rec;
  }

  private field(json: unknown, ns: string, recordPath: string): FieldSchema {
    if (!isPlainObject(json)) throw new AvroSchemaError(`a field must be an object, not ${describe(json)}`, recordPath);
    const name = json['name'];
    if (typeof name !== 'string') throw new AvroSchemaError('a field needs a "name" string', recordPath);
    const path = `${recordPath}.${name}`;
    if (!isValidName(name)) {
      throw new AvroSchemaError(`invalid field name "${name}": it must match [A-Za-z_][A-Za-z0-9_]*`, path);
    }
    if (!('type' in json)) throw new AvroSchemaError('a field needs a "type"', path);
    const type = this.parse(json['type'], ns, path);
    const order = json['order'] ?? 'ascending';
    if (typeof order !== 'string' || !ORDERS.has(order)) {
      throw new AvroSchemaError(`"order" must be "ascending", "descending" or "ignore", not ${describe(order)}`, path);
    }
    const aliasesAttr = json['aliases'];
    if (aliasesAttr !== undefined && (!Array.isArray(aliasesAttr) || !aliasesAttr.every((a) => typeof a === 'string'))) {
      throw new AvroSchemaError('"aliases" must be an array of strings', path);
    }
    const doc = json['doc'];
    if (doc !== undefined && typeof doc !== 'string') throw new AvroSchemaError('"doc" must be a string', path);
    const hasDefault = Object.prototype.hasOwnProperty.call(json, 'default');
    if (hasDefault && this.validateDefaults) {
      const why = checkDefault(type, json['default']);
      if (why !== undefined) throw new AvroSchemaError(`invalid default: ${why}`, path);
    }
    return {
      name,
      type,
      ...(typeof doc === 'string' ? { doc } : {}),
      ...(hasDefault ? { default: json['default'] } : {}),
      hasDefault,
      order: order as SortOrder,
      aliases: (aliasesAttr as string[] | undefined) ?? [],
      attrs: extraAttrs(json, RESERVED['field']!),
    };
  }

  private enum(json: Record<string, unknown>, ns: string, path: string): EnumSchema {
    const { here, ...names } = this.names(json, ns, path, 'enum');
    const symbols = json['symbols'];
    if (!Array.isArray(symbols)) throw new AvroSchemaError('an enum needs a "symbols" array', here);
    const seen = new Set<string>();
    for (const s of symbols) {
      if (typeof s !== 'string' || !isValidName(s)) {
        throw new AvroSchemaError(`invalid enum symbol ${describe(s)}: it must match [A-Za-z_][A-Za-z0-9_]*`, here);
      }
      if (seen.has(s)) throw new AvroSchemaError(`enum symbol "${s}" appears twice`, here);
      seen.add(s);
    }
    const def = json['default'];
    if (def !== undefined && (typeof def !== 'string' || !seen.has(def))) {
      throw new AvroSchemaError(`enum default ${describe(def)} is not one of its symbols`, here);
    }
    const logical = logicalTypeOf(json, here);
    const e: EnumSchema = {
      kind: 'enum',
      ...names,
      symbols: symbols as string[],
      ...(def !== undefined ? { default: def as string } : {}),
      ...(logical !== undefined ? { logicalType: logical } : {}),
      attrs: extraAttrs(json, RESERVED['enum']!),
    };
    this.register(e);
    return e;
  }

  private fixed(json: Record<string, unknown>, ns: string, path: string): FixedSchema {
    const { here, ...names } = this.names(json, ns, path, 'fixed');
    const size = json['size'];
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > 0x7fffffff) {
      throw new AvroSchemaError(`a fixed needs a non-negative integer "size", not ${describe(size)}`, here);
    }
    const logical = logicalTypeOf(json, here);
    const f: FixedSchema = {
      kind: 'fixed',
      ...names,
      size,
      ...(logical !== undefined ? { logicalType: logical } : {}),
      attrs: extraAttrs(json, RESERVED['fixed']!),
    };
    this.register(f);
    return f;
  }

  private array(json: Record<string, unknown>, ns: string, path: string): ArraySchema {
    if (!('items' in json)) throw new AvroSchemaError('an array needs "items"', path);
    const logical = logicalTypeOf(json, path);
    return {
      kind: 'array',
      items: this.parse(json['items'], ns, `${path}[]`),
      ...(logical !== undefined ? { logicalType: logical } : {}),
      attrs: extraAttrs(json, RESERVED['array']!),
    };
  }

  private map(json: Record<string, unknown>, ns: string, path: string): MapSchema {
    if (!('values' in json)) throw new AvroSchemaError('a map needs "values"', path);
    const logical = logicalTypeOf(json, path);
    return {
      kind: 'map',
      values: this.parse(json['values'], ns, `${path}{}`),
      ...(logical !== undefined ? { logicalType: logical } : {}),
      attrs: extraAttrs(json, RESERVED['map']!),
    };
  }

  private union(json: unknown[], ns: string, path: string): UnionSchema {
    const branches: Schema[] = [];
    const seen = new Set<string>();
    json.forEach((bj, i) => {
      const b = this.parse(bj, ns, `${path}|${i}`);
      if (b.kind === 'union') throw new AvroSchemaError('a union may not directly contain another union', `${path}|${i}`);
      const key = branchName(b);
      if (seen.has(key)) {
        throw new AvroSchemaError(
          `a union may not contain two branches of ${isNamed(b) ? `the name "${key}"` : `type ${key}`}`,
          `${path}|${i}`,
        );
      }
      seen.add(key);
      branches.push(b);
    });
    return { kind: 'union', branches, attrs: {} };
  }
}

function logicalTypeOf(json: Record<string, unknown>, path: string): string | undefined {
  const lt = json['logicalType'];
  if (lt === undefined) return undefined;
  if (typeof lt !== 'string') throw new AvroSchemaError('"logicalType" must be a string', path);
  return lt;
}

function extraAttrs(json: Record<string, unknown>, reserved: ReadonlySet<string>): Attributes {
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(json)) {
    if (reserved.has(k)) continue;
    out ??= Object.create(null) as Record<string, unknown>;
    Object.defineProperty(out, k, { value: json[k], enumerable: true, writable: true, configurable: true });
  }
  return out ?? EMPTY;
}

const EMPTY: Attributes = Object.freeze(Object.create(null) as Record<string, unknown>);

function shortOf(full: string): string {
  const i = full.lastIndexOf('.');
  return i < 0 ? full : full.slice(i + 1);
}

function article(what: string): string {
  return /^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}
