/**
 * The compatibility checker (every incompatibility with kind, location and path) and the
 * registry modes over ordered schema versions.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility, checkVersions, parseCompatibilityMode } from '../../src/resolution/index.js';
import { parseSchema } from '../../src/schema/index.js';
import { Type } from '../../src/type.js';
import { record } from './helpers.js';

const p = (s: unknown) => parseSchema(s);

describe('checkCompatibility', () => {
  it('lists every problem, each with its kind, JSON-pointer location and readable path', () => {
    const writer = p(record('ns.R', [
      { name: 'a', type: 'string' },
      { name: 'f', type: { type: 'fixed', name: 'F', size: 4 } },
      { name: 'e', type: { type: 'enum', name: 'E', symbols: ['X', 'Y', 'Z'] } },
      { name: 'u', type: ['int', 'string', 'boolean'] },
    ]));
    const reader = p(record('ns.R', [
      { name: 'a', type: 'int' },
      { name: 'f', type: { type: 'fixed', name: 'G', size: 8 } },
      { name: 'e', type: { type: 'enum', name: 'E', symbols: ['X'] } },
      { name: 'u', type: ['long', 'bytes'] },
      { name: 'new', type: 'int' },
    ]));
    const result = checkCompatibility(reader, writer);
    expect(result.compatible).toBe(false);
    expect(result.incompatibilities.map(({ kind, location, path }) => ({ kind, location, path }))).toEqual([
      { kind: 'READER_FIELD_MISSING_DEFAULT_VALUE', location: '/fields/4', path: 'ns.R.new' },
      { kind: 'TYPE_MISMATCH', location: '/fields/0/type', path: 'ns.R.a' },
      { kind: 'NAME_MISMATCH', location: '/fields/1/type/name', path: 'ns.R.f' },
      { kind: 'FIXED_SIZE_MISMATCH', location: '/fields/1/type/size', path: 'ns.R.f' },
      { kind: 'MISSING_ENUM_SYMBOLS', location: '/fields/2/type/symbols', path: 'ns.R.e' },
      { kind: 'MISSING_UNION_BRANCH', location: '/fields/3/type/2', path: 'ns.R.u' },
    ]);
    for (const i of result.incompatibilities) expect(i.message.length).toBeGreaterThan(20);
  });

  it('calls an enum lacking symbols incompatible although a resolver builds (it fails only when read)', () => {
    const w = Type.forSchema({ type: 'enum', name: 'E', symbols: ['A', 'B'] });
    const r = Type.forSchema({ type: 'enum', name: 'E', symbols: ['A'] });
    const result = checkCompatibility(r, w);
    expect(result.compatible).toBe(false);
    expect(result.incompatibilities[0]!.when).toBe('read');
    expect(() => r.createResolver(w)).not.toThrow();
  });

  it('calls a writer union branch the reader cannot take incompatible', () => {
    const result = checkCompatibility(p('long'), p(['null', 'int']));
    expect(result.incompatibilities.map((i) => i.kind)).toEqual(['TYPE_MISMATCH']);
  });

  it('accepts an enum default as the answer to unknown symbols', () => {
    expect(checkCompatibility(
      p({ type: 'enum', name: 'E', symbols: ['A', 'U'], default: 'U' }),
      p({ type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] }),
    ).compatible).toBe(true);
  });

  it('terminates on recursive schemas and checks inside them', () => {
    const w = p(record('Tree', [{ name: 'kids', type: { type: 'array', items: 'Tree' } }, { name: 'v', type: 'int' }]));
    const ok = p(record('Tree', [{ name: 'kids', type: { type: 'array', items: 'Tree' } }, { name: 'v', type: 'double' }]));
    const bad = p(record('Tree', [{ name: 'kids', type: { type: 'array', items: 'Tree' } }, { name: 'v', type: 'string' }]));
    expect(checkCompatibility(ok, w).compatible).toBe(true);
    expect(checkCompatibility(bad, w).incompatibilities.map((i) => i.location)).toEqual(['/fields/1/type']);
  });
});

describe('registry modes', () => {
  const v1 = p(record('User', [{ name: 'id', type: 'int' }]));
  const v2 = p(record('User', [{ name: 'id', type: 'int' }, { name: 'email', type: ['null', 'string'], default: null }]));
  const v3 = p(record('User', [{ name: 'id', type: 'long' }, { name: 'email', type: ['null', 'string'] }]));

  it('backward: the new schema reads the previous version\'s data', () => {
    expect(checkVersions('backward', [v1, v2]).compatible).toBe(true);
    expect(checkVersions('backward', [v2, v3]).compatible).toBe(true);
  });

  it('backward_transitive: ... and every earlier version\'s', () => {
    const r = checkVersions('backward_transitive', [v1, v2, v3]);
    expect(r.compatible).toBe(false);
    expect(r.checks.filter((c) => !c.result.compatible).map((c) => [c.version, c.direction])).toEqual([[0, 'backward']]);
  });

  it('forward: the previous version reads the new schema\'s data', () => {
    expect(checkVersions('forward', [v1, v2]).compatible).toBe(true);
    expect(checkVersions('forward', [v2, v3]).compatible).toBe(false); // v2's int cannot read v3's long
  });

  it('full and full_transitive check both directions', () => {
    expect(checkVersions('full', [v1, v2]).compatible).toBe(true);
    expect(checkVersions('full', [v1, v2]).checks.map((c) => c.direction)).toEqual(['backward', 'forward']);
    expect(checkVersions('full_transitive', [v1, v2, v3]).checks).toHaveLength(4);
    expect(checkVersions('forward_transitive', [v1, v2]).compatible).toBe(true);
  });

  it('none checks nothing, and one version alone is compatible', () => {
    expect(checkVersions('none', [v1, p('string')]).compatible).toBe(true);
    expect(checkVersions('full_transitive', [v3]).compatible).toBe(true);
  });

  it('parses mode names as registries write them', () => {
    expect(parseCompatibilityMode('BACKWARD_TRANSITIVE')).toBe('backward_transitive');
    expect(parseCompatibilityMode('full-transitive')).toBe('full_transitive');
    expect(parseCompatibilityMode('sideways')).toBeUndefined();
  });
});
