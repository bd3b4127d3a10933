/**
 * avro-js (Apache's JavaScript Avro, lang/js in apache/avro; a devDependency) as an RPC peer:
 * its protocols, stateful emitters and listeners over `net` sockets, stateless ones over HTTP,
 * wrapped in Promises with bounded waits, recording the handshake match each side saw and the
 * errors avro-js reports as events.
 *
 * Facts about avro-js 1.12.2 these helpers depend on (read from its lib/protocols.js):
 * - Its main entry requires `underscore` (for a deprecated validator) without declaring it, so
 *   `require('avro-js')` fails on a registry install; lib/files.js and lib/protocols.js need
 *   nothing outside Node and are loaded directly.
 * - Its protocol hash is the MD5 of its own `toString()`, which differs from ours, and that text
 *   leaves out `"one-way"` and writes error types as plain records.
 * - A stateful emitter matches responses to calls by an `id` entry (4-byte big-endian int) in
 *   the response metadata; its listener drops a call without a non-zero `id` in the request
 *   metadata and answers with the id negated. Both are configurable through `opts.IdType`.
 * - Declared errors and system errors reach a callback as wrapped unions:
 *   `{'org.apache.avro.test.TestError': {...}}`, `{string: '...'}`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { connect as netConnect, createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import type { PeerStatus } from '../peers/index.js';
import type { Handler } from '../../../src/rpc/index.js';

const require = createRequire(import.meta.url);

/** avro-js's callback: the error (a wrapped union) or the response. */
export type AvroJsCallback = (err: unknown, res?: unknown) => void;
/** An avro-js message handler; `cb` is absent for one-way messages on stateful listeners. */
export type AvroJsHandler = (request: any, listener: unknown, cb?: AvroJsCallback) => void;

/** The part of avro-js's Protocol the tests use. */
export interface AvroJsProtocol {
  toString(): string;
  getName(): string;
  on(name: string, handler: AvroJsHandler): AvroJsProtocol;
  emit(name: string, request: unknown, emitter: AvroJsEndpoint, cb: AvroJsCallback): void;
  createEmitter(transport: unknown, opts?: object): AvroJsEndpoint;
  createListener(transport: unknown, opts?: object): AvroJsEndpoint;
}

/** Emitters and listeners are EventEmitters ('handshake', 'error', 'eot') with `destroy`. */
export interface AvroJsEndpoint extends EventEmitter {
  destroy(noWait?: boolean): void;
}

interface AvroJsModules {
  createProtocol(attrs: unknown): AvroJsProtocol;
  LogicalType: new (attrs: unknown, opts?: unknown) => object;
}

let modules: AvroJsModules | undefined;
let loadError: string | undefined;
function load(): AvroJsModules | undefined {
  if (modules === undefined && loadError === undefined) {
    try {
      const protocols = require('avro-js/lib/protocols.js') as { createProtocol: AvroJsModules['createProtocol'] };
      const schemas = require('avro-js/lib/schemas.js') as { types: { LogicalType: AvroJsModules['LogicalType'] } };
      modules = { createProtocol: protocols.createProtocol, LogicalType: schemas.types.LogicalType };
    } catch (e) {
      loadError = (e as Error).message;
    }
  }
  return modules;
}

/** Whether avro-js can be loaded (it is a devDependency: `npm install` brings it). */
export function avroJs(): PeerStatus {
  const m = load();
  return m !== undefined
    ? { name: 'avro-js', available: true, reason: `avro-js ${(require('avro-js/package.json') as { version: string }).version}` }
    : { name: 'avro-js', available: false, reason: `cannot load avro-js/lib/protocols.js (run npm install): ${loadError}` };
}

/** Parses a `.avpr` file with avro-js (a fresh Protocol each time: its caches live on it). */
export function avroJsProtocol(path: string): AvroJsProtocol {
  return load()!.createProtocol(JSON.parse(readFileSync(path, 'utf8')));
}

/** avro-js's hash of a protocol: the MD5 of its own JSON text. */
export function avroJsHash(p: AvroJsProtocol): Uint8Array {
  return createHash('md5').update(p.toString()).digest();
}

/** A 4-byte big-endian int, avro-js's encoding of call ids in metadata. */
export function int32(n: number): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

/**
 * Wraps our handlers so each response carries the avro-js call id: the request's `id`
 * metadata entry negated, which is what an avro-js stateful emitter waits for.
 */
export function echoAvroJsIds(handlers: Record<string, Handler>): Record<string, Handler> {
  const out: Record<string, Handler> = {};
  for (const [name, h] of Object.entries(handlers)) {
    out[name] = (req, ctx) => {
      const id = ctx.metadata.get('id');
      if (id !== undefined && id.length === 4) ctx.responseMetadata.set('id', int32(-Buffer.from(id).readInt32BE(0)));
      return h(req, ctx);
    };
  }
  return out;
}

/** What an avro-js call ended with. */
export type Outcome = { response: unknown } | { error: unknown };

/** One side of a connection driven by avro-js, with what it saw. */
export interface AvroJsCaller {
  /** The match of each handshake response avro-js received, in order. */
  readonly handshakes: string[];
  /** Errors avro-js emitted as events (orphan responses, bad metadata…). */
  readonly errors: Error[];
  /** Calls `name` and resolves with its outcome; rejects when no answer comes in `timeoutMs`. */
  call(name: string, request: unknown, timeoutMs?: number): Promise<Outcome>;
  /** Sends a one-way message (a stateful avro-js emitter never calls back for those). */
  notify(name: string, request: unknown): void;
  close(): void;
}

function caller(ptcl: AvroJsProtocol, emitter: AvroJsEndpoint, onClose: () => void, errors: Error[] = []): AvroJsCaller {
  const handshakes: string[] = [];
  emitter.on('handshake', (_req: unknown, res: { match: string }) => handshakes.push(res.match));
  emitter.on('error', (e: Error) => errors.push(e));
  return {
    handshakes,
    errors,
    call: (name, request, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`avro-js call "${name}" got no answer within ${timeoutMs} ms`)), timeoutMs);
        ptcl.emit(name, request, emitter, (err, res) => {
          clearTimeout(timer);
          resolve(err !== null && err !== undefined ? { error: err } : { response: res });
        });
      }),
    notify: (name, request) => ptcl.emit(name, request, emitter, (err) => {
      if (err) errors.push(new Error(`one-way "${name}": ${JSON.stringify(err)}`));
    }),
    close: () => {
      emitter.destroy(true);
      onClose();
    },
  };
}

/**
 * Builds the `opts.IdType` of an avro-js stateful emitter that sends no call metadata and
 * takes each response as the answer to its oldest waiting call, as Java and Python clients
 * do on a connection whose replies come in order (avro-js's own needs the server to echo ids).
 */
function inOrderIds(LogicalType: AvroJsModules['LogicalType'], pending: () => object): unknown {
  return class InOrderId extends LogicalType {
    _fromValue(): number {
      // _pending is keyed by call id; integer keys enumerate in ascending order: oldest first.
      const first = Object.keys(pending())[0];
      return first === undefined ? 0 : Number(first);
    }
    _toValue(): object {
      return {};
    }
  };
}

/**
 * An avro-js stateful emitter on a TCP connection to `port`. With `inOrder`, it matches replies
 * by order instead of by the `id` metadata (see {@link inOrderIds}).
 */
export function avroJsTcpCaller(ptcl: AvroJsProtocol, port: number, options: { inOrder?: boolean } = {}): AvroJsCaller {
  const socket = netConnect({ host: '127.0.0.1', port });
  socket.on('error', () => { /* the emitter's 'eot' or the call timeout reports it */ });
  let emitter: AvroJsEndpoint | undefined;
  const opts = options.inOrder
    ? { IdType: inOrderIds(load()!.LogicalType, () => (emitter as unknown as { _pending: object })._pending) }
    : {};
  emitter = ptcl.createEmitter(socket, opts);
  return caller(ptcl, emitter, () => socket.destroy());
}

/** An avro-js stateless emitter that POSTs each call to `url` (one HTTP request per call). */
export function avroJsHttpCaller(ptcl: AvroJsProtocol, url: string): AvroJsCaller {
  const u = new URL(url);
  const failures: Error[] = [];
  const emitter = ptcl.createEmitter((cb: (res: IncomingMessage) => void) => {
    // avro-js pipes its framed message into the request: no Content-Length, so it goes chunked.
    const req = httpRequest({ host: u.hostname, port: Number(u.port), path: u.pathname, method: 'POST', headers: { 'Content-Type': 'avro/binary' } });
    req.on('response', cb);
    req.on('error', (e) => failures.push(e));
    return req;
  });
  // A failed request surfaces as a call timeout; its cause is kept with avro-js's errors.
  return caller(ptcl, emitter, () => {}, failures);
}

/** A server run by avro-js listeners, with what they saw. */
export interface AvroJsServer {
  readonly port: number;
  /** The match of each handshake response avro-js sent, in order. */
  readonly handshakes: string[];
  /** Errors avro-js listeners emitted as events. */
  readonly errors: Error[];
  /** Cuts every open connection (the server keeps listening). */
  dropConnections(): void;
  close(): Promise<void>;
}

function serve(net: NetServer, sockets: Set<Socket>, handshakes: string[], errors: Error[]): Promise<AvroJsServer> {
  net.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  return new Promise((resolve, reject) => {
    net.once('error', reject);
    net.listen(0, '127.0.0.1', () => {
      resolve({
        port: (net.address() as AddressInfo).port,
        handshakes,
        errors,
        dropConnections: () => {
          for (const s of sockets) s.destroy();
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            net.close(() => done());
          }),
      });
    });
  });
}

function watch(listener: AvroJsEndpoint, handshakes: string[], errors: Error[]): void {
  listener.on('handshake', (_req: unknown, res: { match: string }) => handshakes.push(res.match));
  listener.on('error', (e: Error) => errors.push(e));
}

/** Serves `ptcl` (handlers set with `ptcl.on`) over TCP: an avro-js stateful listener per connection. */
export function listenAvroJsTcp(ptcl: AvroJsProtocol): Promise<AvroJsServer> {
  const handshakes: string[] = [];
  const errors: Error[] = [];
  const net = createNetServer((socket) => watch(ptcl.createListener(socket), handshakes, errors));
  return serve(net, new Set(), handshakes, errors);
}

/** Serves `ptcl` over HTTP: an avro-js stateless listener per request (any path). */
export function listenAvroJsHttp(ptcl: AvroJsProtocol): Promise<AvroJsServer> {
  const handshakes: string[] = [];
  const errors: Error[] = [];
  const http = createHttpServer((req, res) => {
    res.setHeader('Content-Type', 'avro/binary');
    watch(ptcl.createListener((cb: (w: unknown) => void) => {
      cb(res);
      return req;
    }), handshakes, errors);
  });
  const sockets = new Set<Socket>();
  const server = serve(http as unknown as NetServer, sockets, handshakes, errors);
  return server.then((s) => ({
    ...s,
    close: () => {
      http.closeAllConnections();
      return s.close();
    },
  }));
}
