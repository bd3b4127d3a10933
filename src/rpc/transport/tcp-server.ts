/**
 * Serves a {@link Server} over TCP: one session (handshake once) per connection, calls
 * pipelined, replies written in request order, one writev per tick. Each connection is
 * bounded (message size, calls in flight, bytes waiting to be written, time to finish a
 * message, idle time); a connection that breaks a bound or the framing is closed alone.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { DEFAULT_MAX_MESSAGE_BYTES, FrameDecoder } from '../framing.js';
import type { Server } from '../server.js';
import { BatchWriter } from './batch-writer.js';

export interface TcpServeOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: a free one; see {@link Listener.port}). */
  port?: number;
  /** Largest request message (default {@link DEFAULT_MAX_MESSAGE_BYTES}). */
  maxMessageBytes?: number;
  /** Calls in flight per connection before reading from it pauses (default 1024). */
  maxPendingCalls?: number;
  /** Reply bytes waiting to be written per connection before reading pauses (default 8 MiB). */
  maxBufferedBytes?: number;
  /** Close a connection idle this long, with no call running (default 120,000 ms; 0: never). */
  idleTimeoutMs?: number;
  /** Close a connection whose message takes longer than this to arrive (default 30,000 ms). */
  messageTimeoutMs?: number;
  /** Most simultaneous connections; more are refused (default 10,000). */
  maxConnections?: number;
}

/** A listening server. */
export interface Listener {
  readonly host: string;
  readonly port: number;
  /** Connections open now. */
  readonly connections: number;
  /**
   * Stops listening and closes every connection: at once, or, with `graceMs`, after the calls
   * in progress are answered (connections still busy after `graceMs` are cut).
   */
  close(graceMs?: number): Promise<void>;
}

/** Listens for Avro RPC over TCP. */
export function serveTcp(server: Server<any>, options: TcpServeOptions = {}): Promise<Listener> {
  const host = options.host ?? '127.0.0.1';
  const limits: Limits = {
    max: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    maxPending: options.maxPendingCalls ?? 1024,
    maxBuffered: options.maxBufferedBytes ?? 8 * 1024 * 1024,
    idleMs: options.idleTimeoutMs ?? 120_000,
    messageMs: options.messageTimeoutMs ?? 30_000,
  };
  const sockets = new Map<Socket, () => void>();
  const net = createServer((socket) => {
    sockets.set(socket, serveConnection(socket, server, limits));
    socket.on('close', () => sockets.delete(socket));
  });
  net.maxConnections = options.maxConnections ?? 10_000;
  return new Promise((resolve, reject) => {
    net.once('error', reject);
    net.listen(options.port ?? 0, host, () => {
      net.off('error', reject);
      const port = (net.address() as AddressInfo).port;
      resolve({
        host,
        port,
        get connections() {
          return sockets.size;
        },
        close: (graceMs = 0) =>
          new Promise<void>((done) => {
            net.close(() => done());
            if (graceMs > 0) {
              for (const shutdown of sockets.values()) shutdown();
              setTimeout(() => {
                for (const s of sockets.keys()) s.destroy();
              }, graceMs).unref();
            } else {
              for (const s of sockets.keys()) s.destroy();
            }
          }),
      });
    });
  });
}

interface Limits {
  max: number;
  maxPending: number;
  maxBuffered: number;
  idleMs: number;
  messageMs: number;
}

const EMPTY = new Uint8Array(0);

interface Slot {
  done: boolean;
  reply: Uint8Array | undefined;
}

/** Serves one connection; returns its graceful shutdown (end once every call is answered). */
function serveConnection(socket: Socket, server: Server<any>, limits: Limits): () => void {
  socket.setNoDelay(true);
  const session = server.createSession();
  const decoder = new FrameDecoder(limits.max);
  const writer = new BatchWriter(socket);
  /** Replies not yet written, in request order; only async handlers put entries here. */
  const queue: Slot[] = [];
  let messageTimer: ReturnType<typeof setTimeout> | undefined;
  let paused = false;
  let closing = false;
  const endIfDone = (): void => {
    if (closing && queue.length === 0 && next === inbox.length && !decoder.inMessage && !socket.destroyed) socket.end();
  };

  const drop = (): void => {
    if (messageTimer !== undefined) clearTimeout(messageTimer);
    socket.destroy();
  };
  const write = (reply: Uint8Array | undefined): void => {
    if (reply !== undefined && !writer.write(reply) && socket.writableLength > limits.maxBuffered) pause();
  };
  const pause = (): void => {
    if (!paused) {
      paused = true;
      socket.pause();
    }
  };
  /** Requests read but not yet handled: held while paused, so a pause takes effect at once. */
  let inbox: Uint8Array[] = [];
  let next = 0;
  const process = (): void => {
    while (!paused && next < inbox.length && !socket.destroyed) {
      const m = inbox[next]!;
      inbox[next++] = EMPTY;
      handle(m);
      if (queue.length >= limits.maxPending) pause();
    }
    if (next === inbox.length) {
      inbox = [];
      next = 0;
    }
  };
  const maybeResume = (): void => {
    if (paused && queue.length < limits.maxPending && socket.writableLength <= limits.maxBuffered) {
      paused = false;
      process();
      if (!paused) socket.resume();
    }
  };
  const flush = (): void => {
    while (queue.length > 0 && queue[0]!.done) write(queue.shift()!.reply);
    maybeResume();
    endIfDone();
  };
  const handle = (message: Uint8Array): void => {
    let out: Uint8Array | undefined | Promise<Uint8Array | undefined>;
    try {
      out = server.respond(message, session);
    } catch {
      // The handshake could not be read: nothing sensible can be answered on this stream.
      drop();
      return;
    }
    if (!(out instanceof Promise)) {
      if (queue.length === 0) write(out);
      else queue.push({ done: true, reply: out });
      return;
    }
    const slot: Slot = { done: false, reply: undefined };
    queue.push(slot);
    out.then(
      (reply) => {
        slot.done = true;
        slot.reply = reply;
        if (queue[0] === slot) flush();
      },
      () => drop(),
    );
  };

  socket.on('data', (chunk: Buffer) => {
    let messages: Uint8Array[];
    try {
      messages = decoder.push(chunk);
    } catch {
      drop(); // oversize frame: the stream cannot be resynchronised
      return;
    }
    if (messages.length > 0) {
      inbox = next === 0 && inbox.length === 0 ? messages : inbox.concat(messages);
      process();
    }
    if (socket.destroyed) return;
    if (decoder.inMessage) {
      messageTimer ??= setTimeout(drop, limits.messageMs);
    } else if (messageTimer !== undefined) {
      clearTimeout(messageTimer);
      messageTimer = undefined;
    }
    endIfDone();
  });
  socket.on('drain', maybeResume);
  socket.on('error', () => { /* 'close' follows */ });
  socket.on('close', () => {
    if (messageTimer !== undefined) clearTimeout(messageTimer);
  });
  if (limits.idleMs > 0) {
    socket.setTimeout(limits.idleMs, () => {
      if (queue.length === 0 || decoder.inMessage) drop();
    });
  }
  return () => {
    closing = true;
    endIfDone();
  };
}
