import type { Schema } from './model.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * Checks a default value (as JSON) against its schema, as the spec's table says: unions take
 * their first branch; bytes and fixed are strings of code points 0-255. Returns why it does
 * not fit, or `undefined` when it does.
 */
export function checkDefault(schema: Schema, value: unknown): string | undefined {
  switch (schema.kind) {
    case 'null':
      return value === null ? undefined : `expected null, got ${show(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean, got ${show(value)}`;
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX
        ? undefined
        : `expected an int, got ${show(value)}`;
    case 'long':
      return Number.isInteger(value) || typeof value === 'bigint' ? undefined : `expected a long, got ${show(value)}`;
    case 'float':
    case 'double':
      return typeof value === 'number' || typeof value === 'bigint' || value === 'NaN' || value === 'Infinity' || value === '-Infinity'
        ? undefined
        : `expected a number, got ${show(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `expected a string, got ${show(value)}`;
    case 'bytes':
      return isLatin1(value) ? undefined : `expected a string of code points 0-255, got ${show(value)}`;
    case 'fixed':
      if (!isLatin1(value)) return `expected a string of code points 0-255, got ${show(value)}`;
      return value.length === schema.size ? undefined : `expected ${schema.size} bytes, got ${value.length}`;
    case 'enum':
      return typeof value === 'string' && schema.symbols.includes(value)
        ? undefined
        : `expected one of ${schema.symbols.join(', ')}, got ${show(value)}`;
    case 'array': {
      if (!Array.isArray(value)) return `expected an array, got ${show(value)}`;
      for (let i = 0; i < value.length; i++) {
        const why = checkDefault(schema.items, value[i]);
        if (why !== undefined) return `[${i}]: ${why}`;
      }
      return undefined;
    }
    case 'map': {
      if (!isPlainObject(value)) return `expected an object, got ${show(value)}`;
      for (const k of Object.keys(value)) {
        const why = checkDefault(schema.values, value[k]);
        if (why !== undefined) return `[${JSON.stringify(k)}]: ${why}`;
      }
      return undefined;
    }
    case 'record': {
      if (!isPlainObject(value)) return `expected an object, got ${show(value)}`;
      for (const f of schema.fields) {
        if (Object.prototype.hasOwnProperty.call(value, f.name)) {
          const why = checkDefault(f.type, value[f.name]);
          if (why !== undefined) return `.${f.name}: ${why}`;
        } else if (!f.hasDefault) {
          return `missing field ${f.name}`;
        }
      }
      return undefined;
    }
    case 'union': {
      const first = schema.branches[0];
      if (first === undefined) return 'an empty union has no default';
      const why = checkDefault(first, value);
      return why === undefined ? undefined : `a union default must match its first branch (${describe(first)}): ${why}`;
    }
  }
}

function describe(s: Schema): string {
  return 'name' in s ? s.name : s.kind;
}

function isLatin1(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 0xff) return false;
  return true;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
}
