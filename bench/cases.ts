/**
 * Benchmark cases: schemas and seeded values. The last three schemas are the shapes avsc's
 * own benchmarks use (User, HistoryItem, Person), rebuilt here as plain schema data.
 */

/** Deterministic PRNG so every run measures the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchCase {
  name: string;
  schema: unknown;
  /** A value for avrokit. */
  value: unknown;
  /** The same value as avsc wants it, when different (e.g. Buffer instead of Uint8Array). */
  avscValue?: unknown;
  /** avsc options (logical types). */
  avscOptions?: Record<string, unknown>;
}

const R = rng(42);
const int = (n: number) => Math.floor(R() * n);
const ascii = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + int(26))).join('');
const nonAscii = (n: number) => {
  const chars = Array.from('aéø€日本ü😀');
  return Array.from({ length: n }, () => chars[int(chars.length)]).join('');
};

const small = {
  type: 'record',
  name: 'Small',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'ts', type: 'long' },
    { name: 'score', type: 'double' },
    { name: 'active', type: 'boolean' },
    { name: 'name', type: 'string' },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B', 'C', 'D'] } },
  ],
};

const nested = {
  type: 'record',
  name: 'Nested',
  fields: [
    { name: 'id', type: 'long' },
    {
      name: 'items',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Item',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
            { name: 'price', type: 'double' },
          ],
        },
      },
    },
    { name: 'tags', type: { type: 'map', values: 'string' } },
  ],
};

const strings = (name: string) => ({
  type: 'record',
  name,
  fields: Array.from({ length: 10 }, (_, i) => ({ name: `s${i}`, type: 'string' })),
});

const nullable = {
  type: 'record',
  name: 'Optional',
  fields: Array.from({ length: 6 }, (_, i) => ({ name: `o${i}`, type: ['null', 'string'], default: null })),
};

const times = {
  type: 'record',
  name: 'Times',
  fields: [
    { name: 'a', type: 'long' },
    { name: 'b', type: 'long' },
    { name: 'c', type: 'long' },
    { name: 'created', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'updated', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
};

const user = {
  type: 'record',
  name: 'User',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'username', type: 'bytes' },
    { name: 'signupDate', type: 'long' },
    {
      name: 'emailAddresses',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'EmailAddress',
          fields: [
            { name: 'verified', type: 'boolean', default: false },
            { name: 'dateAdded', type: 'long' },
            { name: 'dateBounced', type: ['null', 'long'] },
          ],
        },
      },
    },
    {
      name: 'twitterAccounts',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'TwitterAccount',
          fields: [
            { name: 'status', type: { type: 'enum', name: 'OAuthStatus', symbols: ['PENDING', 'ACTIVE', 'DENIED', 'EXPIRED', 'REVOKED'] } },
            { name: 'userId', type: 'long' },
            { name: 'dateAuthorized', type: 'long' },
          ],
        },
      },
    },
  ],
};

const historyItem = {
  name: 'HistoryItem',
  type: 'record',
  fields: [
    { name: 'digest', type: { name: 'Digest', type: 'fixed', size: 16 } },
    {
      name: 'events',
      type: {
        type: 'array',
        items: {
          name: 'Event',
          type: 'record',
          fields: [
            { name: 'at', type: 'long' },
            { name: 'what', type: { name: 'What', type: 'enum', symbols: ['OPEN', 'CLOSE', 'READ', 'WRITE', 'SEEK'] } },
            { name: 'size', type: ['null', 'int'] },
          ],
        },
      },
    },
  ],
};

const person = {
  name: 'Person',
  type: 'record',
  fields: [
    { name: 'age', type: ['null', 'int'], default: null },
    { name: 'gender', type: { name: 'Gender', type: 'enum', symbols: ['FEMALE', 'MALE'] } },
    { name: 'address', type: { name: 'Address', type: 'record', fields: [{ name: 'zipcode', type: 'int' }] } },
  ],
};

const bytes = (n: number) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  return b;
};

/** avsc logical type for timestamp-millis, so both libraries do the same work. */
export async function avscDateType(): Promise<unknown> {
  const avsc = (await import('avsc')).default as unknown as { types: { LogicalType: new (...a: unknown[]) => object } };
  class DateType extends avsc.types.LogicalType {
    _fromValue(v: number) {
      return new Date(v);
    }
    _toValue(d: unknown) {
      return d instanceof Date ? +d : undefined;
    }
    _resolve() {
      return undefined;
    }
  }
  return DateType;
}

export function makeCases(): BenchCase[] {
  const now = 1_732_000_000_000;
  return [
    {
      name: 'small record',
      schema: small,
      value: { id: 123456, ts: now + int(1e6), score: R() * 1000, active: true, name: ascii(12), kind: 'C' },
    },
    {
      name: 'nested: 10 items + map',
      schema: nested,
      value: {
        id: 9_000_000_000 + int(1e6),
        items: Array.from({ length: 10 }, () => ({ sku: ascii(8), qty: int(100), price: R() * 100 })),
        tags: { color: 'red', size: 'XL', origin: 'NL', season: 'winter' },
      },
    },
    {
      name: '10 ASCII strings',
      schema: strings('Ascii'),
      value: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${i}`, ascii(20)])),
    },
    {
      name: '10 non-ASCII strings',
      schema: strings('Unicode'),
      value: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${i}`, nonAscii(20)])),
    },
    { name: '1 KiB bytes', schema: { type: 'record', name: 'Blob', fields: [{ name: 'data', type: 'bytes' }] }, value: { data: bytes(1024) } },
    { name: '1000 doubles', schema: { type: 'array', items: 'double' }, value: Array.from({ length: 1000 }, () => R() * 1e6) },
    {
      name: '6 nullable strings',
      schema: nullable,
      value: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`o${i}`, i % 2 ? null : ascii(10)])),
    },
    {
      name: 'longs + timestamps',
      schema: times,
      value: { a: int(100), b: now, c: -now * 3, created: new Date(now), updated: new Date(now + 5000) },
    },
    {
      name: 'avsc User',
      schema: user,
      value: {
        id: 4567,
        username: Buffer.from('some-user-name'),
        signupDate: now,
        emailAddresses: [
          { verified: true, dateAdded: now, dateBounced: null },
          { verified: false, dateAdded: now + 1, dateBounced: now + 2 },
        ],
        twitterAccounts: [{ status: 'ACTIVE', userId: 123456789, dateAuthorized: now }],
      },
    },
    {
      name: 'avsc HistoryItem',
      schema: historyItem,
      value: {
        digest: bytes(16),
        events: Array.from({ length: 5 }, (_, i) => ({ at: now + i, what: 'READ', size: i % 2 ? null : int(5000) })),
      },
    },
    { name: 'avsc Person', schema: person, value: { age: 42, gender: 'FEMALE', address: { zipcode: 94110 } } },
  ];
}
