/**
 * Serving and calling decorated services: `serverOf(instance)` builds an RPC `Server` whose
 * handlers call the instance's methods, `serve(instance, uri)` also listens, and
 * `clientOf(ServiceClass, uri)` gives an object with the class's methods, each returning a
 * Promise of what the method returns. Declared errors cross as instances of their classes.
 */
import { Client, RpcRemoteError, Server, connect, listen } from '../src/rpc/index.js';
import type {
  CallContext, CallOptions, ClientOptions, Handler, HttpServeOptions, HttpTransportOptions, Listener, ServerOptions, TcpServeOptions,
  TcpTransportOptions, Transport,
} from '../src/rpc/index.js';
import { AvroDecoratorError, className } from './errors.js';
import { define } from './service-json.js';
import { serviceModel } from './service-model.js';
import type { MessageModel } from './service-model.js';
import { protocolOf } from './service-protocol.js';
import type { ProtocolOfOptions } from './service-protocol.js';
import type { AnyClass } from './spec.js';

/** Options of {@link serverOf}: the RPC server's, and how the protocol's types encode. */
export interface ServerOfOptions extends ServerOptions {
  readonly protocolOf?: ProtocolOfOptions;
}

/** Options of {@link serve}: the server's and the listener's (TCP or HTTP). */
export type ServeOptions = ServerOfOptions & Omit<TcpServeOptions & HttpServeOptions, 'host' | 'port'>;

/** Options of {@link clientOf}: the RPC client's, the transport's, and how the protocol's types encode. */
export type ClientOfOptions = ClientOptions & Omit<TcpTransportOptions, 'host' | 'port'> & HttpTransportOptions & {
  readonly protocolOf?: ProtocolOfOptions;
};

type IsAny<T> = 0 extends 1 & T ? true : false;
/** True when a parameter of type `L` is the call context (not `any`). */
type IsContext<L> = IsAny<L> extends true ? false
  : [NonNullable<L>] extends [CallContext] ? ([CallContext] extends [NonNullable<L>] ? true : false) : false;

/** A method's parameters as a client takes them: a trailing CallContext becomes optional CallOptions. */
export type ClientArgs<P extends readonly unknown[]> =
  P extends readonly [...infer H, infer L] ? (IsContext<L> extends true ? [...H, options?: CallOptions] : [...P, options?: CallOptions])
    : P extends readonly [...infer H, (infer L)?] ? (IsContext<L> extends true ? [...H, options?: CallOptions] : [...P, options?: CallOptions])
      : [...P, options?: CallOptions];

/**
 * A typed client of service class `T`: each method of `T` with the same parameters (a trailing
 * `CallContext` parameter replaced by optional `CallOptions`: signal, timeout, metadata),
 * returning a Promise of what the method returns. `$client` is the RPC client underneath
 * (ping, remote protocol) and `$close()` closes it; `$` cannot start a message method's name.
 * Only methods decorated with `@AvroMessage` exist at run time.
 */
export type ServiceClient<T> = {
  readonly [K in keyof T as K extends string ? (K extends `$${string}` ? never : T[K] extends (...args: any) => any ? K : never) : never]:
    T[K] extends (...args: infer P) => infer R ? (...args: ClientArgs<P>) => Promise<Awaited<R>> : never;
} & {
  /** The RPC client the methods call through. */
  readonly $client: Client;
  /** Closes the client (its connection, for TCP). */
  $close(): Promise<void>;
};

/**
 * An RPC server for `service`, an instance of a class decorated with `@AvroService` (or of a
 * subclass): each message calls the instance's method with the parameters in order and then
 * the `CallContext`. What the method returns (or its Promise resolves to) is the response;
 * an instance of a declared error class that it throws reaches the caller as one; anything
 * else thrown reaches the caller as the system error string (and `options.onError`).
 */
export function serverOf<T extends object>(service: T, options: ServerOfOptions = {}): Server {
  if (typeof service === 'function') {
    throw new AvroDecoratorError(className(service), undefined, `serverOf takes an instance of the service: serverOf(new ${className(service)}())`);
  }
  if (typeof service !== 'object' || service === null) throw new TypeError(`serverOf takes an instance of a service class, not ${service === null ? 'null' : typeof service}`);
  const cls = (service as { constructor: AnyClass }).constructor;
  const model = serviceModel(cls);
  const protocol = protocolOf(cls, options.protocolOf);
  const handlers: Record<string, Handler> = {};
  for (const m of model.messages) {
    const fn = (service as Record<string, unknown>)[m.method];
    if (typeof fn !== 'function') throw new AvroDecoratorError(className(cls), m.method, `is a message but the service has no ${m.method} method`);
    const returnsNull = protocol.messages.get(m.name)!.responseType.schemaNode.kind === 'null';
    define(handlers, m.name, handler(service, fn as (...args: unknown[]) => unknown, m, returnsNull));
  }
  const { protocolOf: _, ...serverOptions } = options;
  return new Server(protocol, handlers, serverOptions);
}

function handler(service: object, fn: (...args: unknown[]) => unknown, m: MessageModel, returnsNull: boolean): Handler {
  const names = m.params.map((p) => p.name);
  const n = names.length;
  return (request: Record<string, unknown>, ctx: CallContext) => {
    const args = new Array<unknown>(n + 1);
    for (let i = 0; i < n; i++) args[i] = request[names[i]!];
    args[n] = ctx;
    const result = fn.apply(service, args);
    if (!returnsNull) return result;
    // A void method's undefined is the null response.
    return isThenable(result) ? Promise.resolve(result).then((v) => (v === undefined ? null : v)) : (result ?? null);
  };
}

/** Serves `service` (see {@link serverOf}) at `uri`: `tcp://host:port` or `http://host:port/path` (port 0 picks a free one). */
export function serve<T extends object>(service: T, uri: string, options: ServeOptions = {}): Promise<Listener> {
  return listen(uri, serverOf(service, options), options);
}

/**
 * A typed client of service class `cls` (see {@link ServiceClient}) at `target`: a URI
 * (`tcp://…`, `http://…`), a transport, or an RPC `Client` of the class's protocol. A declared
 * error rejects the call with an instance of its class (an `Error` subclass gets the message
 * and stack of the failed call); other failures reject with `RpcRemoteError` (system errors),
 * `RpcTimeoutError`, `RpcConnectionError`…
 */
export function clientOf<T extends object>(cls: abstract new (...args: any) => T, target: string | Transport | Client<any>, options: ClientOfOptions = {}): ServiceClient<T> {
  const model = serviceModel(cls as unknown as AnyClass);
  const protocol = protocolOf(cls as unknown as AnyClass, options.protocolOf);
  const { protocolOf: _, ...rest } = options;
  let client: Client;
  if (typeof target === 'string') client = connect(target, protocol, rest);
  else if (target instanceof Client) {
    if (target.protocol.hashHex !== protocol.hashHex) {
      throw new AvroDecoratorError(className(cls), undefined, `clientOf was given a client of protocol ${target.protocol.name}, not of this service's (${protocol.name}); make it with connect(uri, protocolOf(${className(cls)}))`);
    }
    client = target as Client;
  } else client = new Client(protocol, target, rest);
  const out: Record<string, unknown> = {};
  for (const m of model.messages) {
    const returnsNull = protocol.messages.get(m.name)!.responseType.schemaNode.kind === 'null';
    define(out, m.method, method(client, m, returnsNull));
  }
  Object.defineProperty(out, '$client', { value: client, enumerable: false });
  Object.defineProperty(out, '$close', { value: () => client.close(), enumerable: false });
  return out as ServiceClient<T>;
}

function method(client: Client, m: MessageModel, returnsNull: boolean): (...args: unknown[]) => Promise<unknown> {
  const names = m.params.map((p) => p.name);
  const n = names.length;
  const name = m.name;
  const onValue = returnsNull ? () => undefined : undefined;
  return (...args: unknown[]) => {
    const request: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) define(request, names[i]!, args[i]);
    const options = args[n] as CallOptions | undefined;
    return client.send(name, request, options).then(onValue, rethrow);
  };
}

/** A declared error rejects as the error object itself; anything else as it is. */
function rethrow(e: unknown): never {
  if (!(e instanceof RpcRemoteError) || e.isSystem || typeof e.value !== 'object' || e.value === null) throw e;
  const v = e.value;
  if (v instanceof Error) {
    // Decoding does not run the constructor: give the error what `new` would have.
    const own = (k: string) => Object.prototype.hasOwnProperty.call(v, k);
    const hidden = (k: string, value: unknown) => Object.defineProperty(v, k, { value, enumerable: false, writable: true, configurable: true });
    if (!own('name') && v.name === 'Error' && v.constructor.name) hidden('name', v.constructor.name);
    if (!own('message')) hidden('message', `${e.messageName}: remote ${e.errorType}: ${fields(v)}`);
    const frames = e.stack === undefined || !e.stack.includes('\n') ? '' : e.stack.slice(e.stack.indexOf('\n'));
    if (!own('stack')) hidden('stack', `${v.name}: ${v.message}${frames}`);
    if (!own('cause')) hidden('cause', e);
  }
  throw v;
}

function fields(v: object): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? '';
  } catch {
    return '';
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
