/**
 * The client side of Avro RPC over TCP: framed messages on a socket, replies matched to
 * requests in order (the framing has no call id), many calls in flight on one connection.
 */
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import type { Connection, StatefulTransport } from '../channel.js';
import { RpcConnectionError, RpcFrameError } from '../errors.js';
import { DEFAULT_MAX_MESSAGE_BYTES, FrameDecoder } from '../framing.js';
import { BatchWriter } from './batch-writer.js';

export interface TcpTransportOptions {
  host?: string;
  port: number;
  /** Largest reply accepted (default {@link DEFAULT_MAX_MESSAGE_BYTES}). */
  maxMessageBytes?: number;
  /** Give up connecting after this many milliseconds (default 10,000). */
  connectTimeoutMs?: number;
}

/** A TCP transport to `host:port` (host default 127.0.0.1). */
export function tcpTransport(options: TcpTransportOptions): StatefulTransport {
  const host = options.host ?? '127.0.0.1';
  const { port } = options;
  const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const open = new Set<TcpConnection>();
  const remoteName = `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    stateful: true,
    remoteName,
    connect(signal?: AbortSignal): Promise<Connection> {
      return new Promise((resolve, reject) => {
        const socket = netConnect({ host, port });
        socket.setNoDelay(true);
        const fail = (e: unknown): void => {
          cleanup();
          socket.destroy();
          reject(signal?.aborted ? signal.reason : new RpcConnectionError(`cannot connect to ${remoteName}: ${(e as Error).message}`, { cause: e }));
        };
        const timer = setTimeout(() => fail(new Error(`no connection within ${connectTimeoutMs} ms`)), connectTimeoutMs);
        const onAbort = (): void => fail(signal!.reason);
        const cleanup = (): void => {
          clearTimeout(timer);
          socket.off('error', fail);
          signal?.removeEventListener('abort', onAbort);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        socket.once('error', fail);
        socket.once('connect', () => {
          cleanup();
          const c = new TcpConnection(socket, max, remoteName, () => open.delete(c));
          open.add(c);
          resolve(c);
        });
      });
    },
    async close(): Promise<void> {
      for (const c of open) c.close();
      open.clear();
    },
  };
}

interface Waiter {
  resolve(reply: Uint8Array): void;
  reject(e: unknown): void;
}

class TcpConnection implements Connection {
  closed = false;
  private readonly decoder: FrameDecoder;
  private readonly writer: BatchWriter;
  /** Callers waiting for replies, oldest first (a queue with a moving head). */
  private waiting: Waiter[] = [];
  private head = 0;

  constructor(private readonly socket: Socket, max: number, private readonly name: string, onClose: () => void) {
    this.decoder = new FrameDecoder(max);
    this.writer = new BatchWriter(socket);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => { /* 'close' follows and reports */ });
    socket.on('close', () => {
      this.closed = true;
      onClose();
      const n = this.waiting.length - this.head;
      this.failAll(new RpcConnectionError(`connection to ${this.name} closed with ${n} call${n === 1 ? '' : 's'} waiting for a reply`));
    });
  }

  send(framed: Uint8Array, reply: boolean): Promise<Uint8Array | undefined> {
    if (this.closed) return Promise.reject(new RpcConnectionError(`connection to ${this.name} is closed`));
    this.writer.write(framed);
    if (!reply) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let replies: Uint8Array[];
    try {
      replies = this.decoder.push(chunk);
    } catch (e) {
      this.abort(e as RpcFrameError);
      return;
    }
    for (const reply of replies) {
      const w = this.waiting[this.head];
      if (w === undefined) {
        this.abort(new RpcFrameError(`${this.name} sent a reply nobody was waiting for`));
        return;
      }
      this.waiting[this.head++] = undefined as unknown as Waiter;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      w.resolve(reply);
    }
  }

  /** The stream is out of step: fail every waiting call and drop the connection. */
  private abort(e: Error): void {
    this.failAll(new RpcConnectionError(`connection to ${this.name} dropped: ${e.message}`, { cause: e }));
    this.socket.destroy();
  }

  private failAll(e: Error): void {
    const waiting = this.waiting.slice(this.head);
    this.waiting = [];
    this.head = 0;
    for (const w of waiting) w.reject(e);
  }
}
