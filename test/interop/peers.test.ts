/**
 * The real-peer harness itself: each peer round-trips values through its own encoder and
 * decoder in the lossless convention, the two peers write identical bytes and read each other's,
 * and container files cross between Python, Java and Avro C. Everyone's interop tests build on
 * this, so it has to be right before any avrokit code is judged by it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  avroC,
  describeIfPeer,
  fromHex,
  javaAvro,
  javaPeer,
  PeerError,
  pythonAvro,
  pythonPeer,
  runAvroC,
  toHex,
  type PeerJson,
} from './peers/index.js';

interface Case {
  readonly name: string;
  readonly schema: unknown;
  readonly datums: PeerJson[];
  /** The bytes Avro's spec gives for each datum, where the case pins them. */
  readonly hex?: string[];
}

const address = {
  type: 'record',
  name: 'Address',
  namespace: 'org.example',
  fields: [
    { name: 'street', type: 'string' },
    { name: 'zip', type: ['null', 'int'] },
  ],
};

const CASES: Case[] = [
  { name: 'int', schema: 'int', datums: [0, -1, 1, 2147483647, -2147483648], hex: ['00', '01', '02', 'feffffff0f', 'ffffffff0f'] },
  {
    name: 'long past 2^53',
    schema: 'long',
    datums: [0, -64, 9007199254740991, '9007199254740993', '-9223372036854775808', '9223372036854775807'],
  },
  { name: 'double specials', schema: 'double', datums: [0.1, 'NaN', 'Infinity', '-Infinity', 1e308, 5e-324] },
  { name: 'float', schema: 'float', datums: [0.5, -2, 'NaN', 'Infinity'] },
  { name: 'string', schema: 'string', datums: ['', 'foo', 'héllo ✓ 𝄞', '\u0000nul'], hex: ['00', '06666f6f'] },
  { name: 'bytes', schema: 'bytes', datums: ['', '00ff10'], hex: ['00', '0600ff10'] },
  { name: 'boolean and null', schema: ['null', 'boolean'], datums: [null, { boolean: true }, { boolean: false }], hex: ['00', '0201', '0200'] },
  {
    name: 'record with nested union, enum, fixed, array and map',
    schema: {
      type: 'record',
      name: 'Person',
      namespace: 'org.example',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'home', type: ['null', address] },
        { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] } },
        { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 2 } },
        { name: 'tags', type: { type: 'array', items: ['string', 'long'] } },
        { name: 'scores', type: { type: 'map', values: 'double' } },
      ],
    },
    datums: [
      {
        id: '-9007199254740993',
        home: { 'org.example.Address': { street: 'Main', zip: { int: 12345 } } },
        color: 'GREEN',
        hash: 'beef',
        tags: [{ string: 'a' }, { long: 7 }],
        scores: { x: 1.5 },
      },
      { id: 1, home: null, color: 'RED', hash: '0000', tags: [], scores: {} },
    ],
  },
  {
    name: 'union of int and long picks the tagged branch',
    schema: ['int', 'long'],
    datums: [{ int: 1 }, { long: 1 }],
    hex: ['0002', '0202'],
  },
  {
    name: 'logical types travel raw',
    schema: {
      type: 'record',
      name: 'L',
      fields: [
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 } },
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      ],
    },
    datums: [{ day: 19000, at: 1700000000000, amount: 'ff85', id: 'not-checked' }],
  },
];

describe('hex helpers', () => {
  it('round-trip bytes and reject non-hex', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(fromHex('000FfF')).toEqual(new Uint8Array([0, 15, 255]));
    expect(() => fromHex('abc')).toThrow(/not a hex string/);
    expect(() => fromHex('zz')).toThrow(/not a hex string/);
  });
});

describeIfPeer(pythonAvro(), 'python3-avro peer', () => {
  it.each(CASES)('round-trips $name through its own encoder and decoder', async ({ schema, datums, hex }) => {
    const encoded = await pythonPeer({ op: 'encode', schema, datums });
    if (hex) expect(encoded.hex.slice(0, hex.length)).toEqual(hex);
    const decoded = await pythonPeer({ op: 'decode', schema, hex: encoded.hex });
    expect(decoded.datums).toEqual(datums);
  });

  it('reports its version and refuses what it does not support with a PeerError', async () => {
    expect(await pythonPeer({ op: 'version' })).toMatchObject({ peer: 'python3-avro' });
    await expect(pythonPeer({ op: 'fingerprint', schema: 'int' })).rejects.toBeInstanceOf(PeerError);
    await expect(pythonPeer({ op: 'decode', schema: 'int', hex: ['0000'] })).rejects.toThrow(/trailing byte/);
    await expect(pythonPeer({ op: 'encode', schema: 'int', datums: [2 ** 31] })).rejects.toThrow(/out of range/);
  });

  it('resolves with a reader schema and tags the reader branch', async () => {
    const writer = { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] };
    const reader = {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'a', type: ['null', 'int'] },
        { name: 'b', type: ['string', 'null'], default: 'x' },
      ],
    };
    const { hex } = await pythonPeer({ op: 'encode', schema: writer, datums: [{ a: 3 }] });
    expect(await pythonPeer({ op: 'resolve', writer, reader, hex })).toEqual({ datums: [{ a: { int: 3 }, b: { string: 'x' } }] });
  });
});

describeIfPeer(javaAvro(), 'Java avro peer', () => {
  it('round-trips every case through its own encoder and decoder', async () => {
    const encoded = await javaPeer({ op: 'batch', requests: CASES.map((c) => ({ op: 'encode', schema: c.schema, datums: c.datums })) });
    const hexes = encoded.replies.map((r) => (r as { hex: string[] }).hex);
    CASES.forEach((c, i) => {
      if (c.hex) expect(hexes[i]!.slice(0, c.hex.length), c.name).toEqual(c.hex);
    });
    const decoded = await javaPeer({ op: 'batch', requests: CASES.map((c, i) => ({ op: 'decode', schema: c.schema, hex: hexes[i]! })) });
    CASES.forEach((c, i) => expect(decoded.replies[i], c.name).toEqual({ datums: c.datums }));
  });

  it('speaks the Avro JSON encoding both ways', async () => {
    const schema = ['null', address];
    const datum = { 'org.example.Address': { street: 'Main', zip: { int: 1 } } };
    const { json } = await javaPeer({ op: 'jsonEncode', schema, datums: [datum, null] });
    expect(JSON.parse(json[0]!)).toEqual(datum);
    expect(json[1]).toBe('null');
    const back = await javaPeer({ op: 'jsonDecode', schema, json });
    expect(back.datums).toEqual([datum, null]);
    expect(back.hex[1]).toBe('00');
  });

  it('gives canonical form and fingerprints', async () => {
    const r = await javaPeer({ op: 'batch', requests: [{ op: 'canonical', schema: { type: 'fixed', name: 'a.F', size: 1, doc: 'x' } }, { op: 'fingerprint', schema: 'int' }] });
    expect(r.replies[0]).toEqual({ canonical: '{"name":"a.F","type":"fixed","size":1}' });
    expect(r.replies[1]).toMatchObject({ rabin: expect.stringMatching(/^[0-9a-f]{16}$/), md5: expect.stringMatching(/^[0-9a-f]{32}$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses a bad request with the peer message', async () => {
    await expect(javaPeer({ op: 'decode', schema: 'int', hex: ['0000'] })).rejects.toThrow(/trailing bytes/);
    await expect(javaPeer({ op: 'encode', schema: 'int', datums: ['x'] })).rejects.toThrow(/expected an integer/);
  });
});

describeIfPeer(pythonAvro().available ? javaAvro() : pythonAvro(), 'python3-avro and Java avro agree', () => {
  it('write identical bytes and read each other’s for every case', async () => {
    const py = await Promise.all(CASES.map((c) => pythonPeer({ op: 'encode', schema: c.schema, datums: c.datums })));
    const java = await javaPeer({ op: 'batch', requests: CASES.map((c) => ({ op: 'encode', schema: c.schema, datums: c.datums })) });
    CASES.forEach((c, i) => expect(py[i]!.hex, c.name).toEqual((java.replies[i] as { hex: string[] }).hex));
    const javaReads = await javaPeer({ op: 'batch', requests: CASES.map((c, i) => ({ op: 'decode', schema: c.schema, hex: py[i]!.hex })) });
    CASES.forEach((c, i) => expect(javaReads.replies[i], c.name).toEqual({ datums: c.datums }));
  });

  it('agree on canonical forms (but python keeps {"type": "int"} for a logical type)', async () => {
    // python3-avro 1.11 leaves a primitive with a logicalType as {"type":"int"}; the spec's
    // [PRIMITIVES] and [STRIP] rules, and Java, give "int". Not a harness matter: skip that case.
    const schemas = CASES.filter((c) => !c.name.startsWith('logical')).map((c) => c.schema);
    const py = await Promise.all(schemas.map((schema) => pythonPeer({ op: 'canonical', schema })));
    const java = await javaPeer({ op: 'batch', requests: schemas.map((schema) => ({ op: 'canonical', schema })) });
    expect(py).toEqual(java.replies);
  });

  describe('container files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'avrokit-peers-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const person = CASES.find((c) => c.name.startsWith('record'))!;

    it.each(['null', 'deflate', 'snappy'])('cross between the peers with codec %s', async (codec) => {
      const pyFile = join(dir, `py-${codec}.avro`);
      const javaFile = join(dir, `java-${codec}.avro`);
      await pythonPeer({ op: 'writeFile', schema: person.schema, datums: person.datums, codec, path: pyFile, meta: { 'user.k': 'v' } });
      await javaPeer({ op: 'writeFile', schema: person.schema, datums: person.datums, codec, syncInterval: 64, path: javaFile });
      const [fromJava, fromPy] = await Promise.all([
        pythonPeer({ op: 'readFile', path: javaFile }),
        javaPeer({ op: 'readFile', path: pyFile }),
      ]);
      expect(fromJava.datums).toEqual(person.datums);
      expect(fromPy.datums).toEqual(person.datums);
      expect(fromPy.codec).toBe(codec);
      expect(new TextDecoder().decode(fromHex(fromPy.meta['user.k']!))).toBe('v');
    });
  });
});

describeIfPeer(pythonAvro().available ? avroC() : pythonAvro(), 'Avro C tools', () => {
  it('avrocat reads a file python3-avro wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'avrokit-avroc-'));
    try {
      const path = join(dir, 'ints.avro');
      await pythonPeer({ op: 'writeFile', schema: 'int', datums: [1, 2, 3], codec: 'deflate', path });
      const r = await runAvroC('avrocat', [path]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual(['1', '2', '3']);
      expect((await runAvroC('avrocat', [join(dir, 'missing.avro')])).code).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
