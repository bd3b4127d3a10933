/**
 * The service model: what `@AvroService`, `@AvroMessage` and `@Param` say about a class and its
 * parents, merged and checked (names, parameter positions, one-way rules, what can be inferred
 * from `design:paramtypes` / `design:returntype`). Built at `@AvroService` so mistakes surface
 * where the class is defined, and cached per class. Thunks are not called here.
 */
import { isValidFullName, isValidName, isValidNamespace, namespaceOf, qualify } from '../src/index.js';
import { AvroDecoratorError, className } from './errors.js';
import { ownServiceRecord } from './service-metadata.js';
import type { MethodRecord } from './service-metadata.js';
import { MESSAGE_OPTION_KEYS, PARAM_OPTION_KEYS, SERVICE_OPTION_KEYS } from './service-options.js';
import type { AvroMessageOptions, AvroServiceOptions, ParamDefinition, ParamOptions } from './service-options.js';
import type { AnyClass, TypeInput, TypeSpec } from './spec.js';

/** One parameter of a message, ready for the protocol. */
export interface ParamModel {
  readonly name: string;
  /** The type as given or inferred. */
  readonly type: TypeInput;
  /** `design:paramtypes` entry (legacy decorators), which tells `number` from `bigint` longs. */
  readonly design: unknown;
  readonly options: ParamOptions;
}

/** One message (a decorated method), ready for the protocol. */
export interface MessageModel {
  /** The method that implements it (and that a typed client has). */
  readonly method: string;
  /** The message's name in the protocol. */
  readonly name: string;
  readonly doc?: string;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly params: readonly ParamModel[];
  readonly response: TypeInput;
  /** `design:returntype` when it states the response (not a Promise). */
  readonly responseDesign: unknown;
  readonly errors: readonly TypeInput[] | (() => readonly TypeSpec[]);
  readonly oneWay: boolean;
}

/** A service class, ready for the protocol. */
export interface ServiceModel {
  readonly cls: AnyClass;
  /** Full name of the protocol. */
  readonly protocol: string;
  readonly namespace: string;
  readonly doc?: string;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly types?: () => readonly TypeSpec[];
  readonly messages: readonly MessageModel[];
}

const models = new WeakMap<object, ServiceModel>();

/** The model of `cls`; throws {@link AvroDecoratorError} naming the class and method at fault. */
export function serviceModel(cls: AnyClass): ServiceModel {
  let m = models.get(cls);
  if (m === undefined) {
    if (typeof cls !== 'function') throw new TypeError(`a service is a class, not ${cls === null ? 'null' : typeof cls}`);
    m = buildModel(cls);
    models.set(cls, m);
  }
  return m;
}

/** Drops the cached model (a decorator ran after it was built). */
export function forgetServiceModel(cls: object): void {
  models.delete(cls);
}

/** The classes from the root-most ancestor down to `cls`. */
function lineage(cls: AnyClass): AnyClass[] {
  const out: AnyClass[] = [];
  for (let c: object | null = cls; c !== null && c !== Function.prototype; c = Object.getPrototypeOf(c)) out.unshift(c as AnyClass);
  return out;
}

const RESERVED_PROTOCOL_ATTRS = new Set(['protocol', 'namespace', 'doc', 'types', 'messages']);
const RESERVED_MESSAGE_ATTRS = new Set(['doc', 'request', 'response', 'errors', 'one-way']);

function buildModel(cls: AnyClass): ServiceModel {
  const chain = lineage(cls);
  let options: AvroServiceOptions | undefined;
  let declaredBy: AnyClass | undefined;
  const methods = new Map<string, { owner: AnyClass; rec: MethodRecord }>();
  for (const c of chain) {
    const rec = ownServiceRecord(c);
    if (rec === undefined) continue;
    if (rec.options !== undefined) {
      options = rec.options;
      declaredBy = c;
    }
    for (const [name, m] of rec.methods) {
      // A redeclaration replaces the parent's (and keeps its place).
      methods.set(name, { owner: c, rec: m });
    }
  }
  const cname = className(cls);
  if (options === undefined || declaredBy === undefined) {
    throw new AvroDecoratorError(cname, undefined, 'is not a service: decorate it (or a parent) with @AvroService() and its methods with @AvroMessage()');
  }
  checkKeys(cname, undefined, '@AvroService', options, SERVICE_OPTION_KEYS);
  const protocol = protocolName(cname, options, declaredBy);
  const meta = options.meta ?? {};
  for (const k of Object.keys(meta)) {
    if (RESERVED_PROTOCOL_ATTRS.has(k)) throw new AvroDecoratorError(cname, undefined, `@AvroService meta may not set ${JSON.stringify(k)}, which Avro defines`);
  }
  if (options.types !== undefined && typeof options.types !== 'function') {
    throw new AvroDecoratorError(cname, undefined, '@AvroService types takes a thunk: { types: () => [Address, Status] }');
  }
  const messages: MessageModel[] = [];
  const byName = new Map<string, string>();
  for (const [method, { owner, rec }] of methods) {
    const m = messageModel(owner, method, rec);
    const prior = byName.get(m.name);
    if (prior !== undefined) {
      throw new AvroDecoratorError(cname, method, `message name ${JSON.stringify(m.name)} is also used by method ${prior}; give one another name with @AvroMessage({ name: '…' })`);
    }
    byName.set(m.name, method);
    messages.push(m);
  }
  return {
    cls, protocol, namespace: namespaceOf(protocol), meta, messages,
    ...(options.doc !== undefined ? { doc: options.doc } : {}),
    ...(options.types !== undefined ? { types: options.types } : {}),
  };
}

function protocolName(cname: string, options: AvroServiceOptions, declaredBy: AnyClass): string {
  const name = options.protocol ?? className(declaredBy);
  const ns = options.namespace;
  if (ns !== undefined && ns !== '' && !isValidNamespace(ns)) {
    throw new AvroDecoratorError(cname, undefined, `namespace ${JSON.stringify(ns)} is not a valid Avro namespace (dotted names)`);
  }
  const full = name.includes('.') && ns === undefined ? name : qualify(name, ns ?? '');
  if (!isValidFullName(full)) {
    throw new AvroDecoratorError(cname, undefined, `${JSON.stringify(full)} is not a valid protocol name (letters, digits, _); write @AvroService({ protocol: 'ValidName' })`);
  }
  return full;
}

function checkKeys(cname: string, method: string | undefined, decorator: string, options: object, known: ReadonlySet<string>): void {
  if (typeof options !== 'object' || options === null) throw new AvroDecoratorError(cname, method, `${decorator} takes an options object`);
  for (const k of Object.keys(options)) {
    if (!known.has(k)) throw new AvroDecoratorError(cname, method, `${decorator}: unknown option ${JSON.stringify(k)} (known: ${[...known].join(', ')})`);
  }
}

interface Reflection {
  getOwnMetadata?(key: string, target: object, property: string): unknown;
  hasOwnMetadata?(key: string, target: object, property: string): boolean;
}

function designOf(owner: AnyClass, method: string): { params: unknown[] | undefined; returns: { type: unknown } | undefined } {
  const r = Reflect as unknown as Reflection;
  const proto = owner.prototype as object;
  if (typeof r.getOwnMetadata !== 'function' || typeof r.hasOwnMetadata !== 'function') return { params: undefined, returns: undefined };
  const params = r.getOwnMetadata('design:paramtypes', proto, method);
  const returns = r.hasOwnMetadata('design:returntype', proto, method) ? { type: r.getOwnMetadata('design:returntype', proto, method) } : undefined;
  return { params: Array.isArray(params) ? params : undefined, returns };
}

function messageModel(owner: AnyClass, method: string, rec: MethodRecord): MessageModel {
  const cname = className(owner);
  const fail = (msg: string): never => {
    throw new AvroDecoratorError(cname, method, msg);
  };
  if (rec.problems.length > 0) fail(rec.problems[0]!);
  const options: AvroMessageOptions | undefined = rec.options;
  if (options === undefined) return fail('@Param on a method without @AvroMessage: add @AvroMessage() to make it a message');
  checkKeys(cname, method, '@AvroMessage', options, MESSAGE_OPTION_KEYS);
  if (method.startsWith('$')) fail('a message method may not start with $ (typed clients keep $-names for themselves); rename the method');
  const name = options.name ?? method;
  if (!isValidName(name)) fail(`${JSON.stringify(name)} is not a valid Avro message name (letters, digits, _); write @AvroMessage({ name: 'valid_name' })`);
  const meta = options.meta ?? {};
  for (const k of Object.keys(meta)) if (RESERVED_MESSAGE_ATTRS.has(k)) fail(`@AvroMessage meta may not set ${JSON.stringify(k)}, which Avro defines`);
  if (options.doc !== undefined && typeof options.doc !== 'string') fail('doc must be a string');
  const design = designOf(owner, method);
  const fn = (owner.prototype as Record<string, unknown>)[method];
  const declared = design.params?.length ?? (typeof fn === 'function' ? fn.length : 0);
  const params = paramModels(rec, options, design.params, fail);
  if (rec.params.length === 0 && options.request === undefined && declared > 0) {
    fail(design.params === undefined
      ? "its parameters have no names: name each with @Param('name', type), or list them in @AvroMessage({ request: { name: type, … } }) (standard decorators have no parameter decorators); write request: {} when the only parameter is the call context"
      : "its parameters have no names: name each with @Param('name', type) (parameter names do not exist at run time); write @AvroMessage({ request: {} }) when the only parameter is the call context");
  }
  if (declared > params.length + 1) {
    fail(`it declares ${declared} parameters but the message has ${params.length}; name each with @Param (only one more, the last, may take the call context)`);
  }
  if (declared === params.length + 1 && design.params !== undefined && !maybeContext(design.params[params.length])) {
    fail(`parameter ${params.length} has no @Param; the parameter after the message's parameters receives the CallContext, so type it CallContext or name it with @Param`);
  }
  const oneWay = options.oneWay ?? false;
  if (typeof oneWay !== 'boolean') fail('oneWay must be true or false');
  const errors = options.errors ?? [];
  if (typeof errors !== 'function' && !Array.isArray(errors)) fail('errors takes a list of error classes: errors: [NotFound] or errors: () => [NotFound]');
  if (oneWay) {
    if (options.response !== undefined && options.response !== 'null') fail('a one-way message has no response; leave response out');
    if (Array.isArray(errors) && errors.length > 0) fail('a one-way message cannot declare errors (nobody waits for them)');
  }
  const { response, responseDesign } = oneWay ? { response: 'null' as TypeInput, responseDesign: undefined } : responseOf(options, design.returns, fail);
  return {
    method, name, meta, params, response, responseDesign, errors, oneWay,
    ...(options.doc !== undefined ? { doc: options.doc } : {}),
  };
}

function paramModels(
  rec: MethodRecord, options: AvroMessageOptions, design: unknown[] | undefined, fail: (msg: string) => never,
): ParamModel[] {
  const out: ParamModel[] = [];
  if (options.request !== undefined) {
    if (rec.params.length > 0) fail('parameters are given both with @Param and in request; keep one');
    const req = options.request;
    if (typeof req !== 'object' || req === null) fail('request takes an object of name → type, or a list of { name, type, … }');
    const defs: readonly ParamDefinition[] = Array.isArray(req)
      ? (req as readonly ParamDefinition[])
      : Object.entries(req as Record<string, TypeInput>).map(([name, type]) => ({ name, type }));
    defs.forEach((d, i) => {
      if (typeof d !== 'object' || d === null || typeof d.name !== 'string' || d.type === undefined) {
        fail(`request[${i}] needs a name and a type: { name: 'message', type: () => Message }`);
      }
      const { name, type, ...rest } = d;
      out.push(param(name, type, design?.[i], rest, fail));
    });
  } else {
    const byIndex = new Map<number, (typeof rec.params)[number]>();
    for (const p of rec.params) {
      if (byIndex.has(p.index)) fail(`parameter ${p.index} has @Param twice; keep one`);
      byIndex.set(p.index, p);
    }
    for (let i = 0; i < byIndex.size; i++) {
      const p = byIndex.get(i);
      if (p === undefined) fail(`parameter ${i} has no @Param, but a later one has: every parameter sent must be named`);
      out.push(param(p.name, p.type ?? inferParam(p.name, design?.[i], fail), design?.[i], p.options ?? {}, fail));
    }
  }
  const seen = new Set<string>();
  for (const p of out) {
    if (seen.has(p.name)) fail(`two parameters are named ${JSON.stringify(p.name)}`);
    seen.add(p.name);
  }
  return out;
}

function param(name: string, type: TypeInput, design: unknown, options: ParamOptions, fail: (msg: string) => never): ParamModel {
  if (typeof name !== 'string' || !isValidName(name)) fail(`parameter name ${JSON.stringify(name)} is not a valid Avro name (letters, digits, _)`);
  if (type === undefined || type === null) {
    fail(`parameter ${name}: the type is ${String(type)} (a class used before it is defined?); write it behind a thunk: () => MyClass`);
  }
  for (const k of Object.keys(options)) {
    if (!PARAM_OPTION_KEYS.has(k)) fail(`parameter ${name}: unknown option ${JSON.stringify(k)} (known: ${[...PARAM_OPTION_KEYS].join(', ')})`);
  }
  return { name, type, design, options };
}

const INFERABLE: ReadonlySet<unknown> = new Set([String, Number, Boolean, BigInt, Date, Uint8Array]);
const NOT_INFERABLE: ReadonlySet<unknown> = new Set([Object, Array, Map, Set, Promise, Function, Symbol]);

/** The type of a `@Param(name)` without one, from `design:paramtypes`, or an error saying what to write. */
function inferParam(name: string, design: unknown, fail: (msg: string) => never): TypeInput {
  const B = (globalThis as { Buffer?: unknown }).Buffer;
  if (B !== undefined && design === B) return Uint8Array;
  if (INFERABLE.has(design)) return design as TypeInput;
  if (typeof design === 'function' && !NOT_INFERABLE.has(design)) return design as TypeInput;
  const why = design === undefined
    ? 'there is no type information (emitDecoratorMetadata is off, the tool does not emit it, or the type was imported with `import type`)'
    : `TypeScript records ${(design as { name?: string }).name ?? String(design)} for it (unions, arrays, interfaces and aliases lose their type)`;
  return fail(`parameter ${name}: cannot infer its type: ${why}; write @Param('${name}', type), e.g. 'string', () => Address, () => [Item], nullable('string')`);
}

/** True when `design` could be the type of a CallContext parameter (an interface: Object, or nothing). */
function maybeContext(design: unknown): boolean {
  return design === Object || design === undefined;
}

function responseOf(
  options: AvroMessageOptions, returns: { type: unknown } | undefined, fail: (msg: string) => never,
): { response: TypeInput; responseDesign: unknown } {
  const design = returns?.type;
  if (options.response !== undefined) {
    if (options.response === null) fail('response is null; write the type name: response: \'null\'');
    return { response: options.response, responseDesign: design === Promise ? undefined : design };
  }
  if (returns === undefined) {
    return fail("the response type is unknown: write @AvroMessage({ response: 'string' }) ('null' for none, or oneWay: true)");
  }
  if (design === undefined) return { response: 'null', responseDesign: undefined };
  if (design === Promise) {
    return fail("the response type is unknown: a Promise<T> return type hides T at run time; write @AvroMessage({ response: 'string' }) ('null' for Promise<void>)");
  }
  const B = (globalThis as { Buffer?: unknown }).Buffer;
  if (B !== undefined && design === B) return { response: Uint8Array, responseDesign: design };
  if (INFERABLE.has(design) || (typeof design === 'function' && !NOT_INFERABLE.has(design))) {
    return { response: design as TypeInput, responseDesign: design };
  }
  return fail(`the response type cannot be inferred (TypeScript records ${(design as { name?: string }).name ?? String(design)}); write @AvroMessage({ response: … })`);
}
