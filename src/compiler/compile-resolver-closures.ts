/**
 * The interpreted resolving reader: the plan turned into a tree of closures, for places where
 * code generation is off or not allowed, and to explain, with a byte offset and a value path,
 * why the generated reader failed. Values are the same as the generated reader's.
 */
import { checkCount, formatPath } from '../codec/binary.js';
import type { CodecContext } from '../codec/context.js';
import { setOwn } from '../codec/objects.js';
import { minEncodedSize } from '../codec/sizes.js';
import type { FieldSchema } from '../schema/model.js';
import type { Plan, RecordPlan } from '../resolution/plan.js';
import { AvroDecodeError } from '../wire/errors.js';
import type { ByteReader } from '../wire/reader.js';
import { longToDouble, longToFloat } from './compile-resolver-runtime.js';
import { SkipClosures } from './compile-resolver-skip-closures.js';
import type { DefaultSource } from './compile-resolver.js';

type Step = (r: ByteReader, path: string[], depth: number) => unknown;

/**
 * Builds the interpreted reader of `plan`. On failure it throws AvroDecodeError with the byte
 * offset and the path of the value being read (e.g. `items[3].price`).
 */
export function interpretResolver(
  plan: Plan, ctx: CodecContext, defaultOf: (field: FieldSchema, path: string) => DefaultSource,
): (r: ByteReader) => unknown {
  const steps = new Map<Plan, Step>();
  const skippers = new SkipClosures(ctx);

  const stepOf = (p: Plan): Step => {
    const hit = steps.get(p);
    if (hit !== undefined) return hit;
    let impl: Step | undefined;
    // Registered before building, so recursive plans reach themselves through this indirection.
    steps.set(p, (r, path, depth) => impl!(r, path, depth));
    const raw = rawStep(p);
    const logical = p.op === 'fail' ? undefined : ctx.logical(p.reader);
    impl = logical === undefined ? raw : (r, path, depth) => logical.fromAvro(raw(r, path, depth));
    return impl;
  };

  const rawStep = (p: Plan): Step => {
    switch (p.op) {
      case 'same':
        return primitive(p.reader.kind, ctx);
      case 'promote':
        return promotion(p.from, p.to, ctx);
      case 'fixed': {
        const size = p.reader.size;
        return (r) => r.readFixed(size);
      }
      case 'enum': {
        const { symbols, writer, reader } = p;
        return (r) => {
          const start = r.pos;
          const i = r.readInt();
          if (i < 0 || i >= symbols.length) {
            throw new AvroDecodeError(`enum index ${i} out of range for the writer's ${writer.name}`, start);
          }
          const s = symbols[i];
          if (s === undefined) {
            throw new AvroDecodeError(
              `the writer's symbol ${JSON.stringify(writer.symbols[i])} is not in the reader's ${reader.name}, ` +
                'which has no default to use instead',
              start,
            );
          }
          return s;
        };
      }
      case 'writer-union': {
        const branches = p.branches.map(stepOf);
        const n = branches.length;
        return (r, path, depth) => {
          const start = r.pos;
          const i = r.readLong();
          if (i < 0 || i >= n) throw new AvroDecodeError(`union branch index ${i} out of range (${n} branches)`, start);
          return branches[i]!(r, path, depth);
        };
      }
      case 'array': {
        const item = stepOf(p.items);
        const itemMin = minEncodedSize(p.items.writer);
        return (r, path, depth) => {
          const out: unknown[] = [];
          blocks(r, itemMin, ctx, () => {
            path.push(String(out.length));
            out.push(item(r, path, depth));
            path.pop();
          });
          return out;
        };
      }
      case 'map': {
        const value = stepOf(p.values);
        return (r, path, depth) => {
          const out: Record<string, unknown> = {};
          blocks(r, 1, ctx, () => {
            const k = r.readString();
            path.push(k);
            setOwn(out, k, value(r, path, depth));
            path.pop();
          });
          return out;
        };
      }
      case 'record':
        return record(p);
      case 'fail': {
        const why = p.issues.map((i) => i.message).join('; ');
        return (r) => {
          throw new AvroDecodeError(`the writer's ${p.writer.kind} value here cannot be read: ${why}`, r.pos);
        };
      }
    }
  };

  const record = (p: RecordPlan): Step => {
    const fields = p.reader.fields;
    const ctor = ctx.constructorOf(p.reader);
    const reads = p.fields.map((f) => ({
      skip: skippers.of(f.writerField.type),
      name: f.readerIndex >= 0 ? fields[f.readerIndex]!.name : f.writerField.name,
      readerIndex: f.readerIndex,
      step: f.plan === undefined ? undefined : stepOf(f.plan),
    }));
    const defaults = p.defaults.map((d) => ({ readerIndex: d.readerIndex, src: defaultOf(d.field, d.path) }));
    return (r, path, depth) => {
      if (depth >= ctx.limits.maxDepth) {
        throw new AvroDecodeError(`nesting deeper than maxDepth ${ctx.limits.maxDepth}`, r.pos);
      }
      const values: unknown[] = new Array(fields.length);
      for (const f of reads) {
        path.push(f.name);
        if (f.step === undefined) f.skip(r, depth + 1);
        else values[f.readerIndex] = f.step(r, path, depth + 1);
        path.pop();
      }
      for (const d of defaults) values[d.readerIndex] = 'value' in d.src ? d.src.value : d.src.make();
      const out = (ctor === undefined ? {} : Object.create(ctor.prototype)) as Record<string, unknown>;
      for (let i = 0; i < fields.length; i++) setOwn(out, fields[i]!.name, values[i]);
      return out;
    };
  };

  const root = stepOf(plan);
  return (r) => {
    const path: string[] = [];
    try {
      return root(r, path, 0);
    } catch (e) {
      // The path is left as it was where the failure happened (no pops ran after the throw).
      if (e instanceof AvroDecodeError && e.path === '' && path.length > 0) {
        throw new AvroDecodeError(e.reason, e.offset, formatPath(path), { cause: e, truncated: e.truncated });
      }
      throw e;
    }
  };
}

function primitive(kind: string, ctx: CodecContext): Step {
  switch (kind) {
    case 'null':
      return () => null;
    case 'boolean':
      return (r) => r.readBoolean();
    case 'int':
      return (r) => r.readInt();
    case 'long':
      return ctx.longs === 'bigint' ? (r) => r.readBigLong() : (r) => r.readLong();
    case 'float':
      return (r) => r.readFloat();
    case 'double':
      return (r) => r.readDouble();
    case 'bytes':
      return (r) => r.readBytes();
    default:
      return (r) => r.readString();
  }
}

function promotion(from: string, to: string, ctx: CodecContext): Step {
  if (from === 'int') {
    if (to === 'float') return (r) => Math.fround(r.readInt());
    if (to === 'long' && ctx.longs === 'bigint') return (r) => BigInt(r.readInt());
    return (r) => r.readInt();
  }
  if (from === 'long') {
    // The writer's long may be past 2^53: read it exactly, then round once.
    return to === 'float' ? (r) => longToFloat(r.readBigLong()) : (r) => longToDouble(r.readBigLong());
  }
  if (from === 'float') return (r) => r.readFloat();
  return to === 'bytes' ? (r) => r.readBytes() : (r) => r.readString();
}

/** Reads array or map blocks, calling `item` once per item after checking each count. */
function blocks(r: ByteReader, itemMin: number, ctx: CodecContext, item: () => void): void {
  for (;;) {
    const start = r.pos;
    let n = r.readLong();
    if (n === 0) return;
    if (n < 0) {
      n = -n;
      const size = r.readLong();
      if (size < 0) throw new AvroDecodeError(`negative block size ${size}`, start);
    }
    checkCount(n, itemMin, r.remaining, ctx, start);
    for (let i = 0; i < n; i++) item();
  }
}
