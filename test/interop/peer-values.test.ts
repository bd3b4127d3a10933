/**
 * The avrokit ↔ peer value converters (./peers/values.ts): they invert each other, tag the
 * branch avrokit writes, keep hostile map keys as data, and with them a value written once
 * gives the same bytes from avrokit's `Type` and from python3-avro.
 */
import { describe, expect, it } from 'vitest';
import { Type } from '../../src/index.js';
import { describeIfPeer, pythonAvro, pythonPeer, toHex } from './peers/index.js';
import { fromPeerValue, peerContext, toPeerValue } from './peers/values.js';

const schema = {
  type: 'record',
  name: 'org.example.Order',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'ratio', type: ['float', 'double'] },
    { name: 'note', type: ['null', 'string'] },
    { name: 'payload', type: 'bytes' },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'attrs', type: { type: 'map', values: ['int', 'string'] } },
    { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 2 } },
  ],
};

const value = {
  id: 1234567890123,
  ratio: 0.1,
  note: 'hi',
  payload: new Uint8Array([0, 255]),
  day: new Date(Date.UTC(2024, 0, 2)),
  attrs: { a: 1, b: 'x' },
  hash: new Uint8Array([1, 2]),
};

describe('peer value converters', () => {
  it('write unions tagged with the branch avrokit picks, bytes as hex, logical values raw', () => {
    expect(toPeerValue(schema, value)).toEqual({
      id: 1234567890123,
      ratio: { double: 0.1 },
      note: { string: 'hi' },
      payload: '00ff',
      day: 19724,
      attrs: { a: { int: 1 }, b: { string: 'x' } },
      hash: '0102',
    });
  });

  it('invert each other', () => {
    expect(fromPeerValue(schema, toPeerValue(schema, value))).toEqual(value);
  });

  it('carry big longs, negative zero and NaN exactly', () => {
    const ctx = peerContext({ longs: 'bigint' });
    expect(toPeerValue('long', 2n ** 62n, ctx)).toBe('4611686018427387904');
    expect(fromPeerValue('long', '4611686018427387904', ctx)).toBe(2n ** 62n);
    expect(fromPeerValue('long', 5, ctx)).toBe(5n);
    expect(toPeerValue('double', -0)).toBe('-0');
    expect(Object.is(fromPeerValue('double', '-0'), -0)).toBe(true);
    expect(fromPeerValue('float', 'NaN')).toBeNaN();
  });

  it('keep a __proto__ map key as data', () => {
    const attrs = JSON.parse('{"__proto__": 1}') as Record<string, number>;
    const peer = toPeerValue({ type: 'map', values: 'int' }, attrs) as Record<string, number>;
    expect(Object.keys(peer)).toEqual(['__proto__']);
    const back = fromPeerValue({ type: 'map', values: 'int' }, peer) as Record<string, number>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__']);
  });
});

describeIfPeer(pythonAvro(), 'one value, avrokit and python3-avro', () => {
  it('gives the same bytes both ways', async () => {
    const type = Type.forSchema(schema);
    const ours = toHex(type.toBuffer(value));
    const { hex } = await pythonPeer({ op: 'encode', schema, datums: [toPeerValue(schema, value)] });
    expect(hex).toEqual([ours]);
    const { datums } = await pythonPeer({ op: 'decode', schema, hex });
    // Compared in the peer form: avrokit decodes bytes as Buffer on Node, the converter as Uint8Array.
    expect(datums[0]).toEqual(toPeerValue(schema, type.fromBuffer(type.toBuffer(value))));
    expect(toHex(type.toBuffer(fromPeerValue(schema, datums[0]!)))).toBe(ours);
  });
});
