/**
 * The client side of Avro RPC over HTTP: each call is one POST of a framed message with a
 * Content-Length (python3-avro's server cannot read chunked bodies), over keep-alive
 * connections.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { StatelessTransport } from '../channel.js';
import { RpcConnectionError, RpcError } from '../errors.js';
import { DEFAULT_MAX_MESSAGE_BYTES, FrameDecoder } from '../framing.js';

export interface HttpTransportOptions {
  /** Largest response accepted (default {@link DEFAULT_MAX_MESSAGE_BYTES}). */
  maxMessageBytes?: number;
  /** Most sockets to the server at once (default 64). */
  maxSockets?: number;
  /** Extra request headers. */
  headers?: Readonly<Record<string, string>>;
}

/** A transport that POSTs to `url` (`http://host:port/path`). */
export function httpTransport(url: string | URL, options: HttpTransportOptions = {}): StatelessTransport {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new RpcError(`an HTTP transport needs an http:// URL, not ${u.protocol}`);
  const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || 80);
  const path = `${u.pathname}${u.search}`;
  const remoteName = u.href;
  return {
    stateful: false,
    remoteName,
    request(framed: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
      return new Promise((resolve, reject) => {
        const req = httpRequest({
          host, port, path, agent, method: 'POST',
          headers: { ...options.headers, 'Content-Type': 'avro/binary', 'Content-Length': framed.length },
          ...(signal !== undefined ? { signal } : {}),
        });
        req.on('error', (e) => {
          reject(signal?.aborted ? signal.reason : new RpcConnectionError(`POST ${remoteName} failed: ${e.message}`, { cause: e }));
        });
        req.on('response', (res) => {
          const status = res.statusCode ?? 0;
          if (status !== 200) {
            const parts: Buffer[] = [];
            let size = 0;
            res.on('data', (c: Buffer) => {
              if (size < 4096) parts.push(c);
              size += c.length;
            });
            res.on('end', () => {
              const text = Buffer.concat(parts).toString('utf8').slice(0, 4096).trim();
              reject(new RpcError(`POST ${remoteName}: HTTP ${status} ${res.statusMessage ?? ''}${text ? `: ${text}` : ''}`));
            });
            return;
          }
          const decoder = new FrameDecoder(max);
          const messages: Uint8Array[] = [];
          res.on('data', (c: Buffer) => {
            try {
              messages.push(...decoder.push(c));
            } catch (e) {
              res.destroy();
              reject(e);
            }
          });
          res.on('error', (e) => reject(signal?.aborted ? signal.reason : new RpcConnectionError(`reading the response of ${remoteName}: ${e.message}`, { cause: e })));
          res.on('end', () => {
            if (messages.length !== 1 || decoder.inMessage) {
              reject(new RpcConnectionError(`${remoteName} answered ${messages.length === 0 ? 'no complete' : 'more than one'} framed Avro message`));
            } else {
              resolve(messages[0]!);
            }
          });
        });
        req.end(framed);
      });
    },
    async close(): Promise<void> {
      agent.destroy();
    },
  };
}
