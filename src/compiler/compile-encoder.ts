import type { CodecContext } from '../codec/context.js';
import { fieldDefault } from '../codec/field-defaults.js';
import type { RecordSchema, Schema, UnionSchema } from '../schema/model.js';
import type { ByteWriter } from '../wire/writer.js';
import { outlinedRecords, usesFloats } from './cycles.js';
import { Emitter, lit, prop } from './emit.js';
import { LITTLE_ENDIAN, runtime } from './runtime.js';

export type CompiledEncoder = (value: unknown, w: ByteWriter) => void;

/**
 * Most bytes one value can take when that is bounded (lengths aside), so a run of such values
 * needs a single capacity check; `undefined` when unbounded (strings, bytes, collections).
 */
function maxSize(s: Schema, ctx: CodecContext, seen: Set<Schema> = new Set()): number | undefined {
  switch (s.kind) {
    case 'null':
      return 0;
    case 'boolean':
      return 1;
    case 'int':
    case 'enum':
      return 5;
    case 'long':
      return 10;
    case 'float':
      return 4;
    case 'double':
      return 8;
    case 'fixed':
      return ctx.logical(s) === undefined ? s.size : undefined;
    case 'record': {
      if (seen.has(s)) return undefined;
      seen.add(s);
      let sum = 0;
      for (const f of s.fields) {
        const m = maxSize(f.type, ctx, seen);
        if (m === undefined) return undefined;
        sum += m;
      }
      seen.delete(s);
      return sum;
    }
    default:
      return undefined;
  }
}

type BranchTest = (x: string) => string;

/**
 * One test per branch when every branch holds a different JavaScript type (null, boolean,
 * string, number, bytes, array, object), so the choice needs no validation pass; `undefined`
 * when two branches share a type or a branch is logical or a registered class (the runtime's
 * `selectBranch` decides those).
 */
function exclusiveBranchTests(u: UnionSchema, ctx: CodecContext, H: string): BranchTest[] | undefined {
  const seen = new Set<string>();
  const tests: BranchTest[] = [];
  for (const b of u.branches) {
    if (ctx.logical(b) !== undefined) return undefined;
    let cls: string[];
    let test: BranchTest;
    switch (b.kind) {
      case 'null':
        cls = ['null'];
        test = (x) => `${x} === null || ${x} === undefined`;
        break;
      case 'boolean':
        cls = ['boolean'];
        test = (x) => `typeof ${x} === "boolean"`;
        break;
      case 'string':
      case 'enum':
        cls = ['string'];
        test = (x) => `typeof ${x} === "string"`;
        break;
      case 'int':
      case 'float':
      case 'double':
        cls = ['number'];
        test = (x) => `typeof ${x} === "number"`;
        break;
      case 'long':
        cls = ['number', 'bigint'];
        test = (x) => `(typeof ${x} === "number" || typeof ${x} === "bigint")`;
        break;
      case 'bytes':
      case 'fixed':
        cls = ['bytes'];
        test = (x) => `${x} instanceof Uint8Array`;
        break;
      case 'array':
        cls = ['array'];
        test = (x) => `Array.isArray(${x})`;
        break;
      case 'record':
        if (ctx.constructorOf(b) !== undefined) return undefined;
        cls = ['object'];
        test = (x) => `(typeof ${x} === "object" && ${x} !== null && !Array.isArray(${x}) && !(${x} instanceof Uint8Array))`;
        break;
      case 'map':
        cls = ['object'];
        test = (x) => `${H}.isMapLike(${x})`;
        break;
      case 'union':
        return undefined;
    }
    for (const c of cls) {
      if (seen.has(c)) return undefined;
      seen.add(c);
    }
    tests.push(test);
  }
  return tests;
}

/**
 * Generates an encoder for `schema` that writes straight into the writer's buffer with a
 * local position, checks each value's type inline (failing to a slow path that explains with
 * a path), and reserves room once per run of bounded-size fields.
 */
export function compileEncoder(schema: Schema, ctx: CodecContext): { fn: CompiledEncoder; source: string } {
  const em = new Emitter();
  const H = em.constant(runtime);
  const outlined = outlinedRecords(schema);
  const fnNames = new Map<RecordSchema, string>();
  for (const rec of outlined) fnNames.set(rec, em.local('e'));
  const floats = usesFloats(schema) && LITTLE_ENDIAN;
  if (floats) {
    em.line('const $f32 = new Float32Array(1), $f32b = new Uint8Array($f32.buffer);');
    em.line('const $f64 = new Float64Array(1), $f64b = new Uint8Array($f64.buffer);');
  }

  const ensure = (n: string | number): void => {
    em.line(`if (p + ${n} > buf.length) buf = ${H}.grow(w, p, ${n});`);
  };

  const writeVarint32 = (expr: string): void => {
    const z = em.local('z');
    em.line(`let ${z} = ((${expr} << 1) ^ (${expr} >> 31)) >>> 0;`);
    em.line(`while (${z} > 0x7f) { buf[p++] = (${z} & 0x7f) | 0x80; ${z} >>>= 7; }`);
    em.line(`buf[p++] = ${z};`);
  };

  /** Writes a small non-negative count (array length, union index) with room reserved. */
  const writeCount = (expr: string): void => {
    em.line(`if (${expr} < 0x40) buf[p++] = ${expr} << 1; else p = ${H}.writeLongAt(buf, p, ${expr});`);
  };

  const write = (s: Schema, x: string, reserved: boolean): void => {
    const logical = ctx.logical(s);
    if (logical !== undefined) {
      const raw = em.local('raw');
      em.line(`const ${raw} = ${em.constant(logical)}.toAvro(${x});`);
      writeRaw(s, raw, reserved);
      return;
    }
    writeRaw(s, x, reserved);
  };

  const writeRaw = (s: Schema, x: string, reserved: boolean): void => {
    const bounded = maxSize(s, ctx);
    if (!reserved && bounded !== undefined && bounded > 0 && s.kind !== 'record') {
      ensure(bounded);
      reserved = true;
    }
    switch (s.kind) {
      case 'null':
        em.line(`if (${x} !== null && ${x} !== undefined) ${H}.fail();`);
        return;
      case 'boolean':
        em.line(`if (${x} === true) buf[p++] = 1; else if (${x} === false) buf[p++] = 0; else ${H}.fail();`);
        return;
      case 'int':
        em.line(`if ((${x} | 0) !== ${x}) ${H}.fail();`);
        writeVarint32(x);
        return;
      case 'long':
        em.block(`if (typeof ${x} === "number" && (${x} | 0) === ${x})`, () => writeVarint32(x), ` else p = ${H}.writeAnyLong(buf, p, ${x});`);
        return;
      case 'float':
        em.line(`if (typeof ${x} !== "number") ${H}.fail();`);
        if (floats) {
          em.line(`$f32[0] = ${x}; buf[p] = $f32b[0]; buf[p + 1] = $f32b[1]; buf[p + 2] = $f32b[2]; buf[p + 3] = $f32b[3]; p += 4;`);
        } else em.line(`new DataView(buf.buffer, buf.byteOffset).setFloat32(p, ${x}, true); p += 4;`);
        return;
      case 'double':
        em.line(`if (typeof ${x} !== "number") ${H}.fail();`);
        if (floats) {
          em.line(`$f64[0] = ${x}; buf[p] = $f64b[0]; buf[p + 1] = $f64b[1]; buf[p + 2] = $f64b[2]; buf[p + 3] = $f64b[3];`);
          em.line('buf[p + 4] = $f64b[4]; buf[p + 5] = $f64b[5]; buf[p + 6] = $f64b[6]; buf[p + 7] = $f64b[7]; p += 8;');
        } else em.line(`new DataView(buf.buffer, buf.byteOffset).setFloat64(p, ${x}, true); p += 8;`);
        return;
      case 'string':
        em.line(`if (typeof ${x} !== "string") ${H}.fail();`);
        ensure(`${x}.length * 3 + 5`);
        em.line(`p = ${H}.writeStringAt(buf, p, ${x});`);
        return;
      case 'bytes':
        em.line(`if (!(${x} instanceof Uint8Array)) ${H}.fail();`);
        ensure(`${x}.length + 10`);
        em.line(`p = ${H}.writeLongAt(buf, p, ${x}.length); buf.set(${x}, p); p += ${x}.length;`);
        return;
      case 'fixed':
        em.line(`if (!(${x} instanceof Uint8Array) || ${x}.length !== ${s.size}) ${H}.fail();`);
        if (!reserved) ensure(s.size);
        em.line(`buf.set(${x}, p); p += ${s.size};`);
        return;
      case 'enum': {
        const i = em.local('i');
        if (s.symbols.length <= 16) {
          em.line(`let ${i};`);
          em.block(`switch (${x})`, () => {
            s.symbols.forEach((sym, si) => em.line(`case ${lit(sym)}: ${i} = ${si}; break;`));
            em.line(`default: ${H}.fail();`);
          });
        } else {
          const index = new Map(s.symbols.map((sym, si) => [sym, si]));
          em.line(`const ${i} = ${em.constant(index)}.get(${x});`);
          em.line(`if (${i} === undefined) ${H}.fail();`);
        }
        writeVarint32(i);
        return;
      }
      case 'array': {
        const n = em.local('n');
        em.line(`if (!Array.isArray(${x})) ${H}.fail();`);
        em.line(`const ${n} = ${x}.length;`);
        em.block(`if (${n} > 0)`, () => {
          ensure(10);
          writeCount(n);
          const j = em.local('j');
          em.block(`for (let ${j} = 0; ${j} < ${n}; ${j}++)`, () => {
            const item = em.local('x');
            em.line(`const ${item} = ${x}[${j}];`);
            write(s.items, item, false);
          });
        });
        ensure(1);
        em.line('buf[p++] = 0;');
        return;
      }
      case 'map': {
        const ks = em.local('ks');
        const n = em.local('n');
        em.line(`if (!${H}.isMapLike(${x})) ${H}.fail();`);
        em.line(`const ${ks} = Object.keys(${x}), ${n} = ${ks}.length;`);
        em.block(`if (${n} > 0)`, () => {
          ensure(10);
          writeCount(n);
          const j = em.local('j');
          em.block(`for (let ${j} = 0; ${j} < ${n}; ${j}++)`, () => {
            const k = em.local('key');
            em.line(`const ${k} = ${ks}[${j}];`);
            ensure(`${k}.length * 3 + 5`);
            em.line(`p = ${H}.writeStringAt(buf, p, ${k});`);
            const item = em.local('x');
            em.line(`const ${item} = ${x}[${k}];`);
            write(s.values, item, false);
          });
        });
        ensure(1);
        em.line('buf[p++] = 0;');
        return;
      }
      case 'union': {
        const nullAt = s.branches.findIndex((b) => b.kind === 'null');
        if (s.branches.length === 2 && nullAt >= 0) {
          const other = s.branches[1 - nullAt]!;
          em.block(`if (${x} === null || ${x} === undefined)`, () => {
            ensure(1);
            em.line(`buf[p++] = ${nullAt << 1};`);
          }, ' else {');
          em.indent(() => {
            ensure(1);
            em.line(`buf[p++] = ${(1 - nullAt) << 1};`);
            write(other, x, false);
          });
          em.line('}');
          return;
        }
        const tests = exclusiveBranchTests(s, ctx, H);
        if (tests !== undefined) {
          // Each branch owns one JavaScript type: a chain of typeof checks picks it.
          s.branches.forEach((b, bi) => {
            em.block(`${bi === 0 ? '' : 'else '}if (${tests[bi]!(x)})`, () => {
              ensure(10);
              em.line(bi < 64 ? `buf[p++] = ${bi << 1};` : `p = ${H}.writeLongAt(buf, p, ${bi});`);
              write(b, x, false);
            });
          });
          em.line(`else ${H}.fail();`);
          return;
        }
        const i = em.local('i');
        em.line(`const ${i} = ${H}.selectBranch(${em.constant(s)}, ${x}, ${em.constant(ctx)});`);
        ensure(10);
        em.block(`switch (${i})`, () => {
          s.branches.forEach((b, bi) => {
            em.block(`case ${bi}:`, () => {
              em.line(bi < 64 ? `buf[p++] = ${bi << 1};` : `p = ${H}.writeLongAt(buf, p, ${bi});`);
              write(b, x, false);
              em.line('break;');
            });
          });
          em.line(`default: ${H}.fail();`);
        });
        return;
      }
      case 'record': {
        const fn = fnNames.get(s);
        if (fn !== undefined) {
          em.line(`w.pos = p; ${fn}(${x}, w); buf = w.buf; p = w.pos;`);
          return;
        }
        writeRecordBody(s, x, reserved);
        return;
      }
    }
  };

  const writeRecordBody = (s: RecordSchema, x: string, reserved: boolean): void => {
    em.line(`if (typeof ${x} !== "object" || ${x} === null) ${H}.fail();`);
    let i = 0;
    const fields = s.fields;
    while (i < fields.length) {
      // Group a run of bounded-size fields under one capacity check.
      let j = i;
      let run = 0;
      while (j < fields.length) {
        const m = maxSize(fields[j]!.type, ctx);
        if (m === undefined) break;
        run += m;
        j++;
      }
      if (j > i) {
        if (!reserved && run > 0) ensure(run);
        for (let k = i; k < j; k++) writeField(fields[k]!, x, true);
        i = j;
      } else {
        writeField(fields[i]!, x, reserved);
        i++;
      }
    }
  };

  const writeField = (f: RecordSchema['fields'][number], x: string, reserved: boolean): void => {
    const v = em.local('x');
    // Names Object.prototype also has must not read its members when the field is missing.
    const inherited = Object.prototype.hasOwnProperty.call(Object.prototype, f.name);
    const read = inherited ? `${H}.readField(${x}, ${lit(f.name)})` : prop(x, f.name);
    const def = fieldDefault(f, ctx);
    if (def === undefined) em.line(`const ${v} = ${read};`);
    else {
      // A missing field takes its default, as in avsc (and the interpreted codec).
      em.line(`let ${v} = ${read};`);
      em.line(`if (${v} === undefined) ${v} = ${em.constant(def)}.value;`);
    }
    write(f.type, v, reserved);
  };

  const prologue = (): void => {
    em.line('let buf = w.buf, p = w.pos;');
  };

  for (const [rec, fn] of fnNames) {
    em.block(`function ${fn}(x, w)`, () => {
      prologue();
      writeRecordBody(rec, 'x', false);
      em.line('w.pos = p;');
    });
  }
  em.block('return function encode(x, w)', () => {
    prologue();
    write(schema, 'x', false);
    em.line('w.pos = p;');
  }, ';');
  return { fn: em.build<CompiledEncoder>(), source: em.source() };
}
