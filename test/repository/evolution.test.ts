import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Repository, RepositoryError } from '../../src/repository/index.js';
import { Type } from '../../src/type.js';
import { tempDir } from './helpers.js';

const V1 = {
  type: 'record', name: 'Person',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int' },
  ],
};
// Added with a default, removed (age), renamed with an alias, promoted (id stays long).
const V2 = {
  type: 'record', name: 'Person',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'fullName', type: 'string', aliases: ['name'] },
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'score', type: 'double', default: 1.5 },
  ],
};

class Person {
  id = 0;
  fullName = '';
  email: string | null = null;
  score = 0;
  greet(): string {
    return `hi ${this.fullName}`;
  }
}

describe('schema evolution', () => {
  it('reads files of the old class through resolution, and writes new ones with the new class', async () => {
    const dir = await tempDir();
    const v1 = await Repository.open(dir, { type: Type.forSchema(V1), idField: 'id' });
    await v1.saveAll([{ id: 1, name: 'Ada', age: 36 }, { id: 2, name: 'Alan', age: 41 }]);
    await v1.close();

    const type = Type.forSchema(V2, { constructors: { Person } });
    const v2 = await Repository.open<Person>(dir, { type, idField: 'id' });
    const old = await v2.find().toArray();
    expect(old.map((p) => ({ ...p }))).toEqual([
      { id: 1, fullName: 'Ada', email: null, score: 1.5 },
      { id: 2, fullName: 'Alan', email: null, score: 1.5 },
    ]);
    expect(old[0]).toBeInstanceOf(Person);
    expect(old[0]!.greet()).toBe('hi Ada');
    expect((await v2.findById(2))?.fullName).toBe('Alan');
    expect(await v2.count({ fullName: 'Ada' })).toBe(1);
    const ada = Object.assign(new Person(), { id: 1, fullName: 'Ada L.', email: 'ada@example.org', score: 9 });
    await v2.save(ada);
    await v2.close();
    expect((await readdir(dir)).filter((n) => n.endsWith('.avro')).sort()).toEqual(['part-00001.avro', 'part-00002.avro']);

    const again = await Repository.open<Person>(dir, { type, idField: 'id' });
    expect((await again.find().toArray()).map((p) => [p.id, p.fullName, p.email])).toEqual([
      [2, 'Alan', null],
      [1, 'Ada L.', 'ada@example.org'],
    ]);
    // Compaction brings everything to the new schema.
    await again.compact();
    const manifest = JSON.parse(await readFile(join(dir, '_avrokit/manifest.json'), 'utf8')) as { schemas: string[] };
    expect(manifest.schemas).toHaveLength(1);
    expect(manifest.schemas[0]).toContain('fullName');
    await again.close();
  });

  it('refuses an incompatible class with the compatibility report, before writing anything', async () => {
    const dir = await tempDir();
    const v1 = await Repository.open(dir, { type: Type.forSchema(V1) });
    await v1.saveAll([{ id: 1, name: 'Ada', age: 36 }]);
    await v1.close();
    const before = await readFile(join(dir, '_avrokit/manifest.json'), 'utf8');
    const bad = {
      type: 'record', name: 'Person',
      fields: [
        { name: 'id', type: 'int' },
        { name: 'name', type: 'string' },
        { name: 'nickname', type: 'string' },
      ],
    };
    const err = await Repository.open(dir, { type: Type.forSchema(bad) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepositoryError);
    const e = err as RepositoryError;
    expect(e.kind).toBe('incompatible');
    expect(e.incompatibilities.map((i) => i.kind).sort()).toEqual(['READER_FIELD_MISSING_DEFAULT_VALUE', 'TYPE_MISMATCH']);
    expect(e.message).toMatch(/Person\.nickname/);
    expect(e.message).toMatch(/nothing was written/);
    expect(await readFile(join(dir, '_avrokit/manifest.json'), 'utf8')).toBe(before);
    expect((await readdir(dir)).sort()).toEqual(['_avrokit', 'part-00001.avro']);
  });
});
