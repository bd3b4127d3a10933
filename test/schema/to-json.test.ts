import { describe, expect, it } from 'vitest';
import { canonicalForm, parseSchema, schemaToJson } from '../../src/schema/index.js';

describe('schemaToJson', () => {
  it('keeps a null-namespace type inside a namespaced record in the null namespace', () => {
    const text = {
      type: 'record', name: 'R',
      fields: [
        { name: 's', type: { type: 'record', namespace: 'x', name: 'Y', fields: [{ name: 'e', type: { type: 'enum', namespace: '', name: 'Z', symbols: ['A'] } }] } },
        { name: 't', type: 'Z' },
      ],
    };
    const schema = parseSchema(text);
    const json = schemaToJson(schema) as { fields: { type: { fields: { type: Record<string, unknown> }[] } }[] };
    expect(json.fields[0]!.type.fields[0]!.type).toEqual({ type: 'enum', name: 'Z', namespace: '', symbols: ['A'] });
    expect(canonicalForm(parseSchema(json))).toBe(canonicalForm(schema));
  });

  it('writes no namespace attribute where the enclosing namespace is already the null one', () => {
    expect(schemaToJson(parseSchema({ type: 'fixed', name: 'F', size: 2 }))).toEqual({ type: 'fixed', name: 'F', size: 2 });
  });
});
