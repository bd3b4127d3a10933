/**
 * Thrown when bytes cannot be decoded: truncated input, a length prefix larger than what is
 * left, an out-of-range union index, a limit exceeded. `offset` is the byte offset in the
 * input where decoding failed; `path` (when known) is the schema path of the value being read.
 */
export class AvroDecodeError extends Error {
  override name = 'AvroDecodeError';
  readonly offset: number;
  readonly path: string;
  /** The message without the location. */
  readonly reason: string;
  /**
   * True when more bytes could make the input valid (it ends inside a value, or a length or
   * count asks for more than is left): streams wait for more instead of failing.
   */
  readonly truncated: boolean;
  constructor(reason: string, offset: number, path = '', options?: { cause?: unknown; truncated?: boolean }) {
    super(`${path ? `${path}: ` : ''}${reason} (at byte ${offset})`, options);
    this.offset = offset;
    this.path = path;
    this.reason = reason;
    this.truncated = options?.truncated ?? false;
  }
}
