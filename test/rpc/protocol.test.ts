import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Type } from '../../src/type.js';
import { AvroProtocolError, Protocol } from '../../src/rpc/index.js';
import { SHARED, schemaText } from './helpers.js';

const describeShared = SHARED ? describe : describe.skip;

describeShared("Apache's protocols (share/test/schemas/*.avpr)", () => {
  for (const file of ['simple.avpr', 'mail.avpr', 'namespace.avpr', 'BulkData.avpr']) {
    it(`${file}: parses, and its JSON parses back to the same JSON and hash`, () => {
      const p = Protocol.parse(schemaText(file));
      const again = Protocol.parse(p.toString());
      expect(again.toString()).toBe(p.toString());
      expect(again.hashHex).toBe(p.hashHex);
    });
  }

  it('hash is the MD5 of the JSON text this implementation writes', () => {
    const p = Protocol.parse(schemaText('simple.avpr'));
    const expected = createHash('md5').update(p.toString(), 'utf8').digest('hex');
    expect(p.hashHex).toBe(expected);
    expect(p.hash).toHaveLength(16);
  });

  it('simple.avpr: messages, one-way, the effective error union and custom attributes', () => {
    const p = Protocol.parse(schemaText('simple.avpr'));
    expect(p.name).toBe('org.apache.avro.test.Simple');
    expect([...p.messages.keys()]).toEqual(['hello', 'echo', 'add', 'echoBytes', 'error', 'ack']);
    const error = p.message('error')!;
    expect((error.errorType.schema() as unknown[])[0]).toBe('string');
    expect(error.errorBranches.map((t) => t.name ?? t.typeName)).toEqual(['string', 'org.apache.avro.test.TestError']);
    expect(error.errorNames).toEqual(['org.apache.avro.test.TestError']);
    expect(p.message('hello')!.errorType.schema()).toEqual(['string']);
    expect(p.message('ack')!.oneWay).toBe(true);
    expect(p.message('add')!.requestType.fromBuffer(p.message('add')!.requestType.toBuffer({ arg1: 1, arg2: 2 }))).toEqual({ arg1: 1, arg2: 2 });
    const json = p.toJSON() as { version: string; messages: Record<string, Record<string, unknown>> };
    expect(json.version).toBe('1.6.2');
    expect(json.messages['add']!['specialProp']).toBe('test');
    expect(json.messages['ack']!['one-way']).toBe(true);
    // Declared errors only: the implicit "string" is not written.
    expect(json.messages['error']!['errors']).toEqual(['org.apache.avro.test.TestError']);
    expect(json.messages['hello']!['errors']).toBeUndefined();
  });

  it('namespace.avpr: names qualified by the protocol namespace or their own', () => {
    const p = Protocol.parse(schemaText('namespace.avpr'));
    expect([...p.registry.keys()].sort()).toEqual([
      'org.apache.avro.test.errors.TestError', 'org.apache.avro.test.namespace.TestRecord', 'org.apache.avro.test.util.MD5',
    ]);
    expect(p.type('TestRecord')?.name).toBe('org.apache.avro.test.namespace.TestRecord');
  });
});

describe('protocol validation', () => {
  const bad: [string, unknown, RegExp, string][] = [
    ['not an object', [], /must be a JSON object/, ''],
    ['no name', { messages: {} }, /"protocol" name/, ''],
    ['invalid name', { protocol: '1abc' }, /invalid protocol name/, 'protocol'],
    ['a non-named type', { protocol: 'P', types: ['int'] }, /named type/, 'types[0]'],
    ['a forward reference', {
      protocol: 'P',
      types: [{ type: 'record', name: 'A', fields: [{ name: 'b', type: 'B' }] }, { type: 'record', name: 'B', fields: [] }],
    }, /unknown type "B"/, 'types[0].A.b'],
    ['a type defined twice', {
      protocol: 'P', types: [{ type: 'fixed', name: 'F', size: 1 }, { type: 'fixed', name: 'F', size: 2 }],
    }, /defined twice/, 'types[1].F'],
    ['a message without request', { protocol: 'P', messages: { m: { response: 'null' } } }, /"request" array/, 'messages.m'],
    ['a message without response', { protocol: 'P', messages: { m: { request: [] } } }, /"response"/, 'messages.m'],
    ['a bad parameter type', { protocol: 'P', messages: { m: { request: [{ name: 'x', type: 'Nope' }], response: 'null' } } },
      /unknown type "Nope"/, 'messages.m.request.x'],
    ['a bad response', { protocol: 'P', messages: { m: { request: [], response: { type: 'array' } } } }, /needs "items"/, 'messages.m.response'],
    ['errors not an array', { protocol: 'P', messages: { m: { request: [], response: 'null', errors: 'E' } } }, /"errors" must be an array/, 'messages.m'],
    ['one-way with a response', { protocol: 'P', messages: { m: { request: [], response: 'int', 'one-way': true } } }, /one-way/, 'messages.m'],
    ['one-way with errors', {
      protocol: 'P', types: [{ type: 'error', name: 'E', fields: [] }],
      messages: { m: { request: [], response: 'null', errors: ['E'], 'one-way': true } },
    }, /one-way/, 'messages.m'],
    ['invalid JSON text', '{"protocol": ', /not valid JSON/, ''],
  ];
  for (const [what, json, message, path] of bad) {
    it(`rejects ${what}, naming the place (${path || 'top'})`, () => {
      let err: unknown;
      try {
        Protocol.parse(json);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AvroProtocolError);
      expect((err as AvroProtocolError).message).toMatch(message);
      expect((err as AvroProtocolError).path).toBe(path);
    });
  }

  it('a message named like a type neither clashes with nor shadows it', () => {
    const p = Protocol.parse({
      protocol: 'P', namespace: 'ns',
      types: [{ type: 'record', name: 'hello', fields: [{ name: 'x', type: 'int' }] }],
      messages: { hello: { request: [{ name: 'h', type: 'hello' }], response: 'hello' } },
    });
    const m = p.message('hello')!;
    expect(m.requestType.toBuffer({ h: { x: 3 } })).toEqual(Buffer.from([6]));
    expect(Protocol.parse(p.toString()).toString()).toBe(p.toString());
  });

  it('types defined inline in a message are shared with later messages', () => {
    const p = Protocol.parse({
      protocol: 'P',
      messages: {
        a: { request: [{ name: 'r', type: { type: 'record', name: 'R', fields: [] } }], response: 'null' },
        b: { request: [], response: 'R' },
      },
    });
    expect(p.registry.has('R')).toBe(true);
    expect(Protocol.parse(p.toString()).toString()).toBe(p.toString());
  });

  it('a declared "string" error is not repeated in the effective union', () => {
    const p = Protocol.parse({ protocol: 'P', messages: { m: { request: [], response: 'null', errors: ['string'] } } });
    expect(p.message('m')!.errorType.schema()).toEqual(['string']);
  });
});

describe('Protocol.define (services from Types)', () => {
  class Point {
    x = 0;
    y = 0;
  }
  const point = Type.forSchema(
    { type: 'record', name: 'geo.Point', fields: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }] },
    { constructors: { 'geo.Point': Point } },
  );
  const oops = Type.forSchema({ type: 'error', name: 'geo.Oops', fields: [{ name: 'why', type: 'string' }] });

  it('builds messages from Types and schemas; named types are defined once', () => {
    const p = Protocol.define({
      protocol: 'Geo', namespace: 'geo',
      messages: {
        move: { request: { p: point, dx: 'int' }, response: point, errors: [oops] },
        both: { request: [{ name: 'a', type: point }, { name: 'b', type: point }], response: 'boolean' },
        log: { request: { text: 'string' }, oneWay: true },
      },
    });
    expect(p.message('log')!.oneWay).toBe(true);
    expect(p.message('log')!.responseType.schema()).toBe('null');
    expect(p.message('move')!.errorNames).toEqual(['geo.Oops']);
    const json = JSON.stringify(p.toJSON());
    expect(json.match(/"fields"/g)).toHaveLength(2); // Point and Oops, each in full once
    expect(Protocol.parse(p.toString()).hashHex).toBe(p.hashHex);
  });

  it('records decode as the classes of the Types given', () => {
    const p = Protocol.define({ protocol: 'Geo', messages: { get: { request: {}, response: point } } });
    const t = p.message('get')!.responseType;
    expect(t.fromBuffer(t.toBuffer({ x: 1, y: 2 }))).toBeInstanceOf(Point);
  });
});
