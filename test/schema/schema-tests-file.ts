/**
 * Reads Apache's `share/test/data/schema-tests.txt`: numbered cases of `<<INPUT`, `<<canonical`
 * and optional `<<fingerprint` (a signed decimal Java long). A key either takes the rest of its
 * line or, when the line is just `<<KEY`, every line up to a line that is exactly `KEY`.
 */
import { readFileSync } from 'node:fs';

export interface SchemaTestCase {
  id: string;
  input: string;
  canonical: string;
  /** CRC-64-AVRO as Java prints a long, or undefined when the case gives none. */
  fingerprint?: bigint;
}

export function readSchemaTests(file: string): SchemaTestCase[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const cases: SchemaTestCase[] = [];
  let current: Record<string, string> | undefined;
  let id = '';
  const flush = () => {
    if (current === undefined) return;
    const { INPUT, canonical, fingerprint } = current;
    if (INPUT === undefined || canonical === undefined) throw new Error(`case ${id} lacks INPUT or canonical`);
    cases.push({ id, input: INPUT, canonical, ...(fingerprint !== undefined ? { fingerprint: BigInt(fingerprint) } : {}) });
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const num = /^\/\/ (\d{3})\s*$/.exec(line);
    if (num) {
      flush();
      id = num[1]!;
      current = {};
      continue;
    }
    const kv = /^<<(\w+)(?: (.*))?$/.exec(line);
    if (!kv || current === undefined) continue;
    const key = kv[1]!;
    if (kv[2] !== undefined) {
      current[key] = kv[2];
    } else {
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== key) body.push(lines[i]!);
      current[key] = body.join('\n');
    }
  }
  flush();
  return cases;
}
