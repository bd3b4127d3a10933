/**
 * The generated resolver stays linear in the schema's size: records shared by several fields
 * (read or skipped) get one function each instead of being inlined at every use, which would
 * double the source with every level of nesting.
 */
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/codec/random.js';
import { createResolvingReader } from '../../src/compiler/resolver.js';
import { Type } from '../../src/type.js';
import { readBytesAs } from './helpers.js';

/** L0 = {x: int}; Ln = {a: Ln-1, b: Ln-1, c: string}: 2^n copies of L0 if inlined. */
function dag(levels: number, prefix = 'L'): unknown {
  let t: unknown = { type: 'record', name: `${prefix}0`, fields: [{ name: 'x', type: 'int' }, { name: 's', type: 'string' }] };
  for (let i = 1; i <= levels; i++) {
    t = { type: 'record', name: `${prefix}${i}`, fields: [{ name: 'a', type: t }, { name: 'b', type: `${prefix}${i - 1}` }, { name: 'c', type: 'string' }] };
  }
  return t;
}

describe('generated resolver source', () => {
  const w = Type.forSchema(dag(14));

  it('reads shared records through one function each', () => {
    const r = Type.forSchema(dag(14));
    const rr = createResolvingReader(r.schemaNode, w.schemaNode, r.context);
    expect(rr.compiled).toBe(true);
    expect(rr.source.length).toBeLessThan(50_000);
    const v = w.random(seededRng(1));
    expect(readBytesAs(w, r, w.toBuffer(v))).toEqual(w.fromBuffer(w.toBuffer(v)));
  });

  it('skips shared records through one function each', () => {
    const r = Type.forSchema({ type: 'record', name: 'L14', fields: [{ name: 'c', type: 'string' }] });
    const rr = createResolvingReader(r.schemaNode, w.schemaNode, r.context);
    expect(rr.source.length).toBeLessThan(50_000);
    const v = w.random(seededRng(2)) as { c: string };
    expect(readBytesAs(w, r, w.toBuffer(v))).toEqual({ c: v.c });
  });

  it('exposes its source and reports that generated code runs', () => {
    const r = Type.forSchema('long');
    const rr = createResolvingReader(r.schemaNode, Type.forSchema('int').schemaNode, r.context);
    expect(rr.compiled).toBe(true);
    expect(rr.source).toMatch(/return function resolve\(r\)/);
    expect(createResolvingReader(r.schemaNode, r.schemaNode, r.context, { codegen: false }).compiled).toBe(false);
  });
});
