import { describe, expect, it } from 'vitest';
import { Repository, RepositoryError } from '../../src/repository/index.js';
import { Type } from '../../src/type.js';
import { orderType, orders, tempDir, type Order } from './helpers.js';

async function filled(n = 400): Promise<Repository<Order>> {
  const repo = await Repository.open<Order>(await tempDir(), { type: orderType(), blockBytes: 512 });
  await repo.saveAll(orders(n));
  await repo.flush();
  return repo;
}

const ids = (xs: Order[]) => xs.map((o) => o.id);
const expected = (n: number, keep: (o: Order) => boolean) => ids(orders(n).filter(keep));

describe('find filters', () => {
  it('equality on several fields (all must hold)', async () => {
    const repo = await filled();
    expect(ids(await repo.findBy({ country: 'NL', customer: 'c4' }).toArray())).toEqual(expected(400, (o) => o.country === 'NL' && o.customer === 'c4'));
    await repo.close();
  });

  it('ranges gt, gte, lt, lte', async () => {
    const repo = await filled();
    expect(ids(await repo.findBy({ total: { gte: 100, lt: 110 } }).toArray())).toEqual(expected(400, (o) => o.total >= 100 && o.total < 110));
    expect(ids(await repo.findBy({ total: { gt: 395 } }).toArray())).toEqual(['o396', 'o397', 'o398', 'o399']);
    expect(ids(await repo.findBy({ total: { lte: 1 } }).toArray())).toEqual(['o0', 'o1']);
    expect(ids(await repo.findBy({ id: { gt: 'o98' } }).toArray())).toEqual(expected(400, (o) => o.id > 'o98'));
    await repo.close();
  });

  it('in, notIn, ne', async () => {
    const repo = await filled();
    expect(ids(await repo.findBy({ id: { in: ['o7', 'o3', 'nope'] } }).toArray())).toEqual(['o3', 'o7']);
    expect(await repo.count({ country: { notIn: ['NL', 'DE'] } })).toBe(200);
    expect(await repo.count({ country: { ne: 'NL' } })).toBe(300);
    await repo.close();
  });

  it('null and not null', async () => {
    const repo = await filled(30);
    expect(ids(await repo.findBy({ note: null }).toArray())).toEqual(expected(30, (o) => o.note === null));
    expect(ids(await repo.findBy({ note: { isNull: true } }).toArray())).toEqual(expected(30, (o) => o.note === null));
    expect(ids(await repo.findBy({ note: { isNull: false } }).toArray())).toEqual(expected(30, (o) => o.note !== null));
    await repo.close();
  });

  it('predicates on a field and on the whole entity, and a list of alternatives', async () => {
    const repo = await filled();
    expect(ids(await repo.findBy({ customer: (c) => c.endsWith('5') }).toArray())).toEqual(expected(400, (o) => o.customer.endsWith('5')));
    expect(ids(await repo.findBy((o) => o.total * 2 === 20).toArray())).toEqual(['o10']);
    expect(ids(await repo.findBy([{ id: 'o1' }, { total: 2 }]).toArray())).toEqual(['o1', 'o2']);
    await repo.close();
  });

  it('findOne, count, exists, skip and limit', async () => {
    const repo = await filled();
    expect((await repo.findOneBy({ country: 'FR' }))?.id).toBe('o2');
    expect(await repo.findOneBy({ country: 'XX' })).toBeUndefined();
    expect(await repo.count()).toBe(400);
    expect(await repo.count({ country: 'BE' })).toBe(100);
    expect(await repo.exists({ total: 399 })).toBe(true);
    expect(await repo.exists({ total: 400 })).toBe(false);
    expect(ids(await repo.find({ where: { country: 'NL' }, skip: 2, limit: 3 }).toArray())).toEqual(['o8', 'o12', 'o16']);
    await repo.close();
  });

  it('streams with for await and stops early without reading the rest', async () => {
    const repo = await filled();
    const seen: string[] = [];
    for await (const o of repo.find()) {
      seen.push(o.id);
      if (seen.length === 5) break;
    }
    expect(seen).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
    await repo.close();
  });

  it('refuses a filter on a field the entity does not have, naming the fields', async () => {
    const repo = await filled(1);
    expect(() => repo.findBy({ nope: 1 } as never)).toThrow(/Order has no field "nope" \(fields: id, customer, country, total, note\)/);
    await repo.close();
  });
});

describe('projection', () => {
  it('returns only the selected fields, filtering on others', async () => {
    const repo = await filled();
    const rows = await repo.find({ where: { country: 'DE', total: { lt: 10 } }, select: ['id', 'total'] }).toArray();
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { id: 'o1', total: 1 },
      { id: 'o5', total: 5 },
      { id: 'o9', total: 9 },
    ]);
    await repo.close();
  });

  it('decodes only the selected fields through a projected reader schema', async () => {
    // A field whose logical type throws on decode: reading it would fail; a projection never decodes it.
    const schema = {
      type: 'record', name: 'R',
      fields: [{ name: 'id', type: 'int' }, { name: 'bad', type: { type: 'string', logicalType: 'boom' } }],
    };
    const dir = await tempDir();
    const repo = await Repository.open<{ id: number; bad: string }>(dir, { type: Type.forSchema(schema) });
    await repo.saveAll([{ id: 1, bad: 'x' }, { id: 2, bad: 'y' }]);
    await repo.close();
    const boom = {
      bind: () => ({ fromAvro: () => { throw new Error('decoded!'); }, toAvro: (v: unknown) => v, isValid: () => true }),
    };
    const reader = await Repository.open<{ id: number; bad: string }>(dir, {
      type: Type.forSchema(schema, { logicalTypes: { boom } as never }),
    });
    expect((await reader.find({ select: ['id'] }).toArray()).map((r) => r.id)).toEqual([1, 2]);
    await expect(reader.find().toArray()).rejects.toThrow(/decoded!/);
    await reader.close();
  });

  it('selects with a predicate on the whole entity', async () => {
    const repo = await filled(20);
    const rows = await repo.find({ where: (o) => o.total === 7, select: ['id'] }).toArray();
    expect(rows.map((r) => ({ ...r }))).toEqual([{ id: 'o7' }]);
    await repo.close();
  });

  it('refuses to select an unknown field', async () => {
    const repo = await filled(1);
    expect(() => repo.find({ select: ['zip' as never] })).toThrow(RepositoryError);
    await repo.close();
  });
});
