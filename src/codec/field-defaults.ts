import type { FieldSchema } from '../schema/model.js';
import type { CodecContext } from './context.js';
import { defaultToValue } from './defaults.js';

const cache = new WeakMap<CodecContext, WeakMap<FieldSchema, { value: unknown }>>();

/**
 * The value a missing field (`undefined`) is written as: its default, when it has one (as
 * avsc does, so objects built without defaulted fields still encode). Fields without a
 * default give `undefined`, and a missing value stays an error.
 */
export function fieldDefault(field: FieldSchema, ctx: CodecContext): { value: unknown } | undefined {
  if (!field.hasDefault) return undefined;
  let byField = cache.get(ctx);
  if (byField === undefined) {
    byField = new WeakMap();
    cache.set(ctx, byField);
  }
  let hit = byField.get(field);
  if (hit === undefined) {
    try {
      hit = { value: defaultToValue(field.type, field.default, ctx) };
    } catch {
      // A default that does not convert (e.g. for a logical type) fills nothing: the missing
      // value is then reported as missing, where the user can see it.
      hit = { value: undefined };
    }
    byField.set(field, hit);
  }
  return hit.value === undefined ? undefined : hit;
}
