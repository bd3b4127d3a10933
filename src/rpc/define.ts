/**
 * Programmatic protocol definitions: a service described with Types (or schemas) instead of
 * `.avpr` text. The definition is written out as protocol JSON in the order the parser reads
 * it, so each named type is defined where it first appears and referred to by name afterwards,
 * then parsed as any protocol is. Decorated service classes build on this.
 */
import type { RecordConstructor } from '../codec/context.js';
import { schemaToJson } from '../schema/to-json.js';
import { Type } from '../type.js';
import type { TypeOptions } from '../type.js';

/** A Type, or a schema as JSON (a name, a schema object, a union array). */
export type TypeLike = Type | unknown;

/** One parameter of a message. */
export interface ParameterDefinition {
  readonly name: string;
  readonly type: TypeLike;
  readonly doc?: string;
  /** Default (Avro JSON, as in a record field) used when a caller's protocol lacks the parameter. */
  readonly default?: unknown;
}

/** A message: parameters (in order), response, declared errors, one-way flag. */
export interface MessageDefinition {
  readonly doc?: string;
  /** Parameters in order, as a list or as an object of name → type (key order). */
  readonly request: readonly ParameterDefinition[] | Readonly<Record<string, TypeLike>>;
  /** Response type; default `"null"`. */
  readonly response?: TypeLike;
  /** Declared error types (records, usually declared as `"type": "error"`). */
  readonly errors?: readonly TypeLike[];
  /** One-way (no response on a stateful connection); needs a null response and no errors. */
  readonly oneWay?: boolean;
}

/** What {@link Protocol.define} takes. */
export interface ProtocolDefinition {
  /** The protocol's name (full, or short with `namespace`). */
  readonly protocol: string;
  readonly namespace?: string;
  readonly doc?: string;
  /** Named types to declare up front (others are defined where first used). */
  readonly types?: readonly TypeLike[];
  readonly messages: Readonly<Record<string, MessageDefinition>>;
}

/**
 * The protocol JSON of a definition, and parse options whose `constructors` include those of
 * every Type given (so records decode as the same classes as through those Types).
 */
export function defineProtocol(
  def: ProtocolDefinition, options: Omit<TypeOptions, 'registry' | 'namespace'>,
): { json: Record<string, unknown>; options: Omit<TypeOptions, 'registry' | 'namespace'> } {
  const written = new Set<string>();
  const ns = def.namespace ?? (def.protocol.includes('.') ? def.protocol.slice(0, def.protocol.lastIndexOf('.')) : '');
  const constructors = new Map<string, RecordConstructor>();
  const toJson = (t: TypeLike): unknown => {
    if (!(t instanceof Type)) return t;
    for (const [k, v] of t.context.constructors) constructors.set(k, v);
    return schemaToJson(t.schemaNode, { written, namespace: ns });
  };
  const json: Record<string, unknown> = { protocol: def.protocol };
  if (def.namespace !== undefined) json['namespace'] = def.namespace;
  if (def.doc !== undefined) json['doc'] = def.doc;
  json['types'] = (def.types ?? []).map(toJson);
  const messages: Record<string, unknown> = {};
  for (const name of Object.keys(def.messages)) {
    const m = def.messages[name]!;
    const params: readonly ParameterDefinition[] = Array.isArray(m.request)
      ? m.request
      : Object.entries(m.request as Record<string, TypeLike>).map(([n, type]) => ({ name: n, type }));
    const out: Record<string, unknown> = {};
    if (m.doc !== undefined) out['doc'] = m.doc;
    out['request'] = params.map((p) => ({
      name: p.name,
      type: toJson(p.type),
      ...(p.doc !== undefined ? { doc: p.doc } : {}),
      ...('default' in p ? { default: p.default } : {}),
    }));
    out['response'] = toJson(m.response ?? 'null');
    if (m.errors !== undefined && m.errors.length > 0) out['errors'] = m.errors.map(toJson);
    if (m.oneWay) out['one-way'] = true;
    Object.defineProperty(messages, name, { value: out, enumerable: true, writable: true, configurable: true });
  }
  json['messages'] = messages;
  const given = options.constructors;
  if (given !== undefined) {
    const entries = given instanceof Map ? [...given] : Object.entries(given);
    for (const [k, v] of entries) constructors.set(k, v);
  }
  return { json, options: constructors.size > 0 ? { ...options, constructors } : options };
}
