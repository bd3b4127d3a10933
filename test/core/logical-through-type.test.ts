import { describe, expect, it } from 'vitest';
import { AvroTypeError, Type } from '../../src/index.js';
import type { LogicalTypeDefinition } from '../../src/index.js';

describe('logical types through Type', () => {
  it('built-in types decode to their documented JavaScript values, compiled and interpreted alike', () => {
    const schema = {
      type: 'record',
      name: 'L',
      fields: [
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'atMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'atNanos', type: { type: 'long', logicalType: 'timestamp-nanos' } },
        { name: 'span', type: { type: 'fixed', name: 'D', size: 12, logicalType: 'duration' } },
      ],
    };
    const v = {
      price: '-12.30',
      id: '123e4567-e89b-12d3-a456-426614174000',
      day: new Date(Date.UTC(2026, 10, 25)),
      at: new Date(1_764_000_000_123),
      atMicros: 1_764_000_000_123_456,
      atNanos: 1_764_000_000_123_456_789n,
      span: { months: 1, days: 2, milliseconds: 3 },
    };
    for (const codegen of [true, false]) {
      const t = Type.forSchema(schema, { codegen });
      expect(t.fromBuffer(t.toBuffer(v))).toEqual(v);
    }
  });

  it('an invalid logical type falls back to its underlying type, as the spec says', () => {
    // Precision 20 cannot fit a 4-byte fixed: the decimal is ignored and the fixed is plain bytes.
    const t = Type.forSchema({ type: 'fixed', name: 'F', size: 4, logicalType: 'decimal', precision: 20 });
    const raw = Uint8Array.from([1, 2, 3, 4]);
    expect(Buffer.from(t.fromBuffer(t.toBuffer(raw)) as Uint8Array)).toEqual(Buffer.from(raw));
    expect(t.context.ignoredLogicalTypes[0]?.logicalType).toBe('decimal');
  });

  it('an unknown logical type is ignored', () => {
    const t = Type.forSchema({ type: 'string', logicalType: 'color' });
    expect(t.fromBuffer(t.toBuffer('red'))).toBe('red');
  });

  it('users register their own logical types', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const point: LogicalTypeDefinition = {
      name: 'point',
      bind: (schema) =>
        schema.kind !== 'string'
          ? 'point needs a string'
          : {
              fromAvro: (raw) => {
                const [x, y] = String(raw).split(',').map(Number);
                return new Point(x!, y!);
              },
              toAvro: (p) => {
                if (!(p instanceof Point)) throw new AvroTypeError('expected a Point');
                return `${p.x},${p.y}`;
              },
              isValid: (p) => p instanceof Point,
            },
    };
    for (const codegen of [true, false]) {
      const t = Type.forSchema(
        { type: 'record', name: 'Shape', fields: [{ name: 'at', type: { type: 'string', logicalType: 'point' } }] },
        { logicalTypes: { point }, codegen },
      );
      const back = t.fromBuffer(t.toBuffer({ at: new Point(1, 2) })) as { at: Point };
      expect(back.at).toBeInstanceOf(Point);
      expect(back.at).toEqual(new Point(1, 2));
      expect(() => t.toBuffer({ at: 'nope' })).toThrow(/^at: expected a Point/);
      expect(t.isValid({ at: new Point(0, 0) })).toBe(true);
    }
  });
});
