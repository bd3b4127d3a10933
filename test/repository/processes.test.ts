import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Repository, RepositoryError } from '../../src/repository/index.js';
import type { Manifest } from '../../src/repository/index.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHILD = join(ROOT, 'test/repository/fixtures/child.ts');

interface Child {
  proc: ChildProcess;
  lines: string[];
  waitFor(re: RegExp): Promise<string>;
  exit: Promise<number | null>;
}

function start(...args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: [RegExp, (l: string) => void][] = [];
  let buf = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      for (const w of waiters.splice(0)) (w[0].test(line) ? w[1](line) : waiters.push(w));
    }
  });
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    lines,
    exit,
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const hit = lines.find((l) => re.test(l));
        if (hit !== undefined) return resolve(hit);
        waiters.push([re, resolve]);
        void exit.then((code) => reject(new Error(`child exited (${code}) before ${re}: ${err}`)));
      }),
  };
}

describe('durability and concurrency across processes', () => {
  it('a writer killed with SIGKILL in the middle of saveAll loses nothing flushed; the dataset opens, reads and takes writes', async () => {
    const dir = await tempDir();
    const child = start('crash', dir);
    await child.waitFor(/^flushed 3000$/);
    await child.waitFor(/^halfway/);
    child.proc.kill('SIGKILL');
    await child.exit;

    // The killed writer had appended blocks past what it committed.
    const manifest = JSON.parse(await readFile(join(dir, '_avrokit/manifest.json'), 'utf8')) as Manifest;
    const committed = manifest.files[0]!.bytes;
    expect((await stat(join(dir, manifest.files[0]!.path))).size).toBeGreaterThan(committed);

    const reader = await Repository.open<Order>(dir, { type: orderType(), idField: 'id', readOnly: true });
    expect(await reader.count()).toBe(3000);
    expect((await reader.findById('o2999'))?.total).toBe(999);
    expect(await reader.findById('o3000')).toBeUndefined();
    expect(reader.problems.map((p) => p.kind)).toEqual([]);
    await reader.close();

    // The next writer takes over the dead writer's lock, cuts its unfinished append and goes on.
    const writer = await Repository.open<Order>(dir, { type: orderType(), idField: 'id' });
    await writer.saveAll(orders(10, 3000));
    await writer.close();
    const after = await Repository.open<Order>(dir, { type: orderType(), idField: 'id' });
    expect(await after.count()).toBe(3010);
    expect(await after.verify()).toEqual([]);
    await after.close();
  }, 30_000);

  it('a second writer is refused while the first holds the lock, and waits with lockTimeoutMs', async () => {
    const dir = await tempDir();
    const holder = start('hold', dir, '1500');
    await holder.waitFor(/^locked$/);
    const repo = await Repository.open<Order>(dir, { type: orderType() });
    const err = (await repo.save(orders(2)[1]!).catch((e: unknown) => e)) as RepositoryError;
    expect(err).toBeInstanceOf(RepositoryError);
    expect(err.kind).toBe('locked');
    expect(err.message).toMatch(new RegExp(`process ${holder.proc.pid} on `));
    // Reading needs no lock.
    expect(await repo.count()).toBe(0);
    await repo.close();

    const patient = await Repository.open<Order>(dir, { type: orderType(), lockTimeoutMs: 20_000 });
    await patient.save(orders(2)[1]!);
    expect(holder.lines).toContain('released');
    await patient.close();
    await holder.exit;
    const check = await Repository.open<Order>(dir, { type: orderType() });
    expect((await check.find().toArray()).map((o) => o.id)).toEqual(['o0', 'o1']);
    await check.close();
  }, 30_000);

  it('a lock left by a killed process is taken over', async () => {
    const dir = await tempDir();
    const holder = start('hold', dir, '0');
    await holder.waitFor(/^locked$/);
    holder.proc.kill('SIGKILL');
    await holder.exit;
    const repo = await Repository.open<Order>(dir, { type: orderType() });
    await repo.save(orders(2)[1]!);
    await repo.close();
    const check = await Repository.open<Order>(dir, { type: orderType() });
    expect(await check.count()).toBe(1); // the killed holder never flushed its save
    await check.close();
  }, 30_000);

  it('a reader keeps its snapshot while another process appends to the same files, and sees the commit next time', async () => {
    const dir = await tempDir();
    const first = await Repository.open<Order>(dir, { type: orderType(), idField: 'id', blockBytes: 512 });
    await first.saveAll(orders(1000));
    await first.close();
    const reader = await Repository.open<Order>(dir, { type: orderType(), idField: 'id', readOnly: true });
    const it1 = reader.find()[Symbol.asyncIterator]();
    expect((await it1.next()).value?.id).toBe('o0');
    const writer = start('writer', dir, 'x', '2');
    await writer.waitFor(/^done$/);
    await writer.exit;
    let n = 1;
    for (let r = await it1.next(); !r.done; r = await it1.next()) n++;
    expect(n).toBe(1000);
    expect(await reader.count()).toBe(1200);
    expect((await reader.findById('x-o150'))?.total).toBe(150);
    await reader.close();
  }, 30_000);

  it('two processes writing one dataset in turns lose nothing', async () => {
    const dir = await tempDir();
    const a = start('writer', dir, 'a', '4');
    const b = start('writer', dir, 'b', '4');
    await Promise.all([a.waitFor(/^done$/), b.waitFor(/^done$/)]);
    await Promise.all([a.exit, b.exit]);
    const repo = await Repository.open<Order>(dir, { type: orderType(), idField: 'id' });
    expect(await repo.count()).toBe(800);
    expect((await repo.findById('a-o399'))?.total).toBe(399);
    expect((await repo.findById('b-o0'))?.total).toBe(0);
    expect(await repo.verify()).toEqual([]);
    await repo.close();
  }, 60_000);
});
