/**
 * Where the service decorators (`@AvroService`, `@AvroMessage`, `@Param`) leave what they say,
 * for both decorator standards, as decorators/metadata.ts does for records: legacy decorators
 * see the class and write to a WeakMap keyed by it; TC39 standard decorators see only
 * `context.metadata`, so each class keeps its own record in an own property of that object (a
 * subclass's metadata inherits its parent's through the prototype). Nothing is checked here
 * beyond the shape of the decorator call: service-model.ts checks the whole class.
 */
import { SYMBOL_METADATA } from './polyfill.js';
import { AvroDecoratorError, className } from './errors.js';
import type { AvroMessageOptions, AvroServiceOptions, ParamOptions } from './service-options.js';
import type { TypeInput } from './spec.js';

/** One `@Param` on one parameter. */
export interface ParamPartial {
  readonly index: number;
  readonly name: string;
  readonly type?: TypeInput;
  readonly options?: ParamOptions;
}

/** Everything said about one method of one class. */
export interface MethodRecord {
  readonly method: string;
  /** `@AvroMessage` options; undefined when only `@Param` was seen (a mistake, reported later). */
  options?: AvroMessageOptions;
  readonly params: ParamPartial[];
  /** Mistakes seen while decorating, reported with the class's name once it is known. */
  readonly problems: string[];
}

/** Everything said about one class (not its parents). */
export interface ServiceRecord {
  options?: AvroServiceOptions;
  /** In declaration order. */
  readonly methods: Map<string, MethodRecord>;
}

const META = Symbol('avrokit.service');
const legacy = new WeakMap<object, ServiceRecord>();

function newRecord(): ServiceRecord {
  return { methods: new Map() };
}

function standardRecord(metadata: object): ServiceRecord {
  if (!Object.prototype.hasOwnProperty.call(metadata, META)) {
    Object.defineProperty(metadata, META, { value: newRecord(), enumerable: false });
  }
  return (metadata as Record<symbol, ServiceRecord>)[META]!;
}

function legacyRecord(cls: object): ServiceRecord {
  let r = legacy.get(cls);
  if (r === undefined) legacy.set(cls, (r = newRecord()));
  return r;
}

/** What the service decorators said about `cls` itself (not its parents), if anything. */
export function ownServiceRecord(cls: object): ServiceRecord | undefined {
  const l = legacy.get(cls);
  if (l !== undefined) return l;
  const md = Object.prototype.hasOwnProperty.call(cls, SYMBOL_METADATA)
    ? (cls as Record<symbol, object | null | undefined>)[SYMBOL_METADATA]
    : undefined;
  return md && Object.prototype.hasOwnProperty.call(md, META) ? (md as Record<symbol, ServiceRecord>)[META] : undefined;
}

/** A TC39 decorator context (the second argument of a standard decorator). */
interface StandardContext {
  readonly kind: string;
  readonly name: string | symbol | undefined;
  readonly static?: boolean;
  readonly private?: boolean;
  readonly metadata?: object;
}

function isStandardContext(v: unknown): v is StandardContext {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
}

function methodOf(rec: ServiceRecord, method: string): MethodRecord {
  let m = rec.methods.get(method);
  if (m === undefined) rec.methods.set(method, (m = { method, params: [], problems: [] }));
  return m;
}

function noMetadata(where: string): AvroDecoratorError {
  return new AvroDecoratorError(
    where, undefined,
    'this class was defined without Symbol.metadata, so its decorators cannot record anything; ' +
      "import 'avrokit/decorators' (which installs it) before the class is defined",
  );
}

/** Applies `@AvroService`'s options (either standard); returns the class. */
export function recordService(args: readonly unknown[], options: AvroServiceOptions): object {
  const [target, ctx] = args;
  if (typeof target !== 'function' || (isStandardContext(ctx) && ctx.kind !== 'class') || (!isStandardContext(ctx) && args.length !== 1)) {
    throw new AvroDecoratorError('?', undefined, '@AvroService decorates a class');
  }
  let rec: ServiceRecord;
  if (isStandardContext(ctx)) {
    if (!ctx.metadata) throw noMetadata(className(target));
    rec = standardRecord(ctx.metadata);
    // Symbol.metadata is set on the class only after its class decorators have run.
    legacy.set(target, rec);
  } else rec = legacyRecord(target);
  if (rec.options !== undefined) throw new AvroDecoratorError(className(target), undefined, '@AvroService is given twice; keep one');
  rec.options = options;
  return target;
}

/** Applies `@AvroMessage`'s options: legacy `(prototype, key, descriptor)` or standard `(method, context)`. */
export function recordMessage(args: readonly unknown[], options: AvroMessageOptions): void {
  const [target, keyOrCtx, descriptor] = args;
  if (isStandardContext(keyOrCtx)) {
    const ctx = keyOrCtx;
    if (!ctx.metadata) throw noMetadata('?');
    const name = typeof ctx.name === 'string' ? ctx.name : String(ctx.name);
    const m = methodOf(standardRecord(ctx.metadata), name);
    if (ctx.kind !== 'method') m.problems.push(`@AvroMessage goes on a method, not on a ${ctx.kind}`);
    else if (ctx.static) m.problems.push('@AvroMessage on a static method: messages are instance methods');
    else if (ctx.private || typeof ctx.name !== 'string') m.problems.push('@AvroMessage on a private or symbol-named method: messages need a public name');
    setOptions(m, options);
    return;
  }
  if (typeof keyOrCtx !== 'string' && typeof keyOrCtx !== 'symbol') {
    throw new AvroDecoratorError('?', undefined, '@AvroMessage goes on a method of a class');
  }
  if (typeof target === 'function') {
    throw new AvroDecoratorError(className(target), String(keyOrCtx), '@AvroMessage on a static method: messages are instance methods');
  }
  const cls = (target as { constructor: object }).constructor;
  if (typeof keyOrCtx === 'symbol') throw new AvroDecoratorError(className(cls), String(keyOrCtx), '@AvroMessage on a symbol-named method: messages need a name');
  const d = descriptor as PropertyDescriptor | undefined;
  if (d === undefined || typeof d.value !== 'function') {
    throw new AvroDecoratorError(className(cls), keyOrCtx, '@AvroMessage goes on a method, not on a property or accessor');
  }
  setOptions(methodOf(legacyRecord(cls), keyOrCtx), options);
}

function setOptions(m: MethodRecord, options: AvroMessageOptions): void {
  if (m.options !== undefined) m.problems.push('@AvroMessage is given twice; keep one');
  m.options = options;
}

/** Applies `@Param` (legacy decorators only: TC39 decorators cannot decorate parameters). */
export function recordParam(args: readonly unknown[], partial: Omit<ParamPartial, 'index'>): void {
  const [target, key, index] = args;
  if (isStandardContext(key)) {
    throw new AvroDecoratorError('?', undefined, "@Param needs legacy decorators (experimentalDecorators); with standard decorators list the parameters in @AvroMessage({ request: { name: type, … } })");
  }
  if (typeof index !== 'number') throw new AvroDecoratorError('?', undefined, '@Param goes on a parameter of a method');
  const cls = typeof target === 'function' ? target : (target as { constructor: object }).constructor;
  if (key === undefined) {
    throw new AvroDecoratorError(className(cls), undefined, '@Param goes on a parameter of a message method, not of the constructor');
  }
  if (typeof target === 'function') {
    throw new AvroDecoratorError(className(cls), String(key), '@Param on a static method: messages are instance methods');
  }
  if (typeof key !== 'string') throw new AvroDecoratorError(className(cls), String(key), '@Param on a symbol-named method: messages need a name');
  methodOf(legacyRecord(cls), key).params.push({ index, ...partial });
}
