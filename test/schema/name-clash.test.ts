/**
 * Names and texts that collide with JavaScript's own (prototype members, source code) are
 * plain data to the schema layer: they parse, keep their order, never reach a prototype, and
 * survive canonical form and JSON round trips.
 */
import { describe, expect, it } from 'vitest';
import { AvroSchemaError, canonicalForm, parseSchema, schemaToJson, type RecordSchema } from '../../src/schema/index.js';

const CLASHING = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'prototype'];

describe('name-clash fixtures', () => {
  const json = `{"type": "record", "name": "constructor", "fields": [${CLASHING.map((n) => `{"name": "${n}", "type": "int"}`).join(', ')}]}`;

  it('fields named after Object.prototype members parse, in declaration order', () => {
    const r = parseSchema(json) as RecordSchema;
    expect(r.name).toBe('constructor');
    expect(r.fields.map((f) => f.name)).toEqual(CLASHING);
  });

  it('appear in canonical form and round-trip through schemaToJson', () => {
    const r = parseSchema(json);
    const form = canonicalForm(r);
    expect(form).toBe(
      `{"name":"constructor","type":"record","fields":[${CLASHING.map((n) => `{"name":"${n}","type":"int"}`).join(',')}]}`,
    );
    expect(canonicalForm(parseSchema(JSON.stringify(schemaToJson(r))))).toBe(form);
  });

  it('a record default with a __proto__ field is checked as an own property', () => {
    const schema = `{"type": "record", "name": "Outer", "fields": [{"name": "inner", "default": {"__proto__": 1, "toString": 2},
      "type": {"type": "record", "name": "Inner", "fields": [{"name": "__proto__", "type": "int"}, {"name": "toString", "type": "int"}]}}]}`;
    const r = parseSchema(schema) as RecordSchema;
    expect(Object.prototype.hasOwnProperty.call(r.fields[0]!.default, '__proto__')).toBe(true);
    expect(() => parseSchema(schema.replace('"__proto__": 1', '"__proto__": "x"'))).toThrow(/Outer\.inner: invalid default: \.__proto__/);
  });

  it('enum symbols and named types called constructor or __proto__ are ordinary names', () => {
    const e = parseSchema({ type: 'enum', name: '__proto__', symbols: ['constructor', '__proto__', 'toString'] });
    expect(canonicalForm(e)).toBe('{"name":"__proto__","type":"enum","symbols":["constructor","__proto__","toString"]}');
    // A name is found only if it was defined: Object.prototype members are not in the registry.
    expect(() => parseSchema('"constructor"')).toThrow(AvroSchemaError);
    expect(() => parseSchema('"toString"')).toThrow(/unknown type "toString"/);
  });

  it('a custom attribute named __proto__ stays an own property and pollutes nothing', () => {
    const r = parseSchema('{"type": "int", "__proto__": {"polluted": true}, "constructor": 1}');
    expect(Object.prototype.hasOwnProperty.call(r.attrs, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(schemaToJson(r))).toBe('{"type":"int","__proto__":{"polluted":true},"constructor":1}');
    expect(canonicalForm(r)).toBe('"int"');
  });
});

describe('JavaScript source inside a schema is just data', () => {
  const payload = '"); globalThis.hacked = true; (function(){ /* */ })("';
  const schema = {
    type: 'record', name: 'Evil', doc: `*/ ${payload} /*`,
    fields: [
      { name: 'f', type: 'string', default: payload, doc: '`${globalThis.hacked = true}`' },
      { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'], doc: payload, default: 'A' } },
    ],
  };

  it('docs and defaults are kept verbatim, and canonical form strips them', () => {
    const r = parseSchema(schema) as RecordSchema;
    expect(r.doc).toBe(`*/ ${payload} /*`);
    expect(r.fields[0]!.default).toBe(payload);
    expect(schemaToJson(r)).toEqual(schema);
    expect(canonicalForm(r)).toBe(
      '{"name":"Evil","type":"record","fields":[{"name":"f","type":"string"},{"name":"e","type":{"name":"E","type":"enum","symbols":["A"]}}]}',
    );
    expect((globalThis as Record<string, unknown>)['hacked']).toBeUndefined();
  });

  it('source code where a name must be is rejected by the name grammar', () => {
    expect(() => parseSchema({ type: 'enum', name: 'E', symbols: [payload] })).toThrow(/invalid enum symbol/);
    expect(() => parseSchema({ type: 'record', name: 'R', fields: [{ name: 'a;b', type: 'int' }] })).toThrow(/invalid field name/);
    expect(() => parseSchema({ type: 'fixed', name: 'x(){}', size: 1 })).toThrow(/invalid name/);
  });
});
