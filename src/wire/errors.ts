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
  constructor(reason: string, offset: number, path = '', options?: { cause?: unknown }) {
    super(`${path ? `${path}: ` : ''}${reason} (at byte ${offset})`, options);
    this.offset = offset;
    this.path = path;
    this.reason = reason;
  }
}
