/**
 * Avro protocols (`.avpr`): parse and validate the declaration, write it back as JSON, and
 * compute the MD5 hash the handshake exchanges.
 */
import { isPlainObject } from '../schema/defaults.js';
import { md5 } from '../schema/digest/md5.js';
import type { NamedSchema } from '../schema/model.js';
import { isNamed } from '../schema/model.js';
import { isValidFullName, isValidNamespace, namespaceOf, qualify } from '../schema/names.js';
import { parseSchema } from '../schema/parse.js';
import { schemaToJson } from '../schema/to-json.js';
import { Type } from '../type.js';
import type { TypeOptions } from '../type.js';
import { encodeUtf8 } from '../wire/utf8.js';
import { defineProtocol } from './define.js';
import type { ProtocolDefinition } from './define.js';
import { AvroProtocolError } from './errors.js';
import { Message, withinProtocolPath } from './message.js';

/** Options of {@link Protocol.parse}: how the protocol's types encode and decode values. */
export type ProtocolOptions = Omit<TypeOptions, 'registry' | 'namespace'>;

const PROTOCOL_KEYS: ReadonlySet<string> = new Set(['protocol', 'namespace', 'doc', 'types', 'messages']);
const NAMED_KINDS: ReadonlySet<unknown> = new Set(['record', 'error', 'enum', 'fixed']);

/**
 * A parsed protocol. Its {@link hash} is the MD5 of {@link toString}, the JSON text this
 * implementation writes; other implementations hash their own text, so calls between them
 * take the handshake's NONE-then-retry path once and are cached afterwards.
 */
export class Protocol {
  /** Full name (`namespace.Name`). */
  readonly name: string;
  readonly namespace: string;
  readonly doc: string | undefined;
  readonly messages: ReadonlyMap<string, Message>;
  /** Every named type of the protocol (declared in `types` or inline in messages) by full name. */
  readonly registry: ReadonlyMap<string, NamedSchema>;
  /** Attributes the spec does not define (e.g. `version`), kept in the JSON. */
  readonly attrs: Readonly<Record<string, unknown>>;
  private readonly declared: readonly NamedSchema[];
  private readonly options: ProtocolOptions;
  private readonly types = new Map<string, Type>();
  private text: string | undefined;
  private digest: Uint8Array | undefined;

  private constructor(
    name: string, doc: string | undefined, attrs: Record<string, unknown>, registry: Map<string, NamedSchema>,
    declared: NamedSchema[], messages: Map<string, Message>, options: ProtocolOptions,
  ) {
    this.name = name;
    this.namespace = namespaceOf(name);
    this.doc = doc;
    this.attrs = attrs;
    this.registry = registry;
    this.declared = declared;
    this.messages = messages;
    this.options = options;
  }

  /**
   * Parses a protocol from its JSON text or parsed JSON value. Throws {@link AvroProtocolError}
   * whose `path` locates the problem (`types[2].fields`, `messages.hello.response`, ...).
   */
  static parse(input: unknown, options: ProtocolOptions = {}): Protocol {
    let json = input;
    if (typeof input === 'string') {
      try {
        json = JSON.parse(input);
      } catch (e) {
        throw new AvroProtocolError(`protocol is not valid JSON: ${(e as Error).message}`, '', { cause: e });
      }
    }
    if (!isPlainObject(json)) throw new AvroProtocolError('a protocol must be a JSON object');
    const name = json['protocol'];
    if (typeof name !== 'string') throw new AvroProtocolError('a protocol needs a "protocol" name string');
    const nsAttr = json['namespace'];
    if (nsAttr !== undefined && nsAttr !== null && (typeof nsAttr !== 'string' || !isValidNamespace(nsAttr))) {
      throw new AvroProtocolError(`invalid namespace ${JSON.stringify(nsAttr)}`, 'namespace');
    }
    const full = qualify(name, typeof nsAttr === 'string' ? nsAttr : '');
    if (!isValidFullName(full)) {
      throw new AvroProtocolError(`invalid protocol name "${full}": each part must match [A-Za-z_][A-Za-z0-9_]*`, 'protocol');
    }
    const doc = json['doc'];
    if (doc !== undefined && typeof doc !== 'string') throw new AvroProtocolError('"doc" must be a string', 'doc');
    const namespace = namespaceOf(full);
    const registry = new Map<string, NamedSchema>();
    const declared = parseTypes(json['types'], registry, namespace);
    const messages = new Map<string, Message>();
    const messagesJson = json['messages'] ?? {};
    if (!isPlainObject(messagesJson)) throw new AvroProtocolError('"messages" must be an object', 'messages');
    for (const key of Object.keys(messagesJson)) {
      messages.set(key, Message.parse(key, messagesJson[key], { registry, namespace, typeOptions: options }));
    }
    const attrs: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(json)) {
      if (!PROTOCOL_KEYS.has(k)) Object.defineProperty(attrs, k, { value: json[k], enumerable: true, writable: true });
    }
    return new Protocol(full, doc, attrs, registry, declared, messages, options);
  }

  /**
   * Builds a protocol from Types or schemas (a programmatic service definition; decorated
   * service classes build on this). See {@link ProtocolDefinition}.
   */
  static define(definition: ProtocolDefinition, options: ProtocolOptions = {}): Protocol {
    const { json, options: merged } = defineProtocol(definition, options);
    return Protocol.parse(json, merged);
  }

  /** The message called `name`, or undefined. */
  message(name: string): Message | undefined {
    return this.messages.get(name);
  }

  /** The Type of named type `name` (a full name, or a short name in the protocol's namespace). */
  type(name: string): Type | undefined {
    const node = this.registry.get(name) ?? this.registry.get(qualify(name, this.namespace));
    if (node === undefined) return undefined;
    let t = this.types.get(node.name);
    if (t === undefined) {
      t = Type.fromNode(node, this.options);
      this.types.set(node.name, t);
    }
    return t;
  }

  /** The protocol as JSON: each named type defined once, in `types` or where first used. */
  toJSON(): Record<string, unknown> {
    const ns = this.namespace;
    const out: Record<string, unknown> = { protocol: this.name.slice(ns ? ns.length + 1 : 0) };
    if (ns) out['namespace'] = ns;
    if (this.doc !== undefined) out['doc'] = this.doc;
    for (const k of Object.keys(this.attrs)) {
      Object.defineProperty(out, k, { value: this.attrs[k], enumerable: true, writable: true, configurable: true });
    }
    const written = new Set<string>();
    out['types'] = this.declared.map((t) => schemaToJson(t, { written, namespace: ns }));
    const messages: Record<string, unknown> = {};
    for (const [name, m] of this.messages) {
      Object.defineProperty(messages, name, { value: m.toJSON(written, ns), enumerable: true, writable: true, configurable: true });
    }
    out['messages'] = messages;
    return out;
  }

  /** The protocol's JSON text, as hashed and as sent in handshakes. */
  toString(): string {
    return (this.text ??= JSON.stringify(this.toJSON()));
  }

  /** MD5 of {@link toString}'s UTF-8 bytes (16 bytes; a copy). */
  get hash(): Uint8Array {
    this.digest ??= md5(encodeUtf8(this.toString()));
    return this.digest.slice();
  }

  /** {@link hash} as 32 lowercase hex digits. */
  get hashHex(): string {
    return Array.from(this.hash, (b) => b.toString(16).padStart(2, '0')).join('');
  }
}

function parseTypes(types: unknown, registry: Map<string, NamedSchema>, namespace: string): NamedSchema[] {
  if (types === undefined || types === null) return [];
  if (!Array.isArray(types)) throw new AvroProtocolError('"types" must be an array of named type definitions', 'types');
  return types.map((t, i) => {
    const path = `types[${i}]`;
    if (!isPlainObject(t) || !NAMED_KINDS.has(t['type'])) {
      throw new AvroProtocolError(
        'each entry of "types" must define a named type (record, error, enum or fixed); ' +
          'forward references are not allowed, so define a type before using it', path,
      );
    }
    const node = withinProtocolPath(path, () => parseSchema(t, { registry, namespace }));
    if (!isNamed(node)) throw new AvroProtocolError('not a named type', path);
    return node;
  });
}
