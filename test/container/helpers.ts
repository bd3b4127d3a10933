import { Type } from '../../src/index.js';
import { ContainerReader, encodeContainer } from '../../src/container/index.js';
import type { ReadOptions, WriteOptions } from '../../src/container/index.js';

/** A small record schema with the usual suspects (strings, longs, unions, arrays, bytes). */
export const EVENT = Type.forSchema({
  type: 'record',
  name: 'test.Event',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'score', type: ['null', 'double'] },
    { name: 'payload', type: 'bytes' },
  ],
});

export interface Event {
  id: number;
  name: string;
  tags: string[];
  score: number | null;
  payload: Uint8Array;
}

/** `n` deterministic events (no randomness: failures reproduce). */
export function events(n: number, from = 0): Event[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      id: i * 7919 - 100_000,
      name: `event-${i}-${'é'.repeat(i % 5)}`,
      tags: Array.from({ length: i % 4 }, (_, j) => `t${j}`),
      score: i % 3 === 0 ? null : i / 8,
      payload: Buffer.from(Array.from({ length: i % 9 }, (_, j) => (i + j) & 0xff)),
    };
  });
}

/** The whole container as one buffer. */
export async function writeAll(records: unknown[], type: Type, options: WriteOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of encodeContainer(records, type, options)) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Every record of `bytes`, and the reader (for its header and damage). */
export async function readAll(
  bytes: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: ReadOptions = {},
): Promise<{ records: unknown[]; reader: ContainerReader }> {
  const reader = await ContainerReader.open(bytes, options);
  const records: unknown[] = [];
  for await (const r of reader) records.push(r);
  return { records, reader };
}

/** `bytes` cut into chunks of `size` bytes (exercises blocks straddling chunks). */
export function* chunked(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Offsets of the blocks of a file (and where each ends), read back through the reader. */
export async function blockOffsets(bytes: Uint8Array): Promise<{ offset: number; end: number; count: number }[]> {
  const reader = await ContainerReader.open(bytes);
  const out: { offset: number; end: number; count: number }[] = [];
  for await (const b of reader.blocks()) out.push({ offset: b.offset, end: b.end, count: b.count });
  return out;
}
