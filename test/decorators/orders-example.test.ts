/**
 * examples/orders.ts runs as documented (`node --import tsx examples/orders.ts`, on the built
 * package) and prints the decoded orders: instances with working methods, exact money, the
 * history's event classes, and old bytes read by the newer class.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../infra/build.js';

it('examples/orders.ts prints the orders it decoded', async () => {
  await ensureBuilt();
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/orders.ts'], { cwd: repoRoot });
  expect(stdout).toMatch(/^Order schema: \d+ characters of JSON, written by no one;\n {2}fingerprint \(CRC-64-AVRO\) [0-9a-f]{16}\n/);
  expect(stdout).toContain('fields: id, customer, items, placedAt, coupon, history');
  expect(stdout).toContain('order a3f1c2d4 for Ada Lovelace (GOLD, ada@example.com)');
  expect(stdout).toMatch(/\d+ bytes as Avro, \d+ as JSON; an Order again: true/);
  expect(stdout).toContain('total 159.98 EUR (coupon WELCOME10); placed 2026-11-20T09:00:00.000Z');
  expect(stdout).toContain(
    'history: OrderPlaced (placed) → PaymentCaptured (paid 159.98 EUR via card) → OrderShipped (shipped with DHL) → OrderDelivered (delivered by DHL)',
  );
  expect(stdout).toContain('order b4e2d3c5 for Grace Hopper (BASIC, no email)');
  expect(stdout).toContain('total 22.50 EUR; placed 2026-11-24T16:45:00.000Z');
  expect(stdout).toContain('v1 bytes read as OrderV2: channel = "web" (the default), customer: Customer, first event: OrderPlaced');
}, 300_000);
