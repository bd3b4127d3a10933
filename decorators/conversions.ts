/**
 * Conversions reach the engine as logical types: for each logical type name that carries a
 * conversion somewhere in the class graph, a definition that binds the conversion to exactly
 * the schema nodes it was declared on (composed over the built-in logical type of that name,
 * if there is one) and leaves every other node as the built-in would.
 */
import { AvroTypeError, BUILTIN_LOGICAL_TYPES, Type } from '../src/index.js';
import type { LogicalBinding, LogicalTypeDefinition, Schema } from '../src/index.js';
import type { EnumModel } from './enums.js';
import type { Conversion } from './options.js';

/** The conversion between a TypeScript enum's member values and its Avro symbols. */
export function enumConversion(model: EnumModel): Conversion<string | number, string> {
  const toSymbol = model.toSymbol!;
  // Symbols are valid Avro names, so a null-prototype object is a safe and fast lookup.
  const fromSymbol: Record<string, string | number> = Object.create(null);
  for (const [s, v] of model.fromSymbol!) fromSymbol[s] = v;
  return {
    fromAvro: (symbol) => fromSymbol[symbol]!,
    toAvro: (value) => {
      const s = toSymbol.get(value);
      if (s === undefined) {
        throw new AvroTypeError(`expected a member of enum ${model.name} (${[...toSymbol.keys()].map((k) => JSON.stringify(k)).join(', ')}), got ${JSON.stringify(value)}`);
      }
      return s;
    },
    isValid: (value) => toSymbol.has(value as string | number),
  };
}

/** Logical type definitions that apply `conversions` (keyed by parsed schema node). */
export function conversionDefinitions(conversions: ReadonlyMap<Schema, Conversion>): Record<string, LogicalTypeDefinition> {
  const names = new Set<string>();
  for (const node of conversions.keys()) if (node.logicalType !== undefined) names.add(node.logicalType);
  const out: Record<string, LogicalTypeDefinition> = {};
  for (const name of names) {
    const builtin = BUILTIN_LOGICAL_TYPES.get(name);
    out[name] = {
      name,
      bind(node, context) {
        const base = builtin?.bind(node, context);
        const conversion = conversions.get(node);
        if (conversion === undefined) return base ?? `no conversion is registered for this ${name} node`;
        if (typeof base === 'string') return base;
        return compose(conversion, base, node);
      },
    };
  }
  return out;
}

function compose(c: Conversion, base: LogicalBinding | undefined, node: Schema): LogicalBinding {
  let plain: Type | undefined;
  const rawValid = (raw: unknown): boolean => {
    // The node's own logical type name is unknown to a Type without our definitions: plain check.
    plain ??= Type.fromNode(node, { codegen: false });
    return plain.isValid(raw);
  };
  const from = c.fromAvro.bind(c);
  const to = c.toAvro.bind(c);
  return {
    fromAvro: base ? (raw) => from(base.fromAvro(raw)) : from,
    toAvro: base ? (v) => base.toAvro(to(v)) : to,
    isValid: (v) => {
      if (c.isValid) return c.isValid(v);
      try {
        const r = to(v);
        return base ? base.isValid(r) : rawValid(r);
      } catch {
        return false;
      }
    },
    ...(base?.rawLongs ? { rawLongs: base.rawLongs } : {}),
  };
}
