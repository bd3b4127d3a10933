/**
 * The client side of a protocol over any transport: encodes calls, performs the handshake
 * (once per connection on stateful transports, on every request on stateless ones, with the
 * NONE-then-retry path), and decodes responses and errors with the server's protocol resolved
 * against ours.
 */
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { decodeUtf8 } from '../wire/utf8.js';
import type { Connection, StatefulTransport, StatelessTransport, Transport } from './channel.js';
import { RpcError, RpcHandshakeError, RpcRemoteError } from './errors.js';
import { endFrame, startFrame } from './framing.js';
import { handshakeRequestType, hashKey, readHandshakeResponse } from './handshake.js';
import type { HandshakeResponse } from './handshake.js';
import type { Message } from './message.js';
import { readMetadata, toMetadata, writeMetadata } from './metadata.js';
import { pairMessages } from './pairing.js';
import type { Protocol, ProtocolOptions } from './protocol.js';
import { DEFAULT_MAX_CACHED_PROTOCOLS, ProtocolCache } from './protocol-cache.js';
import type { CallOptions, ClientCalls, ServiceShape, ShapeOf } from './service.js';
import { guard } from './guard.js';

export interface ClientOptions {
  /** Default timeout of each call in milliseconds (default 0: none). */
  timeoutMs?: number;
  /** How the server's protocol is parsed when it differs from ours. */
  protocolOptions?: ProtocolOptions;
  /** Most server protocols remembered by hash (default 256). */
  maxCachedProtocols?: number;
}

/**
 * Calls the messages of `protocol` on one server. `send(name, request)` and
 * `call.<name>(request)` return Promises of the response; a declared error or a server
 * exception rejects with {@link RpcRemoteError}.
 */
export class Client<S extends ShapeOf<S> = ServiceShape> {
  readonly protocol: Protocol;
  readonly transport: Transport;
  /** One method per message: `client.call.add({ a: 1, b: 2 })`. */
  readonly call: ClientCalls<S>;
  private readonly cache: ProtocolCache;
  private readonly timeoutMs: number;
  /** What we believe the server's protocol is, and the hash we send for it. */
  private remote: Protocol;
  private serverHash: Uint8Array;
  private sendProtocol = false;
  private readonly handshakes = new Map<string, Uint8Array>();
  private conn: Connection | undefined;
  private opening: Promise<Connection> | undefined;

  constructor(protocol: Protocol, transport: Transport, options: ClientOptions = {}) {
    this.protocol = protocol;
    this.transport = transport;
    this.timeoutMs = options.timeoutMs ?? 0;
    this.cache = new ProtocolCache(protocol, options.maxCachedProtocols ?? DEFAULT_MAX_CACHED_PROTOCOLS, options.protocolOptions ?? {});
    this.remote = protocol;
    this.serverHash = protocol.hash;
    const methods = new Map<string, unknown>();
    this.call = new Proxy({} as ClientCalls<S>, {
      get: (_t, name) => {
        if (typeof name !== 'string' || !protocol.messages.has(name)) return undefined;
        let fn = methods.get(name);
        if (fn === undefined) {
          fn = (request: unknown, opts?: CallOptions) => this.send(name as keyof S & string, request as never, opts);
          methods.set(name, fn);
        }
        return fn;
      },
    });
  }

  /** The server's protocol as last learned in a handshake (ours until it says otherwise). */
  get remoteProtocol(): Protocol {
    return this.remote;
  }

  /** Calls message `name` with the request record (one field per parameter). */
  send<K extends keyof S & string>(name: K, request: S[K]['request'], options: CallOptions = {}): Promise<S[K]['response']> {
    const m = this.protocol.messages.get(name);
    if (m === undefined) {
      return Promise.reject(new RpcError(`protocol ${this.protocol.name} has no message "${name}"`));
    }
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const what = `call "${name}"`;
    if (this.transport.stateful) return this.sendStateful(m, request, options, timeoutMs, what);
    const t = this.transport;
    return guard((signal) => this.sendStateless(t, m, name, request, options, signal), options.signal, timeoutMs, what);
  }

  /**
   * Completes a handshake with the server without calling a message (the spec's empty
   * message name); afterwards {@link remoteProtocol} is the server's.
   */
  async ping(options: CallOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    if (this.transport.stateful) {
      const conn = await guard(() => this.connection(), options.signal, timeoutMs, 'ping');
      await guard(() => conn.send(this.encode(undefined, '', undefined, options, undefined), true), options.signal, timeoutMs, 'ping');
      return;
    }
    const t = this.transport;
    await guard((signal) => this.sendStateless(t, undefined, '', undefined, options, signal), options.signal, timeoutMs, 'ping');
  }

  /** Closes the connection (stateful) and the transport. */
  async close(): Promise<void> {
    this.conn?.close();
    this.conn = undefined;
    await this.transport.close();
  }

  private async sendStateless(
    t: StatelessTransport, m: Message | undefined, name: string, request: unknown, options: CallOptions, signal: AbortSignal | undefined,
  ): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const sentProtocol = this.sendProtocol;
      const sentHash = this.serverHash;
      const framed = this.encode(m, name, request, options, this.handshakeBytes(sentProtocol, sentHash));
      const reply = await t.request(framed, signal);
      const r = new ByteReader(reply);
      let hs: HandshakeResponse;
      try {
        hs = isBoth(reply) ? ((r.pos = 4), BOTH) : readHandshakeResponse(r);
      } catch (e) {
        throw new RpcHandshakeError(`cannot read the handshake response from ${t.remoteName}: ${(e as Error).message}`, { cause: e });
      }
      if (this.applyHandshake(hs, sentProtocol, sentHash)) return m === undefined ? undefined : this.readCall(r, m);
      if (attempt > 0) throw new RpcHandshakeError(`the server at ${t.remoteName} did not accept protocol ${this.protocol.name}`);
    }
  }

  private async sendStateful(m: Message, request: unknown, options: CallOptions, timeoutMs: number, what: string): Promise<unknown> {
    // Encoding first: a request that does not fit its schema fails before touching the network.
    const framed = this.encode(m, m.name, request, options, undefined);
    let conn = this.conn;
    if (conn === undefined || conn.closed) conn = await guard(() => this.connection(), options.signal, timeoutMs, what);
    const c = conn;
    const reply = await guard(() => c.send(framed, !m.oneWay), options.signal, timeoutMs, what);
    if (m.oneWay) return null;
    return this.readCall(new ByteReader(reply!), m);
  }

  /** The open, handshaken connection; opens one (again, after a drop) when needed. */
  private connection(): Promise<Connection> {
    if (this.conn !== undefined && !this.conn.closed) return Promise.resolve(this.conn);
    this.opening ??= this.open().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async open(): Promise<Connection> {
    const t = this.transport as StatefulTransport;
    const conn = await t.connect();
    try {
      for (let attempt = 0; ; attempt++) {
        const sentProtocol = this.sendProtocol;
        const sentHash = this.serverHash;
        const reply = await conn.send(this.encode(undefined, '', undefined, {}, this.handshakeBytes(sentProtocol, sentHash)), true);
        const hs = readHandshakeResponse(new ByteReader(reply!));
        if (this.applyHandshake(hs, sentProtocol, sentHash)) break;
        if (attempt > 0) throw new RpcHandshakeError(`the server at ${t.remoteName} did not accept protocol ${this.protocol.name}`);
      }
    } catch (e) {
      conn.close();
      throw e;
    }
    this.conn = conn;
    return conn;
  }

  /** Applies a handshake response; true when the call's response follows, false to resend with our protocol. */
  private applyHandshake(hs: HandshakeResponse, sentProtocol: boolean, sentHash: Uint8Array): boolean {
    switch (hs.match) {
      case 'BOTH':
        this.sendProtocol = false;
        this.remote = this.cache.get(sentHash) ?? this.remote;
        return true;
      case 'CLIENT':
        this.learn(hs);
        this.sendProtocol = false;
        return true;
      default:
        if (hs.serverProtocol !== null && hs.serverHash !== null) this.learn(hs);
        if (sentProtocol) {
          const why = hs.meta?.['error'];
          throw new RpcHandshakeError(
            `the server answered NONE although we sent protocol ${this.protocol.name}` +
              (why !== undefined ? `: ${decodeUtf8(why, 0, why.length)}` : ''),
          );
        }
        this.sendProtocol = true;
        return false;
    }
  }

  private learn(hs: HandshakeResponse): void {
    if (hs.serverProtocol === null || hs.serverHash === null) {
      throw new RpcHandshakeError(`handshake ${hs.match} without the server's protocol and hash`);
    }
    let p = this.cache.get(hs.serverHash);
    if (p === undefined) {
      try {
        p = this.cache.parse(hs.serverProtocol);
      } catch (e) {
        throw new RpcHandshakeError(`the server's protocol is invalid: ${(e as Error).message}`, { cause: e });
      }
      this.cache.set(hs.serverHash, p);
    }
    this.remote = p;
    this.serverHash = hs.serverHash;
  }

  /** Reads metadata, the error flag and the response or error of `m`. */
  private readCall(r: ByteReader, m: Message): unknown {
    let isError: boolean;
    let result: unknown;
    let errorType = '';
    try {
      readMetadata(r);
      isError = r.readBoolean();
      const pair = pairMessages(m, this.remote.messages.get(m.name) ?? m);
      if (isError) {
        const e = pair.readError(r);
        errorType = e.type;
        result = e.value;
      } else {
        result = pair.readResponse(r);
      }
    } catch (e) {
      throw new RpcError(`cannot read the response to "${m.name}": ${(e as Error).message}`, { cause: e });
    }
    if (isError) throw new RpcRemoteError(m.name, errorType, result);
    return result;
  }

  /** One framed request: optional handshake, metadata, message name, parameters. */
  private encode(m: Message | undefined, name: string, request: unknown, options: CallOptions, handshake: Uint8Array | undefined): Uint8Array {
    const w = new ByteWriter(128);
    const at = startFrame(w);
    if (handshake !== undefined) {
      w.grow(handshake.length);
      w.buf.set(handshake, w.pos);
      w.pos += handshake.length;
    }
    writeMetadata(w, toMetadata(options.metadata));
    w.writeString(name);
    m?.requestType.encodeInto(m.withDefaults(request), w);
    endFrame(w, at);
    return w.buf.subarray(0, w.pos);
  }

  private handshakeBytes(withProtocol: boolean, serverHash: Uint8Array): Uint8Array {
    const key = `${withProtocol ? 'P' : '-'}${hashKey(serverHash)}`;
    let b = this.handshakes.get(key);
    if (b === undefined) {
      b = handshakeRequestType().toBuffer({
        clientHash: this.protocol.hash,
        clientProtocol: withProtocol ? this.protocol.toString() : null,
        serverHash,
        meta: null,
      });
      if (this.handshakes.size > 16) this.handshakes.clear();
      this.handshakes.set(key, b);
    }
    return b;
  }
}

const BOTH: HandshakeResponse = Object.freeze({ match: 'BOTH', serverProtocol: null, serverHash: null, meta: null });

/** The usual handshake response, four zero bytes (BOTH, three nulls), recognised without decoding. */
function isBoth(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0;
}
