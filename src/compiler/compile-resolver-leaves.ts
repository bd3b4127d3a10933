/**
 * Source emission for the leaves of a resolving reader: primitives read as themselves, the
 * spec's promotions, and the varint and length reads everything else is built on. Generated
 * code keeps the read position in a local `p` over `buf` and checks `p > end` once at the end,
 * as the plain compiled decoder does.
 */
import type { CodecContext } from '../codec/context.js';
import type { PrimitiveKind } from '../schema/model.js';
import type { PromotePlan } from '../resolution/plan.js';
import { resolverRuntime } from './compile-resolver-runtime.js';
import type { Emitter } from './emit.js';
import { runtime } from './runtime.js';
import { emitFloatRead, emitLength, emitVarint } from './emit-read.js';

/** What the emitters of one generated unit share. */
export interface Gen {
  readonly em: Emitter;
  readonly ctx: CodecContext;
  /** Parameter names of the plain runtime and the resolver runtime. */
  readonly H: string;
  readonly RH: string;
  /** True when `f32`/`f64` scratch views are declared (little-endian hosts). */
  readonly floats: boolean;
  /** Reads a zig-zag varint into `target` (see emitVarint). */
  readVarint(target: string, slow: 'readInt' | 'readLong'): void;
  /** Reads a length prefix into `target` and checks it against the bytes left. */
  readLength(target: string): void;
}

export function makeGen(em: Emitter, ctx: CodecContext, floats: boolean): Gen {
  const H = em.constant(runtime);
  const RH = em.constant(resolverRuntime);
  const readVarint = (target: string, slow: 'readInt' | 'readLong'): void => emitVarint(em, H, target, slow);
  const readLength = (target: string): void => emitLength(em, H, target);
  return { em, ctx, H, RH, floats, readVarint, readLength };
}

export { declareFloatViews } from './emit-read.js';

/** Reads one primitive of `kind`, as the plain decoder would, into `target`. */
export function emitPrimitive(g: Gen, kind: PrimitiveKind, target: string): void {
  const { em, H } = g;
  switch (kind) {
    case 'null':
      em.line(`${target} = null;`);
      return;
    case 'boolean': {
      const b = em.local('b');
      em.line(`const ${b} = buf[p++];`);
      em.line(`if (${b} > 1) ${H}.fail();`);
      em.line(`${target} = ${b} === 1;`);
      return;
    }
    case 'int':
      g.readVarint(target, 'readInt');
      return;
    case 'long':
      if (g.ctx.longs === 'bigint') em.line(`r.pos = p; ${target} = ${H}.readBigLong(r); p = r.pos;`);
      else g.readVarint(target, 'readLong');
      return;
    case 'float':
    case 'double':
      emitFloatRead(em, H, kind, target, g.floats);
      return;
    case 'string':
    case 'bytes': {
      const n = em.local('n');
      em.line(`let ${n};`);
      g.readLength(n);
      em.line(`${target} = ${H}.${kind === 'string' ? 'decodeUtf8' : 'copyBytes'}(buf, p, p + ${n}); p += ${n};`);
      return;
    }
  }
}

/**
 * Reads a writer primitive of kind `from` as the reader's `to`: int → long, float, double;
 * long → float, double; float → double; string ↔ bytes. Floats round as Java's casts do.
 */
export function emitPromotion(g: Gen, plan: Pick<PromotePlan, 'from' | 'to'>, target: string): void {
  const { em, RH } = g;
  const { from, to } = plan;
  if (from === 'int') {
    g.readVarint(target, 'readInt');
    if (to === 'float') em.line(`${target} = Math.fround(${target});`);
    else if (to === 'long' && g.ctx.longs === 'bigint') em.line(`${target} = ${RH}.toBigInt(${target});`);
    return;
  }
  if (from === 'long') {
    // A writer's long may be past 2^53: read it exactly, then round once.
    const slow = to === 'float' ? 'readLongAsFloat' : 'readLongAsDouble';
    const b = em.local('b');
    em.line(`let ${b} = buf[p];`);
    em.line(`if (${b} < 0x80) { p++; ${target} = (${b} >>> 1) ^ -(${b} & 1); }`);
    em.line(`else if (buf[p + 1] < 0x80) { ${b} = (${b} & 0x7f) | (buf[p + 1] << 7); p += 2; ${target} = (${b} >>> 1) ^ -(${b} & 1); }`);
    em.line(`else { r.pos = p; ${target} = ${RH}.${slow}(r); p = r.pos; }`);
    return;
  }
  if (from === 'float') {
    emitPrimitive(g, 'float', target);
    return;
  }
  // string ↔ bytes: the same encoding, read as the reader's kind.
  emitPrimitive(g, to as 'string' | 'bytes', target);
}
