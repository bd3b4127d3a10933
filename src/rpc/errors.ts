/**
 * Errors of the RPC layer. Each says what happened and where (message name, protocol path,
 * remote address) so a failed call can be diagnosed from its message alone.
 */
import { AvroSchemaError } from '../schema/errors.js';

/** An invalid protocol declaration; `path` locates the part, e.g. `messages.hello.request[0]`. */
export class AvroProtocolError extends AvroSchemaError {
  override name = 'AvroProtocolError';
}

/** Base class of the errors a call can fail with (other than an abort, which rejects with the signal's reason). */
export class RpcError extends Error {
  override name = 'RpcError';
}

/**
 * The server answered the call with an error. `value` is the decoded error: a record of one of
 * the message's declared errors (an instance of its class when the protocol was given
 * `constructors`), or, for an exception the server did not declare, the system error string.
 */
export class RpcRemoteError extends RpcError {
  override name = 'RpcRemoteError';
  /** The error value as decoded with the local protocol. */
  readonly value: unknown;
  /** Full name of the error's schema, or `'string'` for the system error branch. */
  readonly errorType: string;
  /** The message that failed. */
  readonly messageName: string;

  constructor(messageName: string, errorType: string, value: unknown) {
    super(`${messageName}: remote ${errorType === 'string' ? 'system error' : errorType}: ${describe(value)}`);
    this.messageName = messageName;
    this.errorType = errorType;
    this.value = value;
  }

  /** True for an error the server did not declare (the union's `string` branch). */
  get isSystem(): boolean {
    return this.errorType === 'string';
  }
}

/** The handshake failed: the server did not accept our protocol, or answered nonsense. */
export class RpcHandshakeError extends RpcError {
  override name = 'RpcHandshakeError';
}

/** The connection failed or closed before the reply arrived (the call may or may not have run). */
export class RpcConnectionError extends RpcError {
  override name = 'RpcConnectionError';
}

/** No reply within the call's timeout (the call may still run on the server). */
export class RpcTimeoutError extends RpcError {
  override name = 'RpcTimeoutError';
}

/** Bytes that break the framing or the call format (oversize frame, garbage, truncation). */
export class RpcFrameError extends RpcError {
  override name = 'RpcFrameError';
}

function describe(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return v.message;
  try {
    const text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
    return text === undefined ? String(v) : text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return String(v);
  }
}
