/**
 * Locates Apache's test data (`../shared/avro` from the repo root, or `$AVROKIT_SHARED/avro`).
 * Tests that need it call {@link sharedAvro} at collection time and skip, loudly, when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `avro` folder of the shared test data, or undefined (with a warning) when it is absent. */
export function sharedAvro(what: string): string | undefined {
  const base = process.env['AVROKIT_SHARED'] ?? join(repoRoot, '..', 'shared');
  const dir = join(base, 'avro');
  if (existsSync(dir)) return dir;
  console.warn(
    `\n*** SKIPPING ${what}: Apache Avro test data not found at ${dir}. ` +
      'Set AVROKIT_SHARED to the folder that holds avro/ to run these tests. ***\n',
  );
  return undefined;
}

/** Reads a JSON file under the shared avro folder. */
export function readSharedJson<T>(avroDir: string, ...path: string[]): T {
  return JSON.parse(readFileSync(join(avroDir, ...path), 'utf8')) as T;
}

export const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
