/**
 * The writer lock: one process at a time changes a dataset. The lock is a file created with
 * O_EXCL (`_avrokit/write.lock`) naming its holder; a lock whose holder is a process on this
 * host that no longer runs (killed, crashed) is stale and taken over. Readers take no lock:
 * they read the snapshot a manifest names.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './durable.js';
import { codeOf, RepositoryError } from './errors.js';
import { META_DIR } from './manifest.js';

export const LOCK_FILE = `${META_DIR}/write.lock`;

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  readonly token: string;
}

/** A held lock; `release` removes it (only if it is still ours). */
export interface WriterLock {
  readonly token: string;
  release(): Promise<void>;
}

/**
 * Takes the writer lock of `dir`, waiting up to `timeoutMs` for another writer to let go.
 * Throws RepositoryError (kind `locked`) naming the holder when it cannot.
 */
export async function acquireLock(dir: string, timeoutMs: number): Promise<WriterLock> {
  const path = join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const deadline = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(`${JSON.stringify(info)}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await syncDir(join(dir, META_DIR));
      return { token: info.token, release: () => releaseLock(path, info.token) };
    } catch (e) {
      if (codeOf(e) !== 'EEXIST') throw e;
    }
    const holder = await readLock(path);
    if (holder === undefined) continue; // released meanwhile
    if (holder !== 'unreadable' && isStale(holder)) {
      await takeOverStale(path, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder === 'unreadable' ? 'a writer (the lock file is unreadable)' : `process ${holder.pid} on ${holder.host} since ${holder.since}`;
      throw new RepositoryError(
        'locked',
        `the dataset ${dir} is being written by ${who}: wait until it closes its repository (option lockTimeoutMs waits), ` +
          `or, if that process is gone, remove ${path}`,
        { file: LOCK_FILE },
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(1, deadline - Date.now()))));
  }
}

async function readLock(path: string): Promise<LockInfo | 'unreadable' | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string') return v as LockInfo;
  } catch {
    // A lock being written right now is empty for a moment: treat as held.
  }
  return 'unreadable';
}

/** True when the holder is a process of this host that has ended. */
function isStale(holder: LockInfo | 'unreadable'): boolean {
  if (holder === 'unreadable' || holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return codeOf(e) === 'ESRCH';
  }
}

/**
 * Removes a stale lock. It is first renamed to a unique name, so of two processes taking it
 * over at once only one removes it; the other finds it gone (or renamed a fresh lock, which
 * it checks and puts back).
 */
async function takeOverStale(path: string, holder: LockInfo): Promise<void> {
  const aside = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return;
    throw e;
  }
  const moved = await readLock(aside);
  if (moved !== undefined && moved !== 'unreadable' && moved.token !== holder.token) {
    // Another process took the lock between our read and our rename: give it back.
    try {
      await rename(aside, path);
      return;
    } catch {
      /* fall through and drop it */
    }
  }
  await rm(aside, { force: true });
}

async function releaseLock(path: string, token: string): Promise<void> {
  const holder = await readLock(path);
  if (holder !== undefined && holder !== 'unreadable' && holder.token === token) await rm(path, { force: true });
}
