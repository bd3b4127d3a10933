/** The options of the service decorators. */
import type { FieldOptions } from './options.js';
import type { TypeInput, TypeSpec } from './spec.js';

/** Options of `@AvroService`. */
export interface AvroServiceOptions {
  /** The protocol's name (a full name, or a short one with `namespace`); default the class name. */
  readonly protocol?: string;
  /** The protocol's namespace: the default namespace of every type and message in it. */
  readonly namespace?: string;
  readonly doc?: string;
  /**
   * Named types to declare first, even if no message uses them (a thunk, as classes may be
   * defined later). Every named type the messages use is declared in `types` anyway.
   */
  readonly types?: () => readonly TypeSpec[];
  /** Extra protocol attributes (e.g. `{ version: '2' }`), kept in the protocol's JSON. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * The options of one parameter: those of a record field (a parameter list is read as a
 * record), except `name`, which `@Param` gives, and `type`.
 */
export type ParamOptions = Omit<FieldOptions, 'name' | 'type'>;

/** One parameter of `@AvroMessage({ request: [...] })`. */
export interface ParamDefinition extends ParamOptions {
  readonly name: string;
  readonly type: TypeInput;
}

/** Options of `@AvroMessage`. */
export interface AvroMessageOptions {
  /** The message's name; default the method's name. */
  readonly name?: string;
  readonly doc?: string;
  /**
   * The parameters, when they are not given with `@Param` (which standard decorators cannot
   * do): an object of name → type in order, or a list of `{ name, type, ...options }`.
   */
  readonly request?: Readonly<Record<string, TypeInput>> | readonly ParamDefinition[];
  /**
   * The response type. Inferred only from a method declared to return `void` (`"null"`) or a
   * plain type (`string`, a record class…) under legacy decorators with
   * `emitDecoratorMetadata`: a `Promise<T>` return type erases `T`, so an async method names it.
   */
  readonly response?: TypeInput;
  /**
   * Declared errors: record classes (usually `@AvroRecord({ error: true })`, declared as Avro
   * `error`s in the protocol either way). An instance of one thrown by the method reaches the
   * caller as an instance of that class; anything else thrown arrives as the system error string.
   */
  readonly errors?: readonly TypeInput[] | (() => readonly TypeSpec[]);
  /** One-way: the caller does not wait for a reply (response `"null"`, no errors). */
  readonly oneWay?: boolean;
  /** Extra message attributes, kept in the protocol's JSON. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

export const SERVICE_OPTION_KEYS: ReadonlySet<string> = new Set(['protocol', 'namespace', 'doc', 'types', 'meta']);
export const MESSAGE_OPTION_KEYS: ReadonlySet<string> = new Set(['name', 'doc', 'request', 'response', 'errors', 'oneWay', 'meta']);
export const PARAM_OPTION_KEYS: ReadonlySet<string> = new Set(['doc', 'aliases', 'default', 'order', 'nullable', 'meta', 'conversion']);
