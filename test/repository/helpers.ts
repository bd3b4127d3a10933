import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Type } from '../../src/type.js';

/** A fresh temporary directory, removed after the test. */
const made: string[] = [];
export async function tempDir(prefix = 'avrokit-repo-'): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  made.push(d);
  return d;
}
afterEach(async () => {
  while (made.length > 0) await rm(made.pop()!, { recursive: true, force: true });
});

export interface Order {
  id: string;
  customer: string;
  country: string;
  total: number;
  note: string | null;
}

export const ORDER_SCHEMA = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'customer', type: 'string' },
    { name: 'country', type: 'string' },
    { name: 'total', type: 'double' },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};

export const orderType = (): Type => Type.forSchema(ORDER_SCHEMA);

const COUNTRIES = ['NL', 'DE', 'FR', 'BE'];

/** Deterministic orders. */
export function orders(n: number, from = 0): Order[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { id: `o${i}`, customer: `c${i % 97}`, country: COUNTRIES[i % 4]!, total: i % 1000, note: i % 3 === 0 ? null : `n${i}` };
  });
}

/** Drops class prototypes and key order for comparisons. */
export function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
