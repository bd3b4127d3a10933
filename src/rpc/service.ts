/**
 * Type-level description of a service, so servers and clients can be typed by message:
 *
 * ```ts
 * interface Calc {
 *   add: { request: { a: number; b: number }; response: number };
 * }
 * const server = new Server<Calc>(protocol, { add: ({ a, b }) => a + b });
 * const sum: number = await client.call.add({ a: 1, b: 2 });
 * ```
 */
import type { Message } from './message.js';
import type { Metadata } from './metadata.js';
import type { Protocol } from './protocol.js';

/** What a handler gets besides the request. */
export interface CallContext {
  readonly message: Message;
  /** The caller's request metadata. */
  readonly metadata: ReadonlyMap<string, Uint8Array>;
  /** Metadata to send with the response (set entries here). */
  readonly responseMetadata: Metadata;
  /** The caller's protocol (the server's own when both are the same). */
  readonly remoteProtocol: Protocol;
}

/** The request record and response value types of one message. */
export interface MessageShape {
  request: any;
  response: any;
}

/** Message name → request record and response value types (the untyped default). */
export type ServiceShape = { [message: string]: MessageShape };

/** The constraint on a service description `S` (an interface needs no index signature). */
export type ShapeOf<S> = { [K in keyof S]: MessageShape };

/** Serves one message: takes the request record, returns the response (or a Promise of it). */
export type Handler<Req = any, Res = any> = (request: Req, ctx: CallContext) => Res | PromiseLike<Res>;

/** Handlers by message name. */
export type Handlers<S extends ShapeOf<S>> = { [K in keyof S]?: Handler<S[K]['request'], S[K]['response']> };

/** Per-call options of a client. */
export interface CallOptions {
  /** Aborts the call: it rejects with the signal's reason (the server may still run it). */
  signal?: AbortSignal;
  /** Rejects with RpcTimeoutError after this many milliseconds (default: the client's). */
  timeoutMs?: number;
  /** Request metadata. */
  metadata?: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;
}

/** `client.call.<message>(request)`: one method per message, resolving to its response. */
export type ClientCalls<S extends ShapeOf<S>> = {
  readonly [K in keyof S]: (request: S[K]['request'], options?: CallOptions) => Promise<S[K]['response']>;
};
