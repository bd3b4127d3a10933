import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Type, canonicalForm, parseSchema } from '../../src/index.js';
import { ContainerReader, decodeHeader } from '../../src/container/index.js';
import { blockOffsets, writeAll } from '../container/helpers.js';
import { sharedAvro } from '../schema/shared-data.js';
import { cli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'avrokit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA = {
  type: 'record',
  name: 'cli.Row',
  fields: [
    { name: 'n', type: 'long' },
    { name: 'label', type: ['null', 'string'] },
    { name: 'raw', type: 'bytes' },
  ],
};
const TYPE = Type.forSchema(SCHEMA);
const ROWS = Array.from({ length: 100 }, (_, n) => ({ n, label: n % 2 ? `row ${n}` : null, raw: Buffer.from([n, 255 - n]) }));
const schemaFile = join(dir, 'row.avsc');
writeFileSync(schemaFile, JSON.stringify(SCHEMA));
const jsonLines = ROWS.map((r) => TYPE.toString(r)).join('\n') + '\n';

async function records(bytes: Uint8Array): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of await ContainerReader.open(bytes)) out.push(r);
  return out;
}

async function file(name: string, rows: unknown[] = ROWS, options = {}): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await writeAll(rows, TYPE, options));
  return path;
}

describe('fromjson and tojson', () => {
  it('fromjson reads JSON lines from stdin and writes a container to stdout; tojson prints them back', async () => {
    const made = await cli(['fromjson', '--schema-file', schemaFile, '--codec', 'deflate', '-'], jsonLines);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(decodeHeader(made.stdout)!.codec).toBe('deflate');
    expect(await records(made.stdout)).toEqual(ROWS);
    const printed = await cli(['tojson', '-'], made.stdout);
    expect(printed.code).toBe(0);
    expect(printed.text).toBe(jsonLines);
    expect(printed.text.split('\n')[1]).toBe('{"n":1,"label":{"string":"row 1"},"raw":"\\u0001þ"}');
  });

  it('fromjson takes pretty-printed or run-together JSON values and writes to -o', async () => {
    const input = join(dir, 'pretty.json');
    writeFileSync(input, ROWS.slice(0, 5).map((r) => JSON.stringify(JSON.parse(TYPE.toString(r)), null, 2)).join('') + TYPE.toString(ROWS[5]));
    const out = join(dir, 'pretty.avro');
    const r = await cli(['fromjson', '--schema-file', schemaFile, '-o', out, '--block-size', '10', input]);
    expect(r.code).toBe(0);
    expect(await records(readFileSync(out))).toEqual(ROWS.slice(0, 6));
    // Rows take 5 to 12 bytes: a block ends at the row that reaches 10 bytes.
    expect((await blockOffsets(readFileSync(out))).length).toBe(3);
  });

  it('fromjson names the record and line of a value that does not fit the schema', async () => {
    const r = await cli(['fromjson', '--schema-file', schemaFile, '-'], `${TYPE.toString(ROWS[0])}\n{"n": "x", "label": null, "raw": ""}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/record 2 \(line 2\)/);
  });

  it('tojson --pretty indents; --reader-schema-file projects', async () => {
    const path = await file('rows.avro');
    const pretty = await cli(['tojson', '--pretty', path]);
    expect(pretty.text.startsWith('{\n  "n": 0,\n')).toBe(true);
    const reader = join(dir, 'reader.avsc');
    writeFileSync(reader, JSON.stringify({ type: 'record', name: 'cli.Row', fields: [{ name: 'n', type: 'long' }] }));
    const projected = await cli(['tojson', '--reader-schema-file', reader, path]);
    expect(projected.text.split('\n').slice(0, 2)).toEqual(['{"n":0}', '{"n":1}']);
  });
});

describe('getschema, getmeta, count', () => {
  it('getschema prints the schema, getmeta the metadata, count the records', async () => {
    const path = await file('meta.avro', ROWS, { codec: 'snappy', metadata: { owner: 'cli-test', bin: Uint8Array.of(0, 1) }, blockRecords: 7 });
    expect(JSON.parse((await cli(['getschema', path])).text)).toEqual(TYPE.schema());
    const meta = (await cli(['getmeta', path])).text;
    expect(meta).toContain('avro.codec\tsnappy\n');
    expect(meta).toContain('owner\tcli-test\n');
    expect(meta).toContain('bin\t0x0001\n');
    expect((await cli(['getmeta', '--key', 'owner', path])).text).toBe('cli-test\n');
    const missing = await cli(['getmeta', '--key', 'nope', path]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no metadata key "nope"/);
    expect((await cli(['count', path])).text).toBe('100\n');
    expect((await cli(['count', '-'], readFileSync(path))).text).toBe('100\n');
  });

  it('count reports a truncated file with a non-zero exit, or counts the complete blocks with --skip-damaged', async () => {
    const bytes = readFileSync(await file('trunc.avro', ROWS, { blockRecords: 10 }));
    const cut = bytes.subarray(0, bytes.length - 4);
    const r = await cli(['count', '-'], cut);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/avrokit count: .*truncated/);
    const s = await cli(['count', '--skip-damaged', '-'], cut);
    expect(s.code).toBe(0);
    expect(s.text).toBe('90\n');
    expect(s.stderr).toMatch(/10 records lost/);
  });
});

describe('cat, concat, recodec', () => {
  it('cat copies with --offset, --limit and --samplerate across several inputs', async () => {
    const a = await file('cat-a.avro', ROWS.slice(0, 50), { blockRecords: 8 });
    const b = await file('cat-b.avro', ROWS.slice(50), { codec: 'deflate', blockRecords: 9 });
    const all = await cli(['cat', a, b, '-']);
    expect(await records(all.stdout)).toEqual(ROWS);
    const some = await cli(['cat', '--offset', '45', '--limit', '10', a, b, '-']);
    expect(await records(some.stdout)).toEqual(ROWS.slice(45, 55));
    const sampled = await cli(['cat', '--samplerate', '0.25', '--codec', 'snappy', a, b, '-']);
    const got = (await records(sampled.stdout)) as { n: number }[];
    expect(got.map((r) => r.n)).toEqual(Array.from({ length: 25 }, (_, i) => i * 4 + 3));
    expect(decodeHeader(sampled.stdout)!.codec).toBe('snappy');
  });

  it('concat joins files with one schema block by block, in the first codec or --codec', async () => {
    const a = await file('cc-a.avro', ROWS.slice(0, 30), { codec: 'deflate', blockRecords: 10 });
    const b = await file('cc-b.avro', ROWS.slice(30), { codec: 'snappy', blockRecords: 10 });
    const out = join(dir, 'cc.avro');
    expect((await cli(['concat', a, b, out])).code).toBe(0);
    const bytes = readFileSync(out);
    expect(decodeHeader(bytes)!.codec).toBe('deflate');
    expect(await records(bytes)).toEqual(ROWS);
    expect((await blockOffsets(bytes)).length).toBe(10);
    const stringFile = join(dir, 'strings.avro');
    writeFileSync(stringFile, await writeAll(['x'], Type.forSchema('string')));
    const refused = await cli(['concat', a, stringFile, '-']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/has another schema/);
  });

  it('recodec rewrites every block with another codec, stdin to stdout', async () => {
    const path = await file('rc.avro', ROWS, { codec: 'deflate', blockRecords: 10, metadata: { keep: 'me' } });
    const r = await cli(['recodec', '--codec', 'zstandard'], readFileSync(path));
    expect(r.code).toBe(0);
    const header = decodeHeader(r.stdout)!;
    expect(header.codec).toBe('zstandard');
    expect(Buffer.from(header.metadata.get('keep')!).toString()).toBe('me');
    expect(await records(r.stdout)).toEqual(ROWS);
    expect((await blockOffsets(r.stdout)).length).toBe(10);
  });
});

describe('repair', () => {
  it('recovers the readable records of a damaged file into a new one and reports what was lost', async () => {
    const bytes = Buffer.from(readFileSync(await file('damaged.avro', ROWS, { codec: 'deflate', blockRecords: 10 })));
    const blocks = await blockOffsets(bytes);
    for (let i = blocks[4]!.offset + 3; i < blocks[4]!.offset + 9; i++) bytes[i] = 0xee; // garble block 4's data
    const cut = bytes.subarray(0, blocks[9]!.offset + 20); // and truncate the last block
    const input = join(dir, 'damaged-cut.avro');
    writeFileSync(input, cut);
    const out = join(dir, 'repaired.avro');
    const r = await cli(['repair', input, out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`at byte ${blocks[4]!.offset}: block: bad deflate data`));
    expect(r.stderr).toMatch(new RegExp(`at byte ${blocks[9]!.offset}: truncated`));
    expect(r.stderr).toMatch(/2 damaged regions; 80 records recovered, 20 lost/);
    expect(await records(readFileSync(out))).toEqual([...ROWS.slice(0, 40), ...ROWS.slice(50, 90)]);
    const report = await cli(['repair', '--report', input]);
    expect(report.code).toBe(0);
    expect(report.stderr).toMatch(/not written: --report/);
  });

  it('an intact file is copied as it is', async () => {
    const path = await file('intact.avro');
    const r = await cli(['repair', path, '-']);
    expect(r.stderr).toMatch(/no damage found; 100 records copied/);
    expect(await records(r.stdout)).toEqual(ROWS);
  });
});

describe('fingerprint and canonical', () => {
  const schemaText = '{"type": "record", "name": "a.R", "doc": "d", "fields": [{"name": "f", "type": "int"}]}';

  it('canonical prints the Parsing Canonical Form of a schema file, stdin or inline text', async () => {
    const want = canonicalForm(parseSchema(JSON.parse(schemaText)));
    const f = join(dir, 'r.avsc');
    writeFileSync(f, schemaText);
    expect((await cli(['canonical', f])).text).toBe(`${want}\n`);
    expect((await cli(['canonical', '-'], schemaText)).text).toBe(`${want}\n`);
    expect((await cli(['canonical', schemaText])).text).toBe(`${want}\n`);
  });

  it('fingerprint prints rabin (little-endian, as Java), md5 and sha256 as hex', async () => {
    // Known values of "int" (the spec's CRC-64-AVRO; MD5 and SHA-256 of the text "int").
    expect((await cli(['fingerprint', '"int"'])).text).toBe('8f5c393f1ad57572\n');
    expect((await cli(['fingerprint', '--algorithm', 'md5', '"int"'])).text).toBe('ef524ea1b91e73173d938ade36c1db32\n');
    expect((await cli(['fingerprint', '--algorithm', 'sha256', '"int"'])).text).toBe(
      '3f2b87a9fe7cc9b13835598c3981cd45e3e355309e5090aa0933d7becb6fba45\n',
    );
    const bad = await cli(['fingerprint', '--algorithm', 'crc', '"int"']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown algorithm "crc"/);
  });
});

describe('every command', () => {
  const names = ['tojson', 'fromjson', 'getschema', 'getmeta', 'count', 'cat', 'concat', 'recodec', 'repair', 'fingerprint', 'canonical'];

  it.each(names)('%s --help prints its usage and exits 0', async (name) => {
    const r = await cli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.text).toMatch(new RegExp(`^usage: avrokit ${name}`));
  });

  it.each(names)('%s with an unknown option exits 2 with a message on stderr', async (name) => {
    const r = await cli([name, '--no-such-option', 'x']);
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^avrokit ${name}: .*no-such-option`));
  });

  const avro = sharedAvro('CLI on the weather files');
  it.skipIf(avro === undefined)('tojson of weather.avro in every codec prints weather.json', async () => {
    const data = join(avro!, 'share/test/data');
    const want = readFileSync(join(data, 'weather.json'), 'utf8');
    for (const f of ['weather.avro', 'weather-deflate.avro', 'weather-snappy.avro', 'weather-zstd.avro']) {
      expect((await cli(['tojson', join(data, f)])).text, f).toBe(want);
    }
  });
});
