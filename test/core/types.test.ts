/**
 * Type-level checks (run by `npm run typecheck`, part of `npm test`): a Type carries the
 * TypeScript type of its values where the caller states it.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { Type } from '../../src/index.js';

interface Point {
  x: number;
  y: number;
}

describe('Type<T>', () => {
  it('fromBuffer returns T and toBuffer takes T when the type says so', () => {
    const t = Type.forSchema<Point>({
      type: 'record',
      name: 'Point',
      fields: [
        { name: 'x', type: 'int' },
        { name: 'y', type: 'int' },
      ],
    });
    const p = t.fromBuffer(t.toBuffer({ x: 1, y: 2 }));
    expectTypeOf(p).toEqualTypeOf<Point>();
    expectTypeOf(t.toBuffer).parameter(0).toEqualTypeOf<Point>();
    expectTypeOf(t.clone(p)).toEqualTypeOf<Point>();
  });

  it('a Type without a stated type deals in unknown', () => {
    const t = Type.forSchema('int');
    expectTypeOf(t.fromBuffer(new Uint8Array([2]))).toEqualTypeOf<unknown>();
  });
});
