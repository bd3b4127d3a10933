/**
 * Writes to a socket batched per tick: the first write of a tick corks the socket and the
 * uncork at the end of the tick hands every message of the tick to the kernel in one writev.
 * With Nagle off (setNoDelay) this gives both low latency for a lone call and few syscalls
 * for many calls in flight.
 */
import type { Socket } from 'node:net';

export class BatchWriter {
  private corked = false;
  private readonly uncork = (): void => {
    this.corked = false;
    if (!this.socket.destroyed) this.socket.uncork();
  };

  constructor(private readonly socket: Socket) {}

  /** Queues `bytes`; returns false when the socket's buffer is past its high-water mark. */
  write(bytes: Uint8Array): boolean {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    return this.socket.write(bytes);
  }
}
