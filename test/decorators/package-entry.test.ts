/**
 * The built `avrokit/decorators` entry loads from both `import` and `require` (its
 * dependencies, reflect-metadata and class-transformer's storage, included) and works:
 * decorators applied by hand, in their legacy form, make a class that round-trips.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../infra/build.js';

const program = (load: string) => `
${load}
class Point { describe() { return this.x + ',' + this.y; } }
d.Field('int')(Point.prototype, 'x');
d.Field('int')(Point.prototype, 'y');
d.AvroRecord({ namespace: 'geo' })(Point);
const t = d.typeOf(Point);
const back = t.fromBuffer(t.toBuffer({ x: 1, y: -2 }));
console.log(JSON.stringify(d.schemaOf(Point)), back instanceof Point, back.describe(), typeof Symbol.metadata);
`;

it.each([
  ['require', "const d = require('avrokit/decorators');", '.cjs'],
  ['import', "const d = await import('avrokit/decorators');", '.mjs'],
])('avrokit/decorators works from %s', async (_kind, load, ext) => {
  await ensureBuilt();
  const { stdout } = await promisify(execFile)(process.execPath, [`--input-type=${ext === '.cjs' ? 'commonjs' : 'module'}`, '-e', program(load)], { cwd: repoRoot });
  expect(stdout.trim()).toBe('{"type":"record","name":"Point","namespace":"geo","fields":[{"name":"x","type":"int"},{"name":"y","type":"int"}]} true 1,-2 symbol');
}, 300_000);
