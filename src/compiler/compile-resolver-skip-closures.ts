/**
 * Precomputed skippers for the interpreted resolving reader: one closure per writer schema,
 * built once, that moves past a value without decoding it (fixed-size values in one step,
 * blocks with a byte size at once), bounded by `maxDepth` like decoding.
 */
import { checkCount } from '../codec/binary.js';
import type { CodecContext } from '../codec/context.js';
import { minEncodedSize } from '../codec/sizes.js';
import type { Schema } from '../schema/model.js';
import { AvroDecodeError } from '../wire/errors.js';
import type { ByteReader } from '../wire/reader.js';
import { constantSize } from './compile-resolver-skip.js';

export type Skip = (r: ByteReader, depth: number) => void;

const noop: Skip = () => {};

/** Skippers by schema node, shared by every record of one resolver. */
export class SkipClosures {
  private readonly memo = new Map<Schema, Skip>();

  constructor(private readonly ctx: CodecContext) {}

  /** The skipper of `s` (recursive schemas reach themselves through an indirection). */
  of(s: Schema): Skip {
    const hit = this.memo.get(s);
    if (hit !== undefined) return hit;
    let impl: Skip | undefined;
    this.memo.set(s, (r, depth) => impl!(r, depth));
    impl = this.build(s);
    return impl;
  }

  private build(s: Schema): Skip {
    const size = constantSize(s);
    if (size !== undefined) return size === 0 ? noop : (r) => r.skip(size, s.kind);
    const ctx = this.ctx;
    switch (s.kind) {
      case 'int':
      case 'long':
      case 'enum':
        return (r) => r.skipLong();
      case 'string':
      case 'bytes': {
        const what = s.kind;
        return (r) => r.skip(r.readLength(what), what);
      }
      case 'record': {
        const fields = s.fields.map((f) => this.of(f.type));
        return (r, depth) => {
          if (depth >= ctx.limits.maxDepth) throw new AvroDecodeError(`nesting deeper than maxDepth ${ctx.limits.maxDepth}`, r.pos);
          for (const f of fields) f(r, depth + 1);
        };
      }
      case 'union': {
        const branches = s.branches.map((b) => this.of(b));
        return (r, depth) => {
          const start = r.pos;
          const i = r.readLong();
          const b = branches[i];
          if (b === undefined) throw new AvroDecodeError(`union branch index ${i} out of range (${branches.length} branches)`, start);
          b(r, depth);
        };
      }
      case 'array':
      case 'map': {
        const isMap = s.kind === 'map';
        const item = this.of(isMap ? s.values : s.items);
        const itemMin = isMap ? 1 : minEncodedSize(s.items);
        return (r, depth) => {
          for (;;) {
            const start = r.pos;
            const n = r.readLong();
            if (n === 0) return;
            if (n < 0) {
              const bytes = r.readLong();
              if (bytes < 0) throw new AvroDecodeError(`negative block size ${bytes}`, start);
              r.skip(bytes, 'block');
              continue;
            }
            checkCount(n, itemMin, r.remaining, ctx, start);
            for (let i = 0; i < n; i++) {
              if (isMap) r.skip(r.readLength('string'), 'string');
              item(r, depth);
            }
          }
        };
      }
      default:
        return noop;
    }
  }
}
