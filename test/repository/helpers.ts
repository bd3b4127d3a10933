import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

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

export { ORDER_SCHEMA, orderType, orders, plain } from './fixtures/orders.js';
export type { Order } from './fixtures/orders.js';
