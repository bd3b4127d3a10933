/**
 * Message framing (spec "Message Framing"): a message is a list of buffers, each a 4-byte
 * big-endian length and that many bytes, ended by a zero-length buffer. We write each message
 * as one buffer; we read any split, within a size limit checked before anything is buffered.
 */
import { allocBytes } from '../wire/writer.js';
import type { ByteWriter } from '../wire/writer.js';
import { RpcFrameError } from './errors.js';

/**
 * Default limit on one message's bytes (the sum of its buffers): 16 MiB. A length prefix past
 * it fails the message before its bytes are read, so a hostile peer cannot make us buffer more.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Reserves room for a buffer header at `w.pos`; returns where the frame starts. */
export function startFrame(w: ByteWriter): number {
  const start = w.pos;
  w.grow(4);
  w.pos += 4;
  return start;
}

/** Ends the frame started at `start`: fills in its length and appends the zero-length terminator. */
export function endFrame(w: ByteWriter, start: number): void {
  const len = w.pos - start - 4;
  if (len === 0) {
    // An empty message is the terminator alone: an empty buffer would itself end the message.
    w.buf.fill(0, start, start + 4);
    return;
  }
  const b = w.buf;
  b[start] = len >>> 24;
  b[start + 1] = (len >>> 16) & 0xff;
  b[start + 2] = (len >>> 8) & 0xff;
  b[start + 3] = len & 0xff;
  w.grow(4);
  w.buf.fill(0, w.pos, w.pos + 4);
  w.pos += 4;
}

/** `payload` framed as one buffer plus the terminator (an empty payload: the terminator alone). */
export function frame(payload: Uint8Array): Uint8Array {
  const len = payload.length;
  if (len === 0) return new Uint8Array(4);
  const out = allocBytes(len + 8);
  out[0] = len >>> 24;
  out[1] = (len >>> 16) & 0xff;
  out[2] = (len >>> 8) & 0xff;
  out[3] = len & 0xff;
  out.set(payload, 4);
  out.fill(0, 4 + len);
  return out;
}

/**
 * The message of a body that holds exactly one framed message (an HTTP body). Throws
 * {@link RpcFrameError} for a missing terminator, bytes after it, or a message past `max`.
 */
export function deframe(body: Uint8Array, max = DEFAULT_MAX_MESSAGE_BYTES): Uint8Array {
  const d = new FrameDecoder(max);
  const messages = d.push(body);
  if (messages.length === 0) throw new RpcFrameError(`truncated framed message: ${body.length} bytes and no terminating empty buffer`);
  if (messages.length > 1 || d.inMessage) {
    throw new RpcFrameError('bytes after the end of the framed message (one request or response per HTTP body)');
  }
  return messages[0]!;
}

/**
 * Incremental reader of framed messages from a byte stream (TCP). `push` each chunk as it
 * arrives; it returns the messages completed by it. A message that sits in one buffer inside
 * one chunk is returned without a copy; split ones are gathered into one allocation.
 */
export class FrameDecoder {
  private readonly header = new Uint8Array(4);
  private headerHave = 0;
  /** Bytes still to come of the current buffer, or -1 while reading a header. */
  private bodyNeed = -1;
  /** The current message's only buffer so far, kept uncopied. */
  private first: Uint8Array | undefined;
  private acc: Uint8Array | undefined;
  private accLen = 0;
  /** Bytes of the current message so far, declared (buffers announced) included. */
  private total = 0;

  constructor(private readonly maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES) {}

  /** True while part of a message has been read (a peer stopping now stops mid-message). */
  get inMessage(): boolean {
    return this.headerHave > 0 || this.bodyNeed >= 0 || this.first !== undefined || this.acc !== undefined;
  }

  /** Feeds `chunk`; returns the messages it completes. Throws RpcFrameError past the size limit. */
  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    const n = chunk.length;
    let pos = 0;
    while (pos < n) {
      if (this.bodyNeed < 0) {
        let len: number;
        if (this.headerHave === 0 && pos + 4 <= n) {
          len = ((chunk[pos]! << 24) | (chunk[pos + 1]! << 16) | (chunk[pos + 2]! << 8) | chunk[pos + 3]!) >>> 0;
          pos += 4;
        } else {
          while (this.headerHave < 4 && pos < n) this.header[this.headerHave++] = chunk[pos++]!;
          if (this.headerHave < 4) break;
          const h = this.header;
          len = ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
          this.headerHave = 0;
        }
        if (len === 0) {
          out.push(this.finish());
          continue;
        }
        if (this.total + len > this.maxMessageBytes) {
          throw new RpcFrameError(
            `framed message too large: a buffer of ${len} bytes takes it past the limit of ` +
              `${this.maxMessageBytes} bytes (maxMessageBytes)`,
          );
        }
        this.total += len;
        if (pos + len <= n && this.first === undefined && this.acc === undefined) {
          this.first = chunk.subarray(pos, pos + len);
          pos += len;
          continue;
        }
        this.bodyNeed = len;
      }
      const take = Math.min(this.bodyNeed, n - pos);
      this.append(chunk, pos, take);
      pos += take;
      this.bodyNeed -= take;
      if (this.bodyNeed === 0) this.bodyNeed = -1;
    }
    return out;
  }

  private append(src: Uint8Array, from: number, count: number): void {
    if (this.acc === undefined) {
      const firstLen = this.first?.length ?? 0;
      // Room for what is announced so far; later buffers grow it by doubling.
      this.acc = allocBytes(Math.max(this.total, firstLen + count, 64));
      if (this.first !== undefined) this.acc.set(this.first, 0);
      this.accLen = firstLen;
      this.first = undefined;
    }
    if (this.accLen + count > this.acc.length) {
      const next = allocBytes(Math.max(this.accLen + count, Math.min(this.acc.length * 2, this.maxMessageBytes)));
      next.set(this.acc.subarray(0, this.accLen));
      this.acc = next;
    }
    this.acc.set(src.subarray(from, from + count), this.accLen);
    this.accLen += count;
  }

  private finish(): Uint8Array {
    const msg = this.acc !== undefined ? this.acc.subarray(0, this.accLen) : (this.first ?? new Uint8Array(0));
    this.first = undefined;
    this.acc = undefined;
    this.accLen = 0;
    this.total = 0;
    return msg;
  }
}
