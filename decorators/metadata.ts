/**
 * Where decorators leave what they say, for both decorator standards. Legacy decorators
 * (`experimentalDecorators`) see the class, so they write to a WeakMap keyed by it. TC39
 * standard decorators see only `context.metadata`, an object that becomes the class's
 * `Symbol.metadata`; a subclass's metadata inherits from its parent's through the prototype,
 * so each class keeps its own record in an own property. Nothing is checked here: the class
 * model (model.ts) checks it all at `@AvroRecord` or at first use, when the class is known.
 */
import { SYMBOL_METADATA } from './polyfill.js';
import { transformerProperties } from './class-transformer.js';
import { AvroDecoratorError, className } from './errors.js';
import type { FieldOptions, RecordOptions } from './options.js';
import type { TypeInput } from './spec.js';

/** What one decorator said about a property. */
export interface FieldPartial {
  /** `@Field`, `@Doc`, … for messages. */
  readonly decorator: string;
  readonly type?: TypeInput;
  readonly options?: FieldOptions;
  readonly ignore?: boolean;
  /** A mistake in the decorator's arguments, reported once the class is known. */
  readonly problem?: string;
}

/** Everything said about one property of one class. */
export interface PropertyRecord {
  readonly property: string;
  readonly partials: FieldPartial[];
  /** `design:type` (legacy decorators with emitDecoratorMetadata), when there is one. */
  designType?: unknown;
  readonly standard: boolean;
  /** A mistake seen by a standard decorator, reported once the class is known. */
  problem?: string;
}

/** What one decorator said about a class. */
export interface ClassPartial {
  readonly decorator: string;
  readonly options: RecordOptions;
}

/** Everything said about one class (not its parents). */
export interface ClassRecord {
  readonly classPartials: ClassPartial[];
  /** In declaration order. */
  readonly properties: Map<string, PropertyRecord>;
}

const META = Symbol('avrokit.decorators');
const legacy = new WeakMap<object, ClassRecord>();

function newRecord(): ClassRecord {
  return { classPartials: [], properties: new Map() };
}

function standardRecord(metadata: object): ClassRecord {
  if (!Object.prototype.hasOwnProperty.call(metadata, META)) {
    Object.defineProperty(metadata, META, { value: newRecord(), enumerable: false });
  }
  return (metadata as Record<symbol, ClassRecord>)[META]!;
}

function legacyRecord(cls: object): ClassRecord {
  let r = legacy.get(cls);
  if (r === undefined) legacy.set(cls, (r = newRecord()));
  return r;
}

/** The record of what decorators said about `cls` itself (not its parents), if anything. */
export function ownRecord(cls: object): ClassRecord | undefined {
  const l = legacy.get(cls);
  const md = Object.prototype.hasOwnProperty.call(cls, SYMBOL_METADATA)
    ? (cls as Record<symbol, object | null | undefined>)[SYMBOL_METADATA]
    : undefined;
  const s = md && Object.prototype.hasOwnProperty.call(md, META) ? (md as Record<symbol, ClassRecord>)[META] : undefined;
  if (l && s && l !== s) {
    return { classPartials: [...l.classPartials, ...s.classPartials], properties: new Map([...l.properties, ...s.properties]) };
  }
  return l ?? s;
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

function propertyOf(rec: ClassRecord, property: string, standard: boolean): PropertyRecord {
  let p = rec.properties.get(property);
  if (p === undefined) rec.properties.set(property, (p = { property, partials: [], standard }));
  return p;
}

/** True when the arguments are those of a class decorator (either standard). */
export function isClassDecoratorCall(args: readonly unknown[]): boolean {
  if (isStandardContext(args[1])) return args[1].kind === 'class';
  return typeof args[0] === 'function' && args.length === 1;
}

/** Applies a class decorator's partial; returns the class. */
export function recordClassPartial(args: readonly unknown[], partial: ClassPartial): object {
  const [target, ctx] = args;
  if (typeof target !== 'function') {
    throw new AvroDecoratorError('?', undefined, `${partial.decorator} decorates a class, not ${typeof target}`);
  }
  if (isStandardContext(ctx)) {
    if (!ctx.metadata) throw missingMetadata(className(target), undefined);
    const rec = standardRecord(ctx.metadata);
    rec.classPartials.push(partial);
    // Symbol.metadata is set on the class only after its class decorators have run.
    if (!legacy.has(target)) legacy.set(target, rec);
  } else {
    legacyRecord(target).classPartials.push(partial);
  }
  return target;
}

/**
 * Applies a property decorator's partial, for either standard: legacy `(prototype, key,
 * descriptor?)` or standard `(value, context)`.
 */
export function recordFieldPartial(args: readonly unknown[], partial: FieldPartial): void {
  const [target, keyOrCtx, descriptor] = args;
  const where = partial.decorator;
  if (isStandardContext(keyOrCtx)) {
    // The class is not known yet: problems are kept and reported, with the class's name, by
    // @AvroRecord or at first use.
    const ctx = keyOrCtx;
    const prop = typeof ctx.name === 'string' ? ctx.name : String(ctx.name);
    if (!ctx.metadata) throw missingMetadata('?', prop);
    const p = propertyOf(standardRecord(ctx.metadata), prop, true);
    if (ctx.kind === 'class' || ctx.kind === 'method') p.problem = `${where} goes on a property, not on a ${ctx.kind}`;
    else if (ctx.static) p.problem = `${where} on a static property: only instance properties are fields`;
    else if (ctx.private || typeof ctx.name !== 'string') p.problem = `${where} on a private or symbol-named property: fields need a public string name`;
    else if (ctx.kind === 'accessor') {
      p.problem = `${where} on an \`accessor\` field: its value lives in a private slot that only the constructor creates, ` +
        'and decoding does not run the constructor; make it a plain field';
    }
    p.partials.push(partial);
    return;
  }
  if (typeof keyOrCtx !== 'string' && typeof keyOrCtx !== 'symbol') {
    throw new AvroDecoratorError('?', undefined, `${where} goes on a property of a class`);
  }
  if (typeof target === 'function') {
    throw new AvroDecoratorError(className(target), String(keyOrCtx), `${where} on a static property: only instance properties are fields`);
  }
  const cls = (target as { constructor: object }).constructor;
  if (typeof keyOrCtx === 'symbol') {
    throw new AvroDecoratorError(className(cls), String(keyOrCtx), `${where} on a symbol-named property: fields need a string name`);
  }
  const d = descriptor as PropertyDescriptor | undefined;
  if (d && typeof d.value === 'function') {
    throw new AvroDecoratorError(className(cls), keyOrCtx, `${where} goes on a property, not on a method`);
  }
  const rec = legacyRecord(cls);
  // Properties annotated only by class-transformer so far were declared before this one:
  // note them now, so that fields keep declaration order.
  for (const t of transformerProperties(cls)) {
    if (!rec.properties.has(t.property)) propertyOf(rec, t.property, false).designType = t.designType;
  }
  const p = propertyOf(rec, keyOrCtx, false);
  const reflect = Reflect as unknown as { getMetadata?: (k: string, t: object, p: string) => unknown };
  if (p.designType === undefined && typeof reflect.getMetadata === 'function') {
    p.designType = reflect.getMetadata('design:type', target as object, keyOrCtx);
  }
  p.partials.push(partial);
}

function missingMetadata(cls: string, prop: string | undefined): AvroDecoratorError {
  return new AvroDecoratorError(
    cls,
    prop,
    'this class was defined without Symbol.metadata, so its decorators cannot record anything; ' +
      "import 'avrokit/decorators' (which installs it) before the class is defined",
  );
}
