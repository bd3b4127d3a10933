import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvroTypeError } from '../../src/schema/errors.js';
import { bindLogical, hex, mustBind } from './bind.js';

const onString = mustBind({ type: 'string', logicalType: 'uuid' });
const onFixed = mustBind({ type: 'fixed', name: 'Id', size: 16, logicalType: 'uuid' });
const sample = '123e4567-e89b-12d3-a456-426614174000';

describe('uuid', () => {
  it('binds to string and fixed(16) only', () => {
    expect(bindLogical({ type: 'fixed', name: 'Id', size: 15, logicalType: 'uuid' })).toMatch(
      /"uuid" needs "string" or a "fixed" of size 16, not fixed "Id" of size 15; it is ignored/,
    );
    expect(bindLogical({ type: 'fixed', name: 'Id', size: 17, logicalType: 'uuid' })).toMatch(/size 17/);
    expect(bindLogical({ type: 'bytes', logicalType: 'uuid' })).toMatch(/not "bytes"/);
  });

  it('writes lowercase canonical text on string', () => {
    expect(onString.toAvro(sample)).toBe(sample);
    expect(onString.toAvro(sample.toUpperCase())).toBe(sample);
    expect(onString.fromAvro(sample.toUpperCase())).toBe(sample);
  });

  it('writes the 16 bytes in text order on fixed', () => {
    expect(hex(onFixed.toAvro(sample) as Uint8Array)).toBe('123e4567e89b12d3a456426614174000');
    expect(onFixed.fromAvro(onFixed.toAvro(sample.toUpperCase()))).toBe(sample);
    expect(onFixed.fromAvro(new Uint8Array(16))).toBe('00000000-0000-0000-0000-000000000000');
    expect(onFixed.fromAvro(new Uint8Array(16).fill(255))).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff');
  });

  it('checks the 8-4-4-4-12 hex form', () => {
    const bad = [
      '123e4567e89b12d3a456426614174000', '{123e4567-e89b-12d3-a456-426614174000}',
      'urn:uuid:123e4567-e89b-12d3-a456-426614174000', '123e4567-e89b-12d3-a456-42661417400', '123e4567-e89b-12d3-a456-4266141740000',
      '123e4567-e89b-12d3-a456-42661417400g', ' 123e4567-e89b-12d3-a456-426614174000', '', 42, null, new Uint8Array(16),
    ];
    for (const b of [onString, onFixed]) {
      for (const value of bad) {
        expect(b.isValid(value), String(value)).toBe(false);
        expect(() => b.toAvro(value)).toThrow(AvroTypeError);
        expect(() => b.toAvro(value)).toThrow(/uuid: expected a string like "123e4567-e89b-12d3-a456-426614174000" \(8-4-4-4-12 hex digits\), got/);
      }
    }
    expect(onString.isValid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('passes a string that is not a UUID through on read, losing nothing', () => {
    expect(onString.fromAvro('not-a-uuid')).toBe('not-a-uuid');
  });

  it('round-trips any UUID on both underlying types', () => {
    fc.assert(
      fc.property(fc.uuid(), (u) => {
        expect(onString.fromAvro(onString.toAvro(u))).toBe(u.toLowerCase());
        expect(onFixed.fromAvro(onFixed.toAvro(u))).toBe(u.toLowerCase());
      }),
    );
  });

  it('orders as the bytes do, whatever the case', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        const x = hex(onFixed.toAvro(a) as Uint8Array);
        const y = hex(onFixed.toAvro(b) as Uint8Array);
        const expected = x < y ? -1 : x > y ? 1 : 0;
        expect(onString.compare!(a.toUpperCase(), b)).toBe(expected);
        expect(onFixed.compare!(a, b.toUpperCase())).toBe(expected);
      }),
    );
  });

  it('gives random version 4 UUIDs', () => {
    for (let i = 0; i < 50; i++) {
      const u = onFixed.random!() as string;
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(onString.isValid(onString.random!())).toBe(true);
    }
  });
});
