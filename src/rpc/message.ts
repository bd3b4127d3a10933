/**
 * One message of a protocol: its request (an anonymous record of parameters), its response,
 * its effective error union (`"string"` first, then the declared errors) and the one-way flag,
 * each compiled to a {@link Type}.
 */
import { defaultToValue } from '../codec/defaults.js';
import { isPlainObject } from '../schema/defaults.js';
import { AvroSchemaError } from '../schema/errors.js';
import type { FieldSchema, NamedSchema, RecordSchema, Schema, UnionSchema } from '../schema/model.js';
import { branchName } from '../schema/model.js';
import { isValidName, qualify } from '../schema/names.js';
import { parseSchema } from '../schema/parse.js';
import { schemaToJson } from '../schema/to-json.js';
import { Type } from '../type.js';
import type { TypeOptions } from '../type.js';
import { AvroProtocolError } from './errors.js';

const MESSAGE_KEYS: ReadonlySet<string> = new Set(['doc', 'request', 'response', 'errors', 'one-way']);
const STRING: Schema = { kind: 'string', attrs: {} };

/** What a message needs from its protocol while it is parsed. */
export interface MessageContext {
  readonly registry: Map<string, NamedSchema>;
  readonly namespace: string;
  readonly typeOptions: TypeOptions;
}

/** A message of a {@link Protocol}. */
export class Message {
  readonly name: string;
  readonly doc: string | undefined;
  /** True for a one-way message: no response on a stateful connection after the handshake. */
  readonly oneWay: boolean;
  /** The parameters as a record Type (one field per parameter, in order). */
  readonly requestType: Type;
  readonly responseType: Type;
  /** The effective error union: `string` (system errors) first, then the declared errors. */
  readonly errorType: Type;
  /** One Type per branch of {@link errorType}, in branch order (index 0 is `string`). */
  readonly errorBranches: readonly Type[];
  /** Attributes the spec does not define (kept in the protocol's JSON). */
  readonly attrs: Readonly<Record<string, unknown>>;
  private readonly declaredErrors: UnionSchema | undefined;
  private readonly optional: readonly FieldSchema[];

  private constructor(
    name: string, doc: string | undefined, oneWay: boolean, request: RecordSchema, response: Schema,
    declared: UnionSchema | undefined, attrs: Record<string, unknown>, options: TypeOptions,
  ) {
    this.name = name;
    this.doc = doc;
    this.oneWay = oneWay;
    this.attrs = attrs;
    this.declaredErrors = declared;
    this.requestType = Type.fromNode(request, options);
    this.responseType = Type.fromNode(response, options);
    const branches = [STRING, ...(declared?.branches ?? []).filter((b) => b.kind !== 'string')];
    this.errorType = Type.fromNode({ kind: 'union', branches, attrs: {} }, options);
    this.errorBranches = branches.map((b) => Type.fromNode(b, options));
    this.optional = request.fields.filter((f) => f.hasDefault);
  }

  /**
   * The request with each missing parameter that has a default filled in (a copy; the
   * request itself when nothing is missing), so callers may leave optional parameters out.
   */
  withDefaults(request: unknown): unknown {
    if (this.optional.length === 0 || typeof request !== 'object' || request === null) return request;
    let out: Record<string, unknown> | undefined;
    for (const f of this.optional) {
      // A parameter named like an Object.prototype member (toString…) counts only when own.
      const inherited = f.name in Object.prototype && !Object.prototype.hasOwnProperty.call(request, f.name);
      if (!inherited && (request as Record<string, unknown>)[f.name] !== undefined) continue;
      out ??= { ...(request as Record<string, unknown>) };
      Object.defineProperty(out, f.name, {
        value: defaultToValue(f.type, f.default, this.requestType.context), enumerable: true, writable: true, configurable: true,
      });
    }
    return out ?? request;
  }

  /** Parses the declaration of message `name` (the value under `messages` in a protocol). */
  static parse(name: string, json: unknown, ctx: MessageContext): Message {
    const path = `messages.${name}`;
    if (!isPlainObject(json)) throw new AvroProtocolError('a message must be an object', path);
    const doc = json['doc'];
    if (doc !== undefined && typeof doc !== 'string') throw new AvroProtocolError('"doc" must be a string', path);
    const params = json['request'];
    if (!Array.isArray(params)) throw new AvroProtocolError('a message needs a "request" array of parameters', path);
    if (!('response' in json)) throw new AvroProtocolError('a message needs a "response" schema', path);
    const request = within(`${path}.request`, () => parseRequest(name, params, ctx), true);
    const response = within(`${path}.response`, () =>
      parseSchema(json['response'], { registry: ctx.registry, namespace: ctx.namespace }));
    let declared: UnionSchema | undefined;
    const errors = json['errors'];
    if (errors !== undefined && errors !== null) {
      if (!Array.isArray(errors)) throw new AvroProtocolError('"errors" must be an array of schemas', path);
      if (errors.length > 0) {
        declared = within(`${path}.errors`, () =>
          parseSchema(errors, { registry: ctx.registry, namespace: ctx.namespace }) as UnionSchema);
      }
    }
    const oneWay = json['one-way'] ?? false;
    if (typeof oneWay !== 'boolean') throw new AvroProtocolError('"one-way" must be true or false', path);
    if (oneWay && (response.kind !== 'null' || declared !== undefined)) {
      throw new AvroProtocolError('a one-way message must have response "null" and no errors', path);
    }
    const attrs: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(json)) {
      if (!MESSAGE_KEYS.has(k)) Object.defineProperty(attrs, k, { value: json[k], enumerable: true, writable: true });
    }
    return new Message(name, doc, oneWay, request, response, declared, attrs, ctx.typeOptions);
  }

  /** The full names of the declared errors (or type names for unnamed ones), in order. */
  get errorNames(): string[] {
    return this.errorBranches.slice(1).map((t) => branchName(t.schemaNode));
  }

  /**
   * The message as protocol JSON. `written` holds the names of types already written in full
   * (shared with the rest of the protocol, so each named type is defined once).
   */
  toJSON(written: Set<string> = new Set(), namespace = ''): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.doc !== undefined) out['doc'] = this.doc;
    for (const k of Object.keys(this.attrs)) {
      Object.defineProperty(out, k, { value: this.attrs[k], enumerable: true, writable: true, configurable: true });
    }
    const rec = this.requestType.schemaNode as RecordSchema;
    // Written under a name no type can have, so an existing type of the same name never
    // turns the parameter list into a bare reference.
    const anonymous = { ...rec, name: '\u0000request' };
    out['request'] = (schemaToJson(anonymous, { written, namespace }) as { fields: unknown[] }).fields;
    written.delete(anonymous.name);
    out['response'] = schemaToJson(this.responseType.schemaNode, { written, namespace });
    if (this.declaredErrors !== undefined) out['errors'] = schemaToJson(this.declaredErrors, { written, namespace });
    if (this.oneWay) out['one-way'] = true;
    return out;
  }
}

/**
 * The parameters as a record. Its name is the message name (both peers derive it the same way,
 * so resolution matches the two request records); it stays out of the protocol's registry, so
 * it can neither clash with nor shadow a declared type. Types defined inline in parameters do
 * go into the registry, as Java does.
 */
function parseRequest(name: string, params: unknown[], ctx: MessageContext): RecordSchema {
  const short = isValidName(name) ? name : 'Request';
  const full = qualify(short, ctx.namespace);
  const registry = new PrivateNameRegistry(ctx.registry, full);
  return parseSchema(
    { type: 'record', name: short, namespace: ctx.namespace, fields: params },
    { registry, namespace: ctx.namespace },
  ) as RecordSchema;
}

/** A registry view that keeps one name (the request record's) out of the shared registry. */
class PrivateNameRegistry extends Map<string, NamedSchema> {
  constructor(private readonly shared: Map<string, NamedSchema>, private readonly privateName: string) {
    super();
  }
  override get(key: string): NamedSchema | undefined {
    return this.shared.get(key);
  }
  override has(key: string): boolean {
    return key !== this.privateName && this.shared.has(key);
  }
  override set(key: string, value: NamedSchema): this {
    if (key !== this.privateName) this.shared.set(key, value);
    return this;
  }
}

/** Runs a schema parse and re-throws its error with the protocol path in front. */
function within<T>(path: string, parse: () => T, dropRecordName = false): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof AvroSchemaError && !(e instanceof AvroProtocolError)) {
      // A schema path starts with a record's name; the request record's is the message's own.
      const inner = dropRecordName ? e.path.replace(/^[^.[{|]*/, '') : e.path && !/^[.[{|]/.test(e.path) ? `.${e.path}` : e.path;
      throw new AvroProtocolError(e.message.slice(e.path ? e.path.length + 2 : 0), `${path}${inner}`, { cause: e });
    }
    throw e;
  }
}

export { within as withinProtocolPath };
