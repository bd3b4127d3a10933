import { BUILTIN_LOGICAL_TYPES } from '../../src/logical/index.js';
import type { LogicalBinding, LongMode } from '../../src/logical/index.js';
import { parseSchema } from '../../src/schema/parse.js';

/** Binds the built-in logical type named by `schema.logicalType` to the parsed schema. */
export function bindLogical(schema: { logicalType: string } & Record<string, unknown>, longs: LongMode = 'number'): LogicalBinding | string {
  const def = BUILTIN_LOGICAL_TYPES.get(schema.logicalType);
  if (def === undefined) throw new Error(`no built-in logical type ${schema.logicalType}`);
  return def.bind(parseSchema(schema), { longs });
}

/** Like {@link bindLogical}, failing the test when the schema is refused. */
export function mustBind(schema: { logicalType: string } & Record<string, unknown>, longs: LongMode = 'number'): LogicalBinding {
  const b = bindLogical(schema, longs);
  if (typeof b === 'string') throw new Error(`expected a binding, got the reason: ${b}`);
  return b;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function fromHex(h: string): Uint8Array {
  return new Uint8Array(Buffer.from(h, 'hex'));
}
