/**
 * `protocolOf(ServiceClass)`: the Avro protocol of a decorated service class.
 *
 * Every type of the protocol (parameters, responses, errors, `types`) becomes one field of a
 * synthetic record class, built with the public `@Field`/`@AvroRecord`, so the decorators'
 * schema builder does all the work it does for records (inference, thunks, enums, defaults,
 * conversions, long modes, renames) and defines each named type once, where first used. The
 * fields are laid out in the order a protocol is read (`types`, then each message's
 * parameters, response and errors), so the schema JSON splits into protocol JSON as is.
 * Conversions bind to schema nodes; the protocol's nodes are matched to the synthetic
 * record's by structure, so they carry the same conversions.
 */
import { BUILTIN_LOGICAL_TYPES, PRIMITIVE_KINDS, shortName } from '../src/index.js';
import type { DecodeLimits, LogicalTypeDefinition, LongMode, RecordConstructor, RecordSchema, Schema, Type } from '../src/index.js';
import { Protocol } from '../src/rpc/index.js';
import { AvroRecord, Field } from './decorators.js';
import { AvroDecoratorError, className } from './errors.js';
import { recordClassesOf, schemaOf, typeOf } from './schema-of.js';
import { cloneJson, define, definitionName, definitions, hoist, isNamedDefinition, referenceName } from './service-json.js';
import { serviceModel } from './service-model.js';
import type { MessageModel, ServiceModel } from './service-model.js';
import type { ParamOptions } from './service-options.js';
import type { AnyClass, TypeInput, TypeSpec } from './spec.js';

/** Options of {@link protocolOf}: how the protocol's types encode and decode. */
export interface ProtocolOfOptions {
  /**
   * How longs read: by default `'bigint'` when a parameter, response or field is declared
   * `bigint`, else `'number'` (the two cannot be mixed in one protocol).
   */
  readonly longs?: LongMode;
  /** Generated code (default) or the interpreted codec. */
  readonly codegen?: boolean;
  readonly limits?: Partial<DecodeLimits>;
}

/** Where one field of the synthetic record goes in the protocol. */
type Part =
  | { readonly kind: 'type' }
  | { readonly kind: 'param'; readonly message: MessageModel; readonly index: number }
  | { readonly kind: 'response'; readonly message: MessageModel }
  | { readonly kind: 'error'; readonly message: MessageModel; readonly index: number };

/** The synthetic record's name: not a name a user type would have. */
const ROOT = 'avrokit_service__';

const defaults = new WeakMap<AnyClass, Protocol>();
const byOptions = new WeakMap<AnyClass, Map<string, Protocol>>();

/**
 * The Avro protocol of a class decorated with `@AvroService`: one message per `@AvroMessage`
 * method; every named type declared in `types` in order of first use; declared errors as Avro
 * `error`s. Records decode as their classes and declared errors as their error classes.
 * Built once per class (and options); `protocol.toJSON()` / `toString()` give its JSON.
 */
export function protocolOf(cls: AnyClass, options?: ProtocolOfOptions): Protocol {
  if (options === undefined) {
    let p = defaults.get(cls);
    if (p === undefined) defaults.set(cls, (p = protocolOf(cls, {})));
    return p;
  }
  const key = JSON.stringify([options.longs, options.codegen, options.limits]);
  let cache = byOptions.get(cls);
  let p = cache?.get(key);
  if (p === undefined) {
    p = buildProtocol(serviceModel(cls), options);
    if (cache === undefined) byOptions.set(cls, (cache = new Map()));
    cache.set(key, p);
  }
  return p;
}

function buildProtocol(model: ServiceModel, options: ProtocolOfOptions): Protocol {
  const ns = model.namespace;
  const cname = className(model.cls);
  const parts: Part[] = [];
  const Synthetic = class {};
  Object.defineProperty(Synthetic, 'name', { value: cname });
  const proto = Synthetic.prototype as object;
  const add = (part: Part, label: string, type: TypeInput, design: unknown, opts: ParamOptions = {}): void => {
    // design:type tells the builder whether a long is a number or a bigint.
    if (typeof design === 'function') defineDesignType(design, proto, label);
    Field(type, { ...opts, name: `f${parts.length}` })(proto, label);
    parts.push(part);
  };
  for (const [i, t] of call(model.types, cname, 'types').entries()) add({ kind: 'type' }, `types[${i}]`, t, undefined);
  for (const m of model.messages) {
    m.params.forEach((p, i) => add({ kind: 'param', message: m, index: i }, `${m.method}(${p.name})`, p.type, p.design, p.options));
    add({ kind: 'response', message: m }, `${m.method}(): response`, m.response, m.responseDesign);
    const errors = typeof m.errors === 'function' ? call(m.errors, cname, `${m.method}(): errors`) : m.errors;
    errors.forEach((e, i) => add({ kind: 'error', message: m, index: i }, `${m.method}(): errors[${i}]`, e, undefined));
  }
  AvroRecord({ name: ROOT, namespace: ns })(Synthetic);
  const rootType = typeOf(Synthetic, options.longs !== undefined ? { longs: options.longs } : {});
  const json = protocolJson(model, parts, cloneJson(schemaOf(Synthetic)) as Record<string, unknown>);
  const constructors = new Map<string, RecordConstructor>(recordClassesOf(Synthetic));
  constructors.delete(ROOT);
  if (ns !== '') constructors.delete(`${ns}.${ROOT}`);
  const nodes = new Map<Schema, Schema>();
  const protocol = Protocol.parse(json, {
    constructors,
    logicalTypes: conversionsThrough(nodes, rootType),
    longs: rootType.context.longs,
    ...(options.codegen !== undefined ? { codegen: options.codegen } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
  });
  // Logical types bind lazily (at first use), so filling the map now is in time.
  matchNodes(protocol, parts, rootType.schemaNode as RecordSchema, nodes);
  return protocol;
}

function defineDesignType(design: unknown, proto: object, key: string): void {
  const r = Reflect as unknown as { defineMetadata?: (k: string, v: unknown, t: object, p: string) => void };
  r.defineMetadata?.('design:type', design, proto, key);
}

function call(thunk: (() => readonly TypeSpec[]) | undefined, cname: string, what: string): readonly TypeSpec[] {
  if (thunk === undefined) return [];
  let out: unknown;
  try {
    out = thunk();
  } catch (e) {
    throw new AvroDecoratorError(cname, what, `the thunk threw: ${(e as Error).message}`, { cause: e });
  }
  if (!Array.isArray(out)) throw new AvroDecoratorError(cname, what, `the thunk must return a list (of types), not ${typeof out}`);
  return out as readonly TypeSpec[];
}

/** Splits the synthetic record's JSON into protocol JSON. */
function protocolJson(model: ServiceModel, parts: readonly Part[], root: Record<string, unknown>): Record<string, unknown> {
  const ns = model.namespace;
  const cname = className(model.cls);
  const fields = root['fields'] as Record<string, unknown>[];
  markErrors(model, parts, fields, ns);
  const types: unknown[] = [];
  const messages: Record<string, unknown> = {};
  const bodies = new Map<MessageModel, Record<string, unknown>>();
  for (const m of model.messages) {
    const body: Record<string, unknown> = {};
    if (m.doc !== undefined) body['doc'] = m.doc;
    for (const k of Object.keys(m.meta)) define(body, k, m.meta[k]);
    body['request'] = [];
    bodies.set(m, body);
    define(messages, m.name, body);
  }
  parts.forEach((part, i) => {
    const field = fields[i]!;
    if (part.kind === 'type') {
      // A name is a type defined earlier (inside another type of the list): declared already.
      if (isNamedDefinition(field['type'])) hoist(field['type'], ns, types);
      else if (typeof field['type'] !== 'string' || PRIMITIVE_KINDS.has(field['type'])) {
        throw new AvroDecoratorError(cname, undefined, `@AvroService types lists named types only (record classes, enums, fixed), not ${JSON.stringify(field['type'])}`);
      }
      return;
    }
    const body = bodies.get(part.message)!;
    const type = hoist(field['type'], ns, types);
    if (part.kind === 'param') {
      const param: Record<string, unknown> = { name: part.message.params[part.index]!.name, type };
      for (const k of Object.keys(field)) if (k !== 'name' && k !== 'type') define(param, k, field[k]);
      (body['request'] as unknown[]).push(param);
    } else if (part.kind === 'response') {
      body['response'] = type;
      if (part.message.oneWay) body['one-way'] = true;
    } else {
      const errors = (body['errors'] ??= []) as unknown[];
      errors.push(type);
    }
  });
  // `one-way` goes after the errors a message may not have, as .avpr files write it.
  for (const body of bodies.values()) {
    if (body['one-way'] === true) {
      delete body['one-way'];
      body['one-way'] = true;
    }
  }
  const out: Record<string, unknown> = { protocol: shortName(model.protocol) };
  if (ns !== '') out['namespace'] = ns;
  if (model.doc !== undefined) out['doc'] = model.doc;
  for (const k of Object.keys(model.meta)) define(out, k, model.meta[k]);
  out['types'] = types;
  out['messages'] = messages;
  return out;
}

/** Declares the records of declared errors as Avro `error`s; refuses errors that are not records. */
function markErrors(model: ServiceModel, parts: readonly Part[], fields: Record<string, unknown>[], ns: string): void {
  const defs = definitions(fields.map((f) => f['type']), ns);
  parts.forEach((part, i) => {
    if (part.kind !== 'error') return;
    const t = fields[i]!['type'];
    const full = isNamedDefinition(t) ? definitionName(t, ns) : typeof t === 'string' ? referenceName(t, ns) : undefined;
    const def = full === undefined ? undefined : defs.get(full);
    if (def === undefined || (def['type'] !== 'record' && def['type'] !== 'error')) {
      throw new AvroDecoratorError(
        className(model.cls), part.message.method,
        `errors[${part.index}] is ${JSON.stringify(def?.['type'] ?? t)}, not a record: declared errors are record classes, e.g. @AvroRecord({ error: true }) class NotFound { … }`,
      );
    }
    def['type'] = 'error';
  });
}

/** Logical type definitions that give each protocol node its synthetic twin's binding. */
function conversionsThrough(nodes: ReadonlyMap<Schema, Schema>, root: Type): Record<string, LogicalTypeDefinition> {
  const names = new Set<string>();
  const seen = new Set<Schema>();
  const visit = (s: Schema): void => {
    if (seen.has(s)) return;
    seen.add(s);
    if (s.logicalType !== undefined) names.add(s.logicalType);
    if (s.kind === 'record') for (const f of s.fields) visit(f.type);
    else if (s.kind === 'array') visit(s.items);
    else if (s.kind === 'map') visit(s.values);
    else if (s.kind === 'union') s.branches.forEach(visit);
  };
  visit(root.schemaNode);
  const out: Record<string, LogicalTypeDefinition> = {};
  for (const name of names) {
    const builtin = BUILTIN_LOGICAL_TYPES.get(name);
    out[name] = {
      name,
      bind(node, context) {
        const twin = nodes.get(node);
        if (twin === undefined) return builtin?.bind(node, context) ?? `no definition of logical type ${name}`;
        return root.context.logical(twin) ?? `the class graph binds nothing to this ${name}`;
      },
    };
  }
  return out;
}

/** Maps each node of the protocol to the synthetic record's node it was written from. */
function matchNodes(protocol: Protocol, parts: readonly Part[], root: RecordSchema, out: Map<Schema, Schema>): void {
  const seen = new Set<Schema>();
  const pair = (a: Schema, b: Schema | undefined): void => {
    if (b === undefined || seen.has(b)) return;
    seen.add(b);
    if (a.kind !== b.kind) throw new Error(`unreachable: protocol node ${b.kind} matched to ${a.kind}`);
    if (a.logicalType !== undefined) out.set(b, a);
    if (a.kind === 'record' && b.kind === 'record') a.fields.forEach((f, i) => pair(f.type, b.fields[i]?.type));
    else if (a.kind === 'array' && b.kind === 'array') pair(a.items, b.items);
    else if (a.kind === 'map' && b.kind === 'map') pair(a.values, b.values);
    else if (a.kind === 'union' && b.kind === 'union') a.branches.forEach((x, i) => pair(x, b.branches[i]));
  };
  parts.forEach((part, i) => {
    const syn = root.fields[i]!.type;
    if (part.kind === 'type') {
      if ('name' in syn) pair(syn, protocol.registry.get(syn.name));
      return;
    }
    const msg = protocol.messages.get(part.message.name)!;
    if (part.kind === 'param') pair(syn, (msg.requestType.schemaNode as RecordSchema).fields[part.index]?.type);
    else if (part.kind === 'response') pair(syn, msg.responseType.schemaNode);
    else pair(syn, msg.errorBranches[part.index + 1]?.schemaNode);
  });
}
