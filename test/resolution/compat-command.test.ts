/**
 * `avrokit compat`: the verdict in words (or JSON), exit 0 when compatible, 1 when not, 2 for
 * usage and schema errors; registry modes over version files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'avrokit-compat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, schema: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, typeof schema === 'string' ? schema : JSON.stringify(schema));
  return f;
}

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (c: Buffer) => (chunks.out += c.toString()));
  err.on('data', (c: Buffer) => (chunks.err += c.toString()));
  const input = new PassThrough();
  input.end(stdin);
  const code = await main(['compat', ...args], { stdin: input, stdout: out, stderr: err });
  return { code, ...chunks };
}

const v1 = file('v1.avsc', { type: 'record', name: 'User', fields: [{ name: 'id', type: 'int' }] });
const v2 = file('v2.avsc', { type: 'record', name: 'User', fields: [
  { name: 'id', type: 'long' }, { name: 'email', type: ['null', 'string'], default: null },
] });
const v3 = file('v3.avsc', { type: 'record', name: 'User', fields: [{ name: 'id', type: 'long' }, { name: 'email', type: ['null', 'string'] }] });

describe('avrokit compat', () => {
  it('exits 0 and says so when the reader reads the writer\'s data', async () => {
    const r = await run(['--reader', v2, '--writer', v1]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^compatible: reader .*v2\.avsc can read all data written with writer .*v1\.avsc/);
  });

  it('exits 1 and lists each problem with its kind and place', async () => {
    const r = await run(['--reader', v1, '--writer', v2]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/NOT compatible/);
    expect(r.out).toMatch(/1\. TYPE_MISMATCH at User\.id \(\/fields\/0\/type\): reader type int/);
  });

  it('prints JSON with --json', async () => {
    const r = await run(['--reader', v1, '--writer', v2, '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ compatible: false, incompatibilities: [{ kind: 'TYPE_MISMATCH' }] });
  });

  it('checks a mode over versions, oldest first', async () => {
    expect((await run(['--mode', 'backward', v1, v2, v3])).code).toBe(0);
    const t = await run(['--mode', 'BACKWARD_TRANSITIVE', v1, v2, v3]);
    expect(t.code).toBe(1);
    expect(t.out).toMatch(/^NOT compatible: .*v3\.avsc under mode backward_transitive \(3 versions, 2 checks\)/);
    expect(t.out).toMatch(/READER_FIELD_MISSING_DEFAULT_VALUE at User\.email/);
  });

  it('treats --reader as the new schema and --writer as the old one under --mode', async () => {
    expect((await run(['--reader', v2, '--writer', v1, '--mode', 'backward'])).code).toBe(0);
    expect((await run(['--reader', v2, '--writer', v1, '--mode', 'full'])).code).toBe(1);
  });

  it('reads one schema from stdin', async () => {
    const r = await run(['--reader', '-', '--writer', v1], JSON.stringify({ type: 'record', name: 'User', fields: [{ name: 'id', type: 'double' }] }));
    expect(r.code).toBe(0);
  });

  it('exits 2 on usage and schema errors, saying what is wrong', async () => {
    expect((await run(['--reader', v1])).code).toBe(2);
    expect((await run([v1, v2])).err).toMatch(/needs --mode/);
    expect((await run(['--mode', 'sideways', v1])).err).toMatch(/unknown mode "sideways"/);
    const missing = await run(['--reader', join(dir, 'nope.avsc'), '--writer', v1]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*nope\.avsc/);
    const invalid = await run(['--reader', file('bad.avsc', { type: 'record', name: 'X' }), '--writer', v1]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/bad\.avsc/);
    expect((await run(['--reader', file('notjson.avsc', '{nope'), '--writer', v1])).code).toBe(2);
  });
});
