import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { createResolvingReader } from '../../src/compiler/resolver.js';
import { Type } from '../../src/type.js';
import type { TypeOptions } from '../../src/type.js';
import { ByteReader } from '../../src/wire/reader.js';

/**
 * Encodes `value` with the writer's schema, reads it back with the reader's through the
 * generated resolver, the interpreted one and `Type.fromBuffer(buf, resolver)`, checks all three
 * agree and consumed every byte, and returns the value.
 */
export function readAs(writerSchema: unknown, readerSchema: unknown, value: unknown, options: TypeOptions = {}): unknown {
  const w = Type.forSchema(writerSchema, options);
  const r = Type.forSchema(readerSchema, options);
  return readBytesAs(w, r, w.toBuffer(value));
}

/** Reads `buf` (written with `w`) as `r` through every path; see {@link readAs}. */
export function readBytesAs(w: Type, r: Type, buf: Uint8Array): unknown {
  const compiled = createResolvingReader(r.schemaNode, w.schemaNode, r.context, { codegen: true });
  const interpreted = createResolvingReader(r.schemaNode, w.schemaNode, r.context, { codegen: false });
  expect(compiled.compiled).toBe(true);
  expect(interpreted.compiled).toBe(false);
  // The generated code alone (its fallback to the interpreted reader would hide a difference).
  const rc = new ByteReader(buf);
  const a = compiled.readGenerated!(rc);
  expect(rc.pos).toBe(buf.length);
  const ri = new ByteReader(buf);
  const b = interpreted.read(ri);
  expect(ri.pos).toBe(buf.length);
  // node's deep strict equality compares prototypes directly (vitest's looks at `.constructor`,
  // which a record may have as a field).
  expect(isDeepStrictEqual(a, b), 'generated and interpreted resolvers disagree').toBe(true);
  expect(isDeepStrictEqual(r.fromBuffer(buf, r.createResolver(w)), a), 'Type.fromBuffer disagrees').toBe(true);
  return a;
}

/** The error both resolvers throw when reading `buf` (they must throw the same message). */
export function readError(w: Type, r: Type, buf: Uint8Array): Error {
  const errors = [true, false].map((codegen) => {
    const rr = createResolvingReader(r.schemaNode, w.schemaNode, r.context, { codegen });
    try {
      rr.read(new ByteReader(buf));
    } catch (e) {
      return e as Error;
    }
    throw new Error(`the ${codegen ? 'generated' : 'interpreted'} resolver did not fail`);
  });
  expect(errors[0]!.message).toBe(errors[1]!.message);
  expect(errors[0]!.constructor).toBe(errors[1]!.constructor);
  return errors[0]!;
}

export const record = (name: string, fields: unknown[], extra: Record<string, unknown> = {}): unknown => ({
  type: 'record', name, fields, ...extra,
});

/**
 * What each resolver makes of `buf`: the value (normalized by `norm`), or the error message.
 * The generated code runs alone, and must fail exactly when the interpreted reader fails; its
 * errors are then the ones the full reader reports (the interpreted reader's, precise).
 */
export function outcomes(w: Type, r: Type, buf: Uint8Array, norm: (v: unknown) => unknown = (v) => v): unknown[] {
  return [true, false].map((codegen) => {
    const rr = createResolvingReader(r.schemaNode, w.schemaNode, r.context, { codegen });
    try {
      const br = new ByteReader(buf);
      const v = codegen ? rr.readGenerated!(br) : rr.read(br);
      return { ok: norm(v), end: br.pos };
    } catch (e) {
      try {
        rr.read(new ByteReader(buf));
      } catch (precise) {
        return { error: (precise as Error).message };
      }
      return { generatedOnlyFailed: (e as Error).message };
    }
  });
}
