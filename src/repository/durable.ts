/**
 * File-system steps that survive a crash: a file is complete before its name appears (write a
 * temporary file, fsync it, rename it over the target, fsync the directory), and the
 * directory entry of a new file is made durable with the file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { codeOf } from './errors.js';

/** fsyncs a directory, so that files created or renamed in it survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return;
    throw e;
  }
  try {
    await fh.sync();
  } catch (e) {
    // Some file systems (and Windows) refuse fsync on a directory; the rename is still atomic.
    if (!['EINVAL', 'EPERM', 'EISDIR', 'EBADF'].includes(codeOf(e) ?? '')) throw e;
  } finally {
    await fh.close();
  }
}

/** A name for a temporary file beside `path`, unique across processes. */
export function tempPathFor(path: string): string {
  return `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Writes `data` to `path` atomically: readers see the old content or the new, never a part,
 * and after this resolves the new content survives a crash (unless `durable` is false: then
 * it is only atomic, for caches that can be rebuilt).
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, durable = true): Promise<void> {
  await makeDir(dirname(path));
  const tmp = tempPathFor(path);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    if (durable) await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  if (durable) await syncDir(dirname(path));
}

/** Creates `dir` (and parents); fsyncs the parents of what it created. */
export async function makeDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first !== undefined) {
    // Every directory from `first` down to `dir` is new: make each entry durable in its parent.
    for (let d = dir; ; d = dirname(d)) {
      await syncDir(dirname(d));
      if (d === first || dirname(d) === d) break;
    }
  }
}
