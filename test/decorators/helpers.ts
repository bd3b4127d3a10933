/** Shared checks of the decorator tests. */
import { expect } from 'vitest';
import { typeOf } from '../../decorators/index.js';

/** Builds an instance of `cls` without running its constructor, with `values` as own properties. */
export function make<T extends object>(cls: abstract new (...args: never[]) => T, values: Partial<Record<keyof T, unknown>>): T {
  return Object.assign(Object.create(cls.prototype) as T, values);
}

/**
 * Encodes `value` with `typeOf(cls)`, decodes it with the generated and the interpreted
 * codec, and checks that both give an instance of `cls` equal to `value`. Returns the decoded
 * value and the bytes.
 */
export function roundTrip<T extends object>(cls: abstract new (...args: never[]) => T, value: T): { back: T; bytes: Uint8Array } {
  const compiled = typeOf(cls);
  const interpreted = typeOf(cls, { codegen: false });
  expect(compiled.isCompiled).toBe(true);
  const bytes = compiled.toBuffer(value);
  expect(interpreted.toBuffer(value)).toEqual(bytes);
  const back = compiled.fromBuffer(bytes);
  expect(back).toBeInstanceOf(cls);
  expect(Object.getPrototypeOf(back)).toBe(cls.prototype);
  expect(back).toEqual(value);
  const back2 = interpreted.fromBuffer(bytes);
  expect(Object.getPrototypeOf(back2)).toBe(cls.prototype);
  expect(back2).toEqual(value);
  return { back, bytes };
}
