import type { Schema } from '../schema/model.js';

const cache = new WeakMap<Schema, number>();

/**
 * Fewest bytes one value of `schema` can take. Collections whose items may take zero bytes
 * cannot bound their counts by the bytes left, so decoders apply a count limit to them.
 */
export function minEncodedSize(schema: Schema): number {
  const hit = cache.get(schema);
  if (hit !== undefined) return hit;
  cache.set(schema, 0); // recursion guard: a cycle contributes nothing more
  let n: number;
  switch (schema.kind) {
    case 'null':
      n = 0;
      break;
    case 'float':
      n = 4;
      break;
    case 'double':
      n = 8;
      break;
    case 'fixed':
      n = schema.size;
      break;
    case 'record':
      n = schema.fields.reduce((sum, f) => sum + minEncodedSize(f.type), 0);
      break;
    case 'enum':
      // A one-symbol enum still writes its index.
      n = 1;
      break;
    default:
      // boolean, int, long, bytes, string, array, map, union: at least one byte.
      n = 1;
  }
  cache.set(schema, n);
  return n;
}
