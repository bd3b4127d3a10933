/**
 * The server side of a protocol, independent of any transport: reads a request message
 * (handshake when due, metadata, message name, parameters), runs the handler and writes the
 * response message (handshake response when due, metadata, error flag, response or error).
 * Transports (rpc/transport/*) feed it bytes and write back what it returns.
 */
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { encodeUtf8 } from '../wire/utf8.js';
import { RpcFrameError, RpcRemoteError } from './errors.js';
import { endFrame, startFrame } from './framing.js';
import { readHandshakeRequest, writeHandshakeResponse } from './handshake.js';
import type { HandshakeRequest, HandshakeResponse } from './handshake.js';
import type { Message } from './message.js';
import { readMetadata, writeMetadata } from './metadata.js';
import type { Metadata } from './metadata.js';
import { pairMessages } from './pairing.js';
import type { Protocol, ProtocolOptions } from './protocol.js';
import { DEFAULT_MAX_CACHED_PROTOCOLS, ProtocolCache } from './protocol-cache.js';
import { md5 } from '../schema/digest/md5.js';
import type { CallContext, Handler, Handlers, ServiceShape, ShapeOf } from './service.js';

export interface ServerOptions {
  /** Most client protocols remembered by hash (default 256). */
  maxCachedProtocols?: number;
  /** How client protocols received in handshakes are parsed (long mode, classes, limits…). */
  protocolOptions?: ProtocolOptions;
  /**
   * Protocols known in advance by hash, e.g. other implementations' hashes of protocols
   * their clients use, so those clients skip the NONE round trip. Give this server's own
   * protocol under a peer's hash of it to have that hash accepted as the server's.
   */
  knownProtocols?: Iterable<readonly [hash: Uint8Array | string, protocol: Protocol]>;
  /**
   * Called with each exception a handler threw that the message does not declare (it is sent
   * to the caller as the system error string), and with failures of one-way handlers.
   */
  onError?: (error: unknown, message: string) => void;
}

/** Per-connection state of a stateful transport; stateless transports use a fresh one per request. */
export interface ServerSession {
  /** The client's protocol, once a handshake on this connection succeeded. */
  remote: Protocol | undefined;
}

type Reply = Uint8Array | undefined;

/**
 * A service: a protocol and a handler per message. Handlers take the request record (one
 * field per parameter) and return the response or a Promise of it. Throw a value of a declared
 * error (a record, an instance of its class, or an {@link RpcRemoteError} carrying it) to send
 * that error; anything else goes to the caller as the system error string, and the server
 * goes on serving.
 */
export class Server<S extends ShapeOf<S> = ServiceShape> {
  readonly protocol: Protocol;
  private readonly handlers = new Map<string, Handler>();
  private readonly cache: ProtocolCache;
  private readonly onError: ((error: unknown, message: string) => void) | undefined;
  private readonly localHash: Uint8Array;
  private last: { hash: Uint8Array; protocol: Protocol } | undefined;

  constructor(protocol: Protocol, handlers: Handlers<S> = {}, options: ServerOptions = {}) {
    this.protocol = protocol;
    this.localHash = protocol.hash;
    this.cache = new ProtocolCache(protocol, options.maxCachedProtocols ?? DEFAULT_MAX_CACHED_PROTOCOLS, options.protocolOptions ?? {});
    this.onError = options.onError;
    for (const [hash, p] of options.knownProtocols ?? []) this.cache.set(hash, p);
    for (const name of Object.keys(handlers)) this.on(name as keyof S & string, (handlers as Record<string, Handler>)[name]!);
  }

  /** Sets the handler of message `name` (which the protocol must declare). */
  on<K extends keyof S & string>(name: K, handler: Handler<S[K]['request'], S[K]['response']>): this {
    if (!this.protocol.messages.has(name)) {
      throw new Error(`protocol ${this.protocol.name} has no message "${name}" (it has: ${[...this.protocol.messages.keys()].join(', ')})`);
    }
    this.handlers.set(name, handler as Handler);
    return this;
  }

  /** A fresh session for a new connection of a stateful transport. */
  createSession(): ServerSession {
    return { remote: undefined };
  }

  /**
   * Answers one request message (unframed). Returns the framed response, or undefined when
   * none is due (a one-way message on an established stateful session). The result is
   * synchronous when the handler is. Throws {@link RpcFrameError} when the handshake cannot be
   * read: the transport should then drop the connection (or answer HTTP 400).
   */
  respond(bytes: Uint8Array, session: ServerSession = this.createSession()): Reply | Promise<Reply> {
    const r = new ByteReader(bytes);
    const w = new ByteWriter(128);
    const frameAt = startFrame(w);
    let remote = session.remote;
    const established = remote !== undefined;
    if (remote === undefined) {
      let hs: HandshakeRequest;
      try {
        hs = readHandshakeRequest(r);
      } catch (e) {
        throw new RpcFrameError(`cannot read the handshake request: ${(e as Error).message}`, { cause: e });
      }
      const { response, protocol } = this.handshake(hs);
      writeHandshakeResponse(w, response);
      if (protocol === undefined) return finish(w, frameAt);
      remote = protocol;
      session.remote = protocol;
    }
    const callAt = w.pos;
    // A handshake with no call after it (how avro-js opens a connection): the handshake
    // response is the whole answer.
    if (r.pos === r.end) return finish(w, frameAt);
    let name: string;
    let metadata: ReadonlyMap<string, Uint8Array>;
    try {
      metadata = readMetadata(r);
      name = r.readString();
    } catch (e) {
      return this.systemError(w, frameAt, callAt, `cannot read the call request: ${(e as Error).message}`);
    }
    // The empty message name is a ping: the handshake (if any) is the whole answer.
    if (name === '') return finish(w, frameAt);
    const local = this.protocol.messages.get(name);
    const theirs = remote.messages.get(name);
    if (local === undefined || theirs === undefined) {
      const side = local === undefined ? `server protocol ${this.protocol.name}` : `client protocol ${remote.name}`;
      return this.systemError(w, frameAt, callAt, `unknown message "${name}": the ${side} does not declare it`);
    }
    let request: unknown;
    try {
      request = pairMessages(local, theirs).readRequest(r);
    } catch (e) {
      return this.systemError(w, frameAt, callAt, `cannot read the request of "${name}": ${(e as Error).message}`);
    }
    const handler = this.handlers.get(name);
    if (handler === undefined) return this.systemError(w, frameAt, callAt, `message "${name}" is not implemented by this server`);
    // The client's declaration decides whether it waits for a reply; follow it, or the replies
    // on the connection would go out of step.
    const silent = established && theirs.oneWay;
    const ctx: CallContext = { message: local, metadata, responseMetadata: new Map(), remoteProtocol: remote };
    let result: unknown;
    try {
      result = handler(request, ctx);
    } catch (e) {
      return silent ? this.dropped(e, name) : this.callError(w, frameAt, callAt, local, ctx, e);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (v) => (silent ? undefined : this.success(w, frameAt, callAt, local, ctx, v)),
        (e: unknown) => (silent ? this.dropped(e, name) : this.callError(w, frameAt, callAt, local, ctx, e)),
      );
    }
    return silent ? undefined : this.success(w, frameAt, callAt, local, ctx, result);
  }

  /** The spec's server side of the handshake. */
  private handshake(hs: HandshakeRequest): { response: HandshakeResponse; protocol: Protocol | undefined } {
    // Most requests come from the client seen last (every HTTP request has a handshake).
    let protocol = this.last !== undefined && sameBytes(hs.clientHash, this.last.hash) ? this.last.protocol : this.cache.get(hs.clientHash);
    let trusted = protocol !== undefined;
    let problem: string | undefined;
    if (protocol === undefined && hs.clientProtocol !== null) {
      try {
        protocol = this.cache.parse(hs.clientProtocol);
        // Remembered only under the hash of the text sent, so a peer cannot poison the cache
        // by sending some protocol under another's hash.
        trusted = sameBytes(md5(encodeUtf8(hs.clientProtocol)), hs.clientHash);
        if (trusted) this.cache.set(hs.clientHash, protocol);
      } catch (e) {
        problem = `invalid client protocol: ${(e as Error).message}`;
      }
    }
    const serverKnown = sameBytes(hs.serverHash, this.localHash) || this.cache.isLocal(hs.serverHash);
    if (trusted && protocol !== undefined) this.last = { hash: hs.clientHash, protocol };
    const match = protocol === undefined ? 'NONE' : serverKnown ? 'BOTH' : 'CLIENT';
    const response: HandshakeResponse = match === 'BOTH'
      ? { match, serverProtocol: null, serverHash: null, meta: null }
      : {
          match,
          serverProtocol: this.protocol.toString(),
          serverHash: this.protocol.hash,
          meta: problem === undefined ? null : { error: encodeUtf8(problem) },
        };
    return { response, protocol };
  }

  private success(w: ByteWriter, frameAt: number, callAt: number, m: Message, ctx: CallContext, value: unknown): Reply {
    writeMetadata(w, ctx.responseMetadata);
    w.writeBoolean(false);
    try {
      m.responseType.encodeInto(value, w);
    } catch (e) {
      this.report(e, m.name);
      return this.systemError(
        w, frameAt, callAt, `the server's response to "${m.name}" does not fit its schema: ${(e as Error).message}`, ctx.responseMetadata,
      );
    }
    return finish(w, frameAt);
  }

  private callError(w: ByteWriter, frameAt: number, callAt: number, m: Message, ctx: CallContext, e: unknown): Reply {
    const declared = declaredError(m, e);
    if (declared === undefined) {
      this.report(e, m.name);
      const text = typeof e === 'string' ? e : e instanceof Error ? e.message : String(e);
      return this.systemError(w, frameAt, callAt, text, ctx.responseMetadata);
    }
    writeMetadata(w, ctx.responseMetadata);
    w.writeBoolean(true);
    w.writeLong(declared.index);
    m.errorBranches[declared.index]!.encodeInto(declared.value, w);
    return finish(w, frameAt);
  }

  /** A response carrying the system error string (the error union's first branch). */
  private systemError(
    w: ByteWriter, frameAt: number, callAt: number, text: string, metadata?: ReadonlyMap<string, Uint8Array>,
  ): Reply {
    w.pos = callAt;
    // Metadata the handler set travels with its failure too (as in Java's Responder): callers
    // such as avro-js match replies by an id they put there.
    writeMetadata(w, metadata);
    w.writeBoolean(true);
    w.writeLong(0);
    w.writeString(text);
    return finish(w, frameAt);
  }

  private dropped(e: unknown, name: string): undefined {
    this.report(e, name);
    return undefined;
  }

  private report(e: unknown, name: string): void {
    try {
      this.onError?.(e, name);
    } catch {
      // A failing logger must not take the server down.
    }
  }
}

/** The declared error branch `e` belongs to, or undefined for an undeclared exception. */
function declaredError(m: Message, e: unknown): { index: number; value: unknown } | undefined {
  const value = e instanceof RpcRemoteError ? e.value : e;
  if (typeof value !== 'object' || value === null) return undefined;
  const branches = m.errorBranches;
  // An instance of a class registered for a declared error is that error.
  for (let i = 1; i < branches.length; i++) {
    const s = branches[i]!.schemaNode;
    if (s.kind !== 'record') continue;
    const ctor = branches[i]!.context.constructorOf(s);
    if (ctor !== undefined && value instanceof ctor && branches[i]!.isValid(value)) return { index: i, value };
  }
  // A plain Error is an exception, not a declared error, even if its fields happen to fit.
  if (value instanceof Error && !(e instanceof RpcRemoteError)) return undefined;
  // A plain object may fit several records (any object fits one without fields): prefer the
  // record whose fields are exactly the object's keys.
  const keys = Object.keys(value).sort().join('\0');
  let fallback: number | undefined;
  for (let i = 1; i < branches.length; i++) {
    if (!branches[i]!.isValid(value)) continue;
    const s = branches[i]!.schemaNode;
    if (s.kind === 'record' && s.fields.map((f) => f.name).sort().join('\0') === keys) return { index: i, value };
    fallback ??= i;
  }
  return fallback === undefined ? undefined : { index: fallback, value };
}

function finish(w: ByteWriter, frameAt: number): Uint8Array {
  endFrame(w, frameAt);
  return w.buf.subarray(0, w.pos);
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
