import type { CodecContext } from '../codec/context.js';
import { defaultToValue } from '../codec/defaults.js';
import { buildIssues } from '../resolution/analyze.js';
import { planResolution } from '../resolution/build-plan.js';
import { AvroResolutionError } from '../resolution/errors.js';
import type { Plan } from '../resolution/plan.js';
import { AvroSchemaError } from '../schema/errors.js';
import type { FieldSchema, Schema } from '../schema/model.js';
import type { ByteReader } from '../wire/reader.js';
import { compileResolver } from './compile-resolver.js';
import type { DefaultSource } from './compile-resolver.js';
import { interpretResolver } from './compile-resolver-closures.js';
import { codegenAllowed } from './emit.js';

/** Options of {@link createResolvingReader}. */
export interface ResolvingReaderOptions {
  /** Generate code (default: when the runtime allows it); `false` uses the interpreted reader. */
  readonly codegen?: boolean;
}

/** A resolving reader with what tests and debugging want to know about it. */
export interface ResolvingReader {
  /** Reads one writer-encoded value at `r.pos` as the reader's value; advances `r.pos`. */
  readonly read: (r: ByteReader) => unknown;
  /** True when `read` runs generated code. */
  readonly compiled: boolean;
  /**
   * The generated code alone, without the interpreted fallback (for differential tests: a
   * value it returns must equal the interpreted reader's). Undefined when not compiled.
   */
  readonly readGenerated: ((r: ByteReader) => unknown) | undefined;
  /** The generated source ('' when interpreted). */
  readonly source: string;
  /** The plan both readers follow. */
  readonly plan: Plan;
}

/**
 * Builds a reader of data written with `writer` as values of `reader` (the spec's schema
 * resolution). Throws {@link AvroResolutionError} naming the path and reason when the schemas
 * do not resolve, and AvroSchemaError when a reader field's default does not fit its type.
 */
export function createResolvingReader(
  reader: Schema, writer: Schema, ctx: CodecContext, options: ResolvingReaderOptions = {},
): ResolvingReader {
  const plan = planResolution(reader, writer);
  const problems = buildIssues(plan);
  if (problems.length > 0) throw new AvroResolutionError(problems);
  const defaultOf = defaultSources(ctx);
  const interpreted = interpretResolver(plan, ctx, defaultOf);
  if (!(options.codegen ?? true) || !codegenAllowed()) {
    return { read: interpreted, compiled: false, readGenerated: undefined, source: '', plan };
  }
  const { fn, source } = compileResolver(plan, ctx, defaultOf);
  const read = (r: ByteReader): unknown => {
    const start = r.pos;
    try {
      return fn(r);
    } catch {
      // The generated code gives up on anything unusual (bad or short input, longs past 2^53
      // in number mode…): the interpreted reader, from the same place, either reads it or says
      // precisely what is wrong and where.
      r.pos = start;
      return interpreted(r);
    }
  };
  return { read, compiled: true, readGenerated: fn, source, plan };
}

/**
 * The function `Type.createResolver` uses: reads a value written with `writer` as a value of
 * `reader`. See {@link createResolvingReader}.
 */
export function buildResolvingReader(
  reader: Schema, writer: Schema, ctx: CodecContext, options: ResolvingReaderOptions = {},
): (r: ByteReader) => unknown {
  return createResolvingReader(reader, writer, ctx, options).read;
}

/**
 * Converts each reader-only field's default once. Immutable values are shared; objects (arrays,
 * maps, records, bytes) are made afresh for every value read, so callers may mutate them.
 */
function defaultSources(ctx: CodecContext): (field: FieldSchema, path: string) => DefaultSource {
  const memo = new Map<FieldSchema, DefaultSource>();
  return (field, path) => {
    const hit = memo.get(field);
    if (hit !== undefined) return hit;
    let value: unknown;
    try {
      value = defaultToValue(field.type, field.default, ctx);
    } catch (e) {
      throw new AvroSchemaError(
        `the default of reader field "${field.name}" does not fit its type: ${(e as Error).message}`, path, { cause: e },
      );
    }
    const src: DefaultSource = typeof value === 'object' && value !== null
      ? { make: () => defaultToValue(field.type, field.default, ctx) }
      : { value };
    memo.set(field, src);
    return src;
  };
}
