import type { Schema } from '../schema/model.js';
import type { CodecContext } from './context.js';
import { readJsonValue } from './json-read.js';

/**
 * The value a decoder would produce for a field default. `defaultJson` is the default as the
 * schema wrote it (spec "field default values"): a union's default is the bare value of its
 * first branch, bytes and fixed are strings of code points 0-255, a record default may leave
 * out fields that have defaults of their own. Logical bindings and record classes apply.
 *
 * Returns a fresh value on every call, so callers may hand it out without copying. Throws
 * AvroTypeError (located by `path`, e.g. the field) when the default does not fit.
 */
export function defaultToValue(
  schema: Schema, defaultJson: unknown, ctx: CodecContext, path: readonly string[] = [],
): unknown {
  return readJsonValue(schema, defaultJson, ctx, 'first-branch', path.slice());
}
