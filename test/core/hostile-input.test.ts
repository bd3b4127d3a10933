import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvroDecodeError, Type } from '../../src/index.js';
import { schemaJsonArb, valueArb } from '../support/arbitraries.js';

/** Decoding must end in a value or an AvroDecodeError: never a hang, a crash or a huge allocation. */
function decodeSafely(t: Type, buf: Uint8Array): void {
  try {
    t.fromBuffer(buf);
  } catch (e) {
    if (!(e instanceof AvroDecodeError)) throw e;
    expect(e.offset).toBeGreaterThanOrEqual(0);
  }
}

const varint = (n: bigint): number[] => {
  let z = n >= 0n ? n << 1n : ((-n) << 1n) - 1n;
  const out: number[] = [];
  while (z > 0x7fn) {
    out.push(Number(z & 0x7fn) | 0x80);
    z >>= 7n;
  }
  out.push(Number(z));
  return out;
};

describe('hostile input to decoders', () => {
  for (const codegen of [true, false]) {
    it(`random bytes give a value or an AvroDecodeError (codegen ${codegen})`, () => {
      fc.assert(
        fc.property(schemaJsonArb(), fc.uint8Array({ maxLength: 64 }), (json, bytes) => {
          decodeSafely(Type.forSchema(json, { codegen }), bytes);
        }),
        { numRuns: 500 },
      );
    });

    it(`mutated and truncated valid encodings give a value or an AvroDecodeError (codegen ${codegen})`, () => {
      fc.assert(
        fc.property(
          schemaJsonArb().chain((json) =>
            fc.tuple(
              fc.constant(json),
              valueArb(Type.forSchema(json).schemaNode),
              fc.nat(),
              fc.integer({ min: 0, max: 255 }),
              fc.nat(),
            ),
          ),
          ([json, value, at, byte, cut]) => {
            const t = Type.forSchema(json, { codegen });
            const buf = Buffer.from(t.toBuffer(value));
            if (buf.length > 0) buf[at % buf.length] = byte;
            decodeSafely(t, buf);
            decodeSafely(t, buf.subarray(0, cut % (buf.length + 1)));
          },
        ),
        { numRuns: 500 },
      );
    });

    it(`a string length prefix larger than the input fails before allocating (codegen ${codegen})`, () => {
      const t = Type.forSchema('string', { codegen });
      const buf = Uint8Array.from(varint(2n ** 50n));
      expect(() => t.fromBuffer(buf)).toThrow(AvroDecodeError);
      expect(() => t.fromBuffer(buf)).toThrow(/string of 1125899906842624 bytes, 0 left/);
    });

    it(`an array claiming 2^40 items of nulls stops at maxItems (codegen ${codegen})`, () => {
      const t = Type.forSchema({ type: 'array', items: 'null' }, { codegen, limits: { maxItems: 1000 } });
      const started = Date.now();
      expect(() => t.fromBuffer(Uint8Array.from([...varint(2n ** 40n), 0]))).toThrow(/maxItems 1000/);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(t.fromBuffer(Uint8Array.from([...varint(1000n), 0]))).toHaveLength(1000);
    });

    it(`an array claiming more ints than bytes left fails at once (codegen ${codegen})`, () => {
      const t = Type.forSchema({ type: 'array', items: 'int' }, { codegen });
      expect(() => t.fromBuffer(Uint8Array.from([...varint(2n ** 40n), 2, 2]))).toThrow(/needs at least 1099511627776 bytes, 2 left/);
    });

    it(`negative lengths and block sizes are errors (codegen ${codegen})`, () => {
      expect(() => Type.forSchema('bytes', { codegen }).fromBuffer(Uint8Array.from(varint(-5n)))).toThrow(/negative bytes length/);
      const arr = Type.forSchema({ type: 'array', items: 'int' }, { codegen });
      expect(() => arr.fromBuffer(Uint8Array.from([...varint(-1n), ...varint(-3n), 2, 0]))).toThrow(/negative block size/);
    });

    it(`a union index out of range names the offset (codegen ${codegen})`, () => {
      const t = Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'u', type: ['null', 'int'] }] }, { codegen });
      try {
        t.fromBuffer(Uint8Array.from(varint(7n)));
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AvroDecodeError);
        expect((e as AvroDecodeError).message).toBe('u: union branch index 7 out of range (2 branches) (at byte 0)');
      }
    });

    it(`deep recursion stops at maxDepth instead of overflowing the stack (codegen ${codegen})`, () => {
      const list = { type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }] };
      const t = Type.forSchema(list, { codegen, limits: { maxDepth: 50 } });
      const deep = new Uint8Array(10_000).fill(2); // branch 1 (a Node) over and over
      expect(() => t.fromBuffer(deep)).toThrow(/maxDepth 50/);
    });

    it(`an over-long varint is an error, not a wrong number (codegen ${codegen})`, () => {
      expect(() => Type.forSchema('int', { codegen }).fromBuffer(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(
        /int varint out of range/,
      );
      const long = Type.forSchema('long', { codegen, longs: 'bigint' });
      expect(() => long.fromBuffer(new Uint8Array(11).fill(0xff))).toThrow(/more than 64 bits|longer than 10 bytes/);
      // A 10th byte with bits past bit 63 is not a long, though it would decode to 0.
      expect(() => long.fromBuffer(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02]))).toThrow(
        /more than 64 bits/,
      );
      expect(long.fromBuffer(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe(-(2n ** 63n));
    });
  }
});
