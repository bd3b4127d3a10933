import type { CodecContext } from '../codec/context.js';
import { minEncodedSize } from '../codec/sizes.js';
import type { RecordSchema, Schema } from '../schema/model.js';
import { outlinedRecords, usesFloats, usesText } from './cycles.js';
import { Emitter, key } from './emit.js';
import { declareFloatViews, emitFloatRead, emitLength, emitVarint } from './emit-read.js';
import { LITTLE_ENDIAN, runtime } from './runtime.js';
import { makeRecordConstructor } from './record-constructor.js';
import type { DecodeState } from './runtime.js';

export type CompiledDecoder = (r: DecodeState) => unknown;

/**
 * Generates a decoder for `schema`: one function that reads with a local position, inlines
 * every record used once (not recursive), array, map and union, and builds each record with a single
 * object literal (or a generated constructor bound to the record's class). Records on a
 * cycle get functions of their own. Reads past `end` leave `p > end`, checked once at the end.
 */
export function compileDecoder(schema: Schema, ctx: CodecContext): { fn: CompiledDecoder; source: string } {
  const em = new Emitter();
  const H = em.constant(runtime);
  const outlined = outlinedRecords(schema);
  const fnNames = new Map<RecordSchema, string>();
  for (const rec of outlined) fnNames.set(rec, em.local('d'));
  const floats = usesFloats(schema) && LITTLE_ENDIAN;
  const windows = runtime.latin1 !== undefined && usesText(schema);
  if (floats) declareFloatViews(em);

  const readVarint = (target: string, slow: 'readInt' | 'readLong'): void => emitVarint(em, H, target, slow);

  /**
   * Reads `n` bytes of UTF-8 at `p` into `target`. On Node, a run of ASCII bytes (several
   * short strings with their one-byte length prefixes, map keys, …) is sliced once into a
   * window string, and each string inside it is a substring: one native call for many strings.
   */
  const readText = (target: string, n: string): void => {
    if (!windows) {
      em.line(`${target} = ${H}.decodeUtf8(buf, p, p + ${n}); p += ${n};`);
      return;
    }
    em.line(`if (p >= $ws && p + ${n} <= $we) ${target} = $win.substring(p - $ws, p - $ws + ${n});`);
    em.line(`else { const q = ${H}.asciiEnd(buf, p, end); if (p + ${n} > q) ${target} = ${H}.decodeUtf8(buf, p, p + ${n});`);
    em.line(`  else if (q - p < ${n} + 16) ${target} = ${H}.latin1(buf, p, p + ${n});`);
    em.line(`  else { $win = ${H}.latin1(buf, p, q); $ws = p; $we = q; ${target} = $win.substring(0, ${n}); } }`);
    em.line(`p += ${n};`);
  };

  const readLength = (target: string): void => emitLength(em, H, target);

  const readInto = (s: Schema, target: string, depth: string): void => {
    const logical = ctx.logical(s);
    if (logical !== undefined) {
      const raw = em.local('raw');
      em.line(`let ${raw};`);
      readRaw(s, raw, depth);
      em.line(`${target} = ${em.constant(logical)}.fromAvro(${raw});`);
      return;
    }
    readRaw(s, target, depth);
  };

  const readRaw = (s: Schema, target: string, depth: string): void => {
    switch (s.kind) {
      case 'null':
        em.line(`${target} = null;`);
        return;
      case 'boolean': {
        const b = em.local('b');
        em.line(`const ${b} = buf[p++];`);
        em.line(`if (${b} > 1) ${H}.fail();`);
        em.line(`${target} = ${b} === 1;`);
        return;
      }
      case 'int':
        readVarint(target, 'readInt');
        return;
      case 'long':
        if (ctx.longs === 'bigint' || ctx.logical(s)?.rawLongs === 'bigint') {
          em.line(`r.pos = p; ${target} = ${H}.readBigLong(r); p = r.pos;`);
        } else readVarint(target, 'readLong');
        return;
      case 'float':
      case 'double':
        emitFloatRead(em, H, s.kind, target, floats);
        return;
      case 'string': {
        const n = em.local('n');
        em.line(`let ${n};`);
        readLength(n);
        readText(target, n);
        return;
      }
      case 'bytes': {
        const n = em.local('n');
        em.line(`let ${n};`);
        readLength(n);
        em.line(`${target} = ${H}.copyBytes(buf, p, p + ${n}); p += ${n};`);
        return;
      }
      case 'fixed':
        em.line(`if (p + ${s.size} > end) ${H}.fail();`);
        em.line(`${target} = ${H}.copyBytes(buf, p, p + ${s.size}); p += ${s.size};`);
        return;
      case 'enum': {
        const i = em.local('i');
        em.line(`let ${i};`);
        readVarint(i, 'readInt');
        em.line(`${target} = ${em.constant(s.symbols)}[${i}];`);
        em.line(`if (${target} === undefined) ${H}.fail();`);
        return;
      }
      case 'union': {
        const i = em.local('i');
        em.line(`let ${i};`);
        readVarint(i, 'readLong');
        em.block(`switch (${i})`, () => {
          s.branches.forEach((b, bi) => {
            em.block(`case ${bi}:`, () => {
              readInto(b, target, depth);
              em.line('break;');
            });
          });
          em.line(`default: ${H}.fail();`);
        });
        return;
      }
      case 'array':
      case 'map': {
        const isMap = s.kind === 'map';
        const item = isMap ? s.values : s.items;
        const itemMin = isMap ? 1 : minEncodedSize(item);
        const n = em.local('n');
        const out = em.local('a');
        em.line(`const ${out} = ${isMap ? '{}' : '[]'};`);
        em.block('for (;;)', () => {
          em.line(`let ${n};`);
          readVarint(n, 'readLong');
          em.line(`if (${n} === 0) break;`);
          em.block(`if (${n} < 0)`, () => {
            const size = em.local('size');
            em.line(`${n} = -${n}; let ${size};`);
            readVarint(size, 'readLong');
            em.line(`if (${size} < 0) ${H}.fail();`);
          });
          em.line(
            itemMin > 0
              ? `if (${n} * ${itemMin} > end - p) ${H}.tooMany(${n}, p);`
              : `if (${n} > ${ctx.limits.maxItems}) ${H}.tooMany(${n}, p);`,
          );
          if (!isMap && (item.kind === 'double' || item.kind === 'float') && LITTLE_ENDIAN && ctx.logical(item) === undefined) {
            // A block of floating-point numbers: one copy into an aligned view, then a loop.
            em.line(`p = ${H}.${item.kind === 'double' ? 'readDoubles' : 'readFloats'}(buf, p, ${n}, ${out});`);
            return;
          }
          const j = em.local('j');
          em.block(`for (let ${j} = 0; ${j} < ${n}; ${j}++)`, () => {
            if (isMap) {
              const k = em.local('key');
              em.line(`let ${k};`);
              const kn = em.local('n');
              em.line(`let ${kn};`);
              readLength(kn);
              readText(k, kn);
              const x = em.local('x');
              em.line(`let ${x};`);
              readInto(item, x, depth);
              em.line(`if (${k} === "__proto__") ${H}.setOwn(${out}, ${k}, ${x}); else ${out}[${k}] = ${x};`);
            } else {
              const x = em.local('x');
              em.line(`let ${x};`);
              readInto(item, x, depth);
              em.line(`${out}.push(${x});`);
            }
          });
        });
        em.line(`${target} = ${out};`);
        return;
      }
      case 'record': {
        const fn = fnNames.get(s);
        if (fn !== undefined) {
          em.line(`r.pos = p; ${target} = ${fn}(r, ${depth} + 1); p = r.pos;`);
          return;
        }
        readRecordBody(s, target, depth);
        return;
      }
    }
  };

  const readRecordBody = (s: RecordSchema, target: string, depth: string): void => {
    const locals = s.fields.map(() => em.local('f'));
    s.fields.forEach((f, i) => {
      em.line(`let ${locals[i]};`);
      readInto(f.type, locals[i]!, depth);
    });
    const ctor = ctx.constructorOf(s);
    if (ctor === undefined) {
      const parts = s.fields.map((f, i) => `${key(f.name)}: ${locals[i]}`);
      em.line(`${target} = {${parts.join(', ')}};`);
    } else {
      em.line(`${target} = new ${em.constant(makeRecordConstructor(s, ctor))}(${locals.join(', ')});`);
    }
  };

  const prologue = (): void => {
    em.line('const buf = r.buf, end = r.end;');
    em.line('let p = r.pos;');
    if (windows) em.line('let $win = "", $ws = 0, $we = 0;');
  };

  for (const [rec, fn] of fnNames) {
    em.block(`function ${fn}(r, depth)`, () => {
      em.line(`if (depth > ${ctx.limits.maxDepth}) ${H}.fail();`);
      prologue();
      em.line('let v;');
      readRecordBody(rec, 'v', 'depth');
      em.line('r.pos = p;');
      em.line('return v;');
    });
  }
  em.block('return function decode(r)', () => {
    prologue();
    em.line('let v;');
    readInto(schema, 'v', '0');
    em.line(`if (p > end) ${H}.fail();`);
    em.line('r.pos = p;');
    em.line('return v;');
  }, ';');
  return { fn: em.build<CompiledDecoder>(), source: em.source() };
}
