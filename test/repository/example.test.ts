/**
 * examples/repository.ts runs as documented (`node --import tsx examples/repository.ts`, on the
 * built package): saves, queries, changes, evolves the class and has an incompatible one refused.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../infra/build.js';

it('examples/repository.ts saves, queries, evolves and refuses an incompatible class', async () => {
  await ensureBuilt();
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/repository.ts'], { cwd: repoRoot });
  expect(stdout).toContain('saved 3000 orders');
  expect(stdout).toMatch(/NL orders of 495 or more: \d+; first: o-\d+ customer \d+ \(NL\) 49\d\.00 \(an Order: true\)/);
  expect(stdout).toMatch(/customer 7 outside NL, id and total only: o-7=\d+, o-157=\d+, o-307=\d+/);
  expect(stdout).toContain('findById("o-42"): o-42 customer 42 (NL)');
  expect(stdout).toMatch(/o-42 now 999; updated \d+, deleted 60; 2940 left/);
  expect(stdout).toContain('files: country=DE/part-00006.avro, country=FR/part-00007.avro, country=NL/part-00005.avro');
  expect(stdout).toContain('old data as OrderV2: buyer "customer 1", channel "web" (the default), an OrderV2: true');
  expect(stdout).toContain('orders from the app: Grace');
  expect(stdout).toContain(
    'OrderV3 refused (incompatible): com.example.shop.Order.warehouse READER_FIELD_MISSING_DEFAULT_VALUE; com.example.shop.Order.total TYPE_MISMATCH\n',
  );
}, 300_000);
