import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import { describeValue, wrongUnderlyingType } from './describe.js';
import type { LogicalBinding, LogicalTypeDefinition } from './logical-type.js';
import type { Rng } from './random.js';

/** The 8-4-4-4-12 hexadecimal form of RFC 4122, in either case. */
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** True when `value` is a UUID string in the canonical 8-4-4-4-12 hex form (any case). */
export function isUuidText(value: unknown): value is string {
  return typeof value === 'string' && UUID_TEXT.test(value);
}

/**
 * `uuid` on `string` or on a `fixed` of size 16. The JavaScript value is the canonical
 * lowercase text, `"123e4567-e89b-12d3-a456-426614174000"`; encoding accepts either case
 * (RFC 4122 reads both) and writes lowercase text, or the 16 bytes in text order for fixed.
 * Version and variant bits are not checked, so the nil UUID is valid. A string read from
 * the wire that is not a UUID is returned as it is (another writer's data is never lost).
 */
export const uuidLogicalType: LogicalTypeDefinition = {
  name: 'uuid',
  bind(schema: Schema): LogicalBinding | string {
    if (schema.kind === 'string') return new StringUuidBinding();
    if (schema.kind === 'fixed' && schema.size === 16) return new FixedUuidBinding();
    return wrongUnderlyingType('uuid', '"string" or a "fixed" of size 16', schema);
  },
};

function expectUuid(value: unknown): string {
  if (!isUuidText(value)) {
    throw new AvroTypeError(
      `uuid: expected a string like "123e4567-e89b-12d3-a456-426614174000" (8-4-4-4-12 hex digits), got ${describeValue(value)}`,
    );
  }
  return value.toLowerCase();
}

function compareUuids(a: unknown, b: unknown): number {
  // Lowercase hex text sorts in the same order as the 16 bytes it spells.
  const x = expectUuid(a);
  const y = expectUuid(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A random version 4 UUID (test data from `rng`, not a secure source). */
function randomUuid(rng: Rng): string {
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = Math.floor(rng() * 256);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return uuidFromBytes(b);
}

function uuidFromBytes(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[i]!];
  }
  return s;
}

class StringUuidBinding implements LogicalBinding<string, string> {
  fromAvro(raw: string): string {
    return UUID_TEXT.test(raw) ? raw.toLowerCase() : raw;
  }

  toAvro(value: unknown): string {
    return expectUuid(value);
  }

  isValid(value: unknown): boolean {
    return isUuidText(value);
  }

  compare(a: unknown, b: unknown): number {
    return compareUuids(a, b);
  }

  random(rng: Rng = Math.random): string {
    return randomUuid(rng);
  }
}

class FixedUuidBinding implements LogicalBinding<string, Uint8Array> {
  fromAvro(raw: Uint8Array): string {
    return uuidFromBytes(raw);
  }

  toAvro(value: unknown): Uint8Array {
    const hex = expectUuid(value).replace(/-/g, '');
    const out = new Uint8Array(16);
    for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return out;
  }

  isValid(value: unknown): boolean {
    return isUuidText(value);
  }

  compare(a: unknown, b: unknown): number {
    return compareUuids(a, b);
  }

  random(rng: Rng = Math.random): string {
    return randomUuid(rng);
  }
}
