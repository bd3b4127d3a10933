/**
 * Serves a {@link Server} over HTTP (spec "HTTP as Transport"): stateless, a handshake in
 * every request, POST with Content-Type avro/binary, one framed message per body (chunked
 * bodies accepted), answered with status 200 and a Content-Length. Keep-alive is on.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DEFAULT_MAX_MESSAGE_BYTES, FrameDecoder } from '../framing.js';
import type { Server } from '../server.js';
import type { Listener } from './tcp-server.js';

export interface HttpServeOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: a free one). */
  port?: number;
  /** Only this path answers (default: any path). */
  path?: string;
  /** Largest request message (default {@link DEFAULT_MAX_MESSAGE_BYTES}); larger bodies get 413. */
  maxMessageBytes?: number;
  /** Time allowed to receive a whole request (default 30,000 ms). */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open (default 5,000 ms). */
  keepAliveTimeoutMs?: number;
  /** Most simultaneous connections (default 10,000). */
  maxConnections?: number;
}

/** Listens for Avro RPC over HTTP. */
export function serveHttp(server: Server<any>, options: HttpServeOptions = {}): Promise<Listener> {
  const host = options.host ?? '127.0.0.1';
  const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const sockets = new Set<Socket>();
  const http = createServer((req, res) => handle(server, req, res, max, options.path));
  http.requestTimeout = options.requestTimeoutMs ?? 30_000;
  http.headersTimeout = Math.min(http.requestTimeout, 30_000);
  http.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
  http.maxConnections = options.maxConnections ?? 10_000;
  http.on('connection', (s: Socket) => {
    s.setNoDelay(true);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve({
        host,
        port: (http.address() as AddressInfo).port,
        get connections() {
          return sockets.size;
        },
        close: (graceMs = 0) =>
          new Promise<void>((done) => {
            // Stops accepting and closes idle keep-alive connections; busy ones close after their response.
            http.close(() => done());
            http.closeIdleConnections();
            const cut = (): void => {
              for (const s of sockets) s.destroy();
            };
            if (graceMs > 0) setTimeout(cut, graceMs).unref();
            else cut();
          }),
      });
    });
  });
}

function handle(server: Server<any>, req: IncomingMessage, res: ServerResponse, max: number, path: string | undefined): void {
  if (req.method !== 'POST') {
    reply(res, 405, `Avro RPC takes POST requests, not ${req.method}`, { Allow: 'POST' });
    req.resume();
    return;
  }
  if (path !== undefined && (req.url ?? '/').split('?')[0] !== path) {
    reply(res, 404, `no Avro RPC service at ${req.url}; it is at ${path}`);
    req.resume();
    return;
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  // Framing adds 4 bytes per buffer and 4 at the end; leave room for splits like Python's 8 KiB buffers.
  const bodyLimit = max + Math.ceil(max / 1024) + 8;
  if (declared > bodyLimit) {
    reply(res, 413, `request body of ${declared} bytes is past the limit of ${max} bytes (maxMessageBytes)`, { Connection: 'close' });
    req.destroy();
    return;
  }
  const decoder = new FrameDecoder(max);
  const messages: Uint8Array[] = [];
  let received = 0;
  let failed = false;
  req.on('data', (chunk: Buffer) => {
    if (failed) return;
    received += chunk.length;
    try {
      if (received > bodyLimit) throw new Error(`request body past ${bodyLimit} bytes`);
      messages.push(...decoder.push(chunk));
    } catch (e) {
      failed = true;
      reply(res, 413, (e as Error).message, { Connection: 'close' });
      req.destroy();
    }
  });
  req.on('error', () => { /* the socket is gone */ });
  req.on('end', () => {
    if (failed) return;
    if (messages.length !== 1 || decoder.inMessage) {
      reply(res, 400, messages.length === 0
        ? 'the body is not one framed Avro message (no terminating empty buffer)'
        : 'the body holds more than one framed Avro message');
      return;
    }
    let out;
    try {
      out = server.respond(messages[0]!);
    } catch (e) {
      reply(res, 400, (e as Error).message);
      return;
    }
    Promise.resolve(out).then(
      (bytes) => {
        // Over HTTP every request gets a response, one-way messages included.
        const body = bytes ?? new Uint8Array(0);
        res.writeHead(200, { 'Content-Type': 'avro/binary', 'Content-Length': body.length });
        res.end(body);
      },
      (e: unknown) => reply(res, 500, (e as Error).message),
    );
  });
}

function reply(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, ...headers });
  res.end(body);
}
