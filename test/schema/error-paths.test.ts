import { describe, expect, it } from 'vitest';
import { AvroSchemaError, parseSchema } from '../../src/schema/index.js';

/** Parses `schema` expecting an AvroSchemaError, and returns it. */
function failure(schema: unknown): AvroSchemaError {
  try {
    parseSchema(schema);
  } catch (e) {
    expect(e).toBeInstanceOf(AvroSchemaError);
    return e as AvroSchemaError;
  }
  throw new Error('expected parseSchema to throw');
}

const item = (priceType: unknown) => ({
  type: 'record', name: 'Order', namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'price', type: priceType }] } } },
  ],
});

describe('AvroSchemaError names the path of the invalid part', () => {
  it('a bad type under a field of an array of records: Order.items[].price', () => {
    const e = failure(item('money'));
    expect(e.path).toBe('Order.items[].price');
    expect(e.message).toMatch(/^Order\.items\[\]\.price: unknown type "money"/);
    // The message also says where it looked, so the fix is obvious.
    expect(e.message).toContain('"shop.money"');
  });

  it('map values are marked {}: R.byKey{}.x', () => {
    const e = failure({
      type: 'record', name: 'R',
      fields: [{ name: 'byKey', type: { type: 'map', values: { type: 'record', name: 'V', fields: [{ name: 'x', type: { type: 'fixed', name: 'F' } }] } } }],
    });
    expect(e.path).toBe('R.byKey{}.x');
    expect(e.message).toContain('size');
  });

  it('union branches are marked |N: R.u|2', () => {
    const e = failure({ type: 'record', name: 'R', fields: [{ name: 'u', type: ['null', 'int', { type: 'array' }] }] });
    expect(e.path).toBe('R.u|2');
    expect(e.message).toBe('R.u|2: an array needs "items"');
  });

  it('nested records continue the path through the field that holds them: Order.customer.address.zip', () => {
    const e = failure({
      type: 'record', name: 'Order',
      fields: [{
        name: 'customer',
        type: { type: 'record', name: 'Customer', fields: [{ name: 'address', type: { type: 'record', name: 'Address', fields: [{ name: 'zip', type: 'int', default: 'x' }] } }] },
      }],
    });
    expect(e.path).toBe('Order.customer.address.zip');
    expect(e.message).toMatch(/invalid default: expected an int, got "x"/);
  });

  it('a top-level array of records starts the path with []', () => {
    expect(failure({ type: 'array', items: { type: 'record', name: 'X', fields: [{ name: 'a', type: 'nope' }] } }).path).toBe('[].a');
  });

  it('duplicate fields, bad orders and bad field names point at the field', () => {
    expect(failure({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }, { name: 'a', type: 'long' }] }).message)
      .toBe('R.a: field "a" is defined twice');
    expect(failure({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int', order: 'up' }] }).path).toBe('R.a');
    expect(failure({ type: 'record', name: 'R', fields: [{ name: 'a-b', type: 'int' }] }).message)
      .toMatch(/^R\.a-b: invalid field name "a-b"/);
  });

  it('an invalid name is reported as written', () => {
    expect(failure({ type: 'fixed', size: 4, name: 'dr. spaceman' }).message)
      .toMatch(/^dr\. spaceman: invalid name "dr\. spaceman"/);
  });

  it('text that is not JSON keeps the JSON error as the cause', () => {
    const e = failure('{"type": "record",');
    expect(e.message).toMatch(/^schema is not valid JSON/);
    expect(e.cause).toBeInstanceOf(SyntaxError);
  });
});
