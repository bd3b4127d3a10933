import type { CodecContext } from '../codec/context.js';
import { minEncodedSize } from '../codec/sizes.js';
import type { RecordSchema, Schema } from '../schema/model.js';
import { outlinedRecords, usesFloats, usesText } from './cycles.js';
import { Emitter, key } from './emit.js';
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
  if (floats) {
    em.line('const $f32 = new Float32Array(1), $f32b = new Uint8Array($f32.buffer);');
    em.line('const $f64 = new Float64Array(1), $f64b = new Uint8Array($f64.buffer);');
  }

  /** Emits code reading a varint-encoded int/long into `target` (number). */
  const readVarint = (target: string, slow: 'readInt' | 'readLong'): void => {
    const b = em.local('b');
    em.line(`let ${b} = buf[p];`);
    em.line(`if (${b} < 0x80) { p++; ${target} = (${b} >>> 1) ^ -(${b} & 1); }`);
    em.line(`else if (buf[p + 1] < 0x80) { ${b} = (${b} & 0x7f) | (buf[p + 1] << 7); p += 2; ${target} = (${b} >>> 1) ^ -(${b} & 1); }`);
    if (slow === 'readLong') {
      // Longs past 14 bits (timestamps, ids): accumulate in a double while exact (49 bits).
      const m = em.local('m');
      const q = em.local('q');
      em.line(`else { const ${q} = p; ${b} &= 0x7f; let ${m} = 128; p++;`);
      em.line(`  do { const c = buf[p++]; ${b} += (c & 0x7f) * ${m}; ${m} *= 128; if (c < 0x80) break; } while (${m} < 0x2000000000000);`);
      em.line(`  if (${m} >= 0x2000000000000 && buf[p - 1] >= 0x80) { r.pos = ${q}; ${target} = ${H}.readLong(r); p = r.pos; }`);
      em.line(`  else ${target} = ${b} % 2 === 0 ? ${b} / 2 : -(${b} + 1) / 2; }`);
      return;
    }
    // Ints past 14 bits: the rest of the (at most 5-byte) varint inline, with its range check.
    const q = em.local('q');
    const sh = em.local('sh');
    em.line(`else { let ${q} = p, ${sh} = 0, c; ${b} = 0;`);
    em.line(`  do { c = buf[${q}++]; ${b} |= (c & 0x7f) << ${sh}; ${sh} += 7; } while (c >= 0x80 && ${sh} < 35);`);
    em.line(`  if (c >= 0x80 || (${sh} === 35 && c > 0x0f)) { r.pos = p; ${target} = ${H}.${slow}(r); p = r.pos; }`);
    em.line(`  else { p = ${q}; ${target} = (${b} >>> 1) ^ -(${b} & 1); } }`);
  };

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

  const readLength = (target: string): void => {
    readVarint(target, 'readLong');
    em.line(`if (${target} < 0 || ${target} > end - p) ${H}.fail();`);
  };

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
        if (floats) {
          em.line('$f32b[0] = buf[p]; $f32b[1] = buf[p + 1]; $f32b[2] = buf[p + 2]; $f32b[3] = buf[p + 3];');
          em.line(`p += 4; ${target} = $f32[0];`);
        } else em.line(`r.pos = p; ${target} = ${H}.readFloat(r); p = r.pos;`);
        return;
      case 'double':
        if (floats) {
          em.line('$f64b[0] = buf[p]; $f64b[1] = buf[p + 1]; $f64b[2] = buf[p + 2]; $f64b[3] = buf[p + 3];');
          em.line('$f64b[4] = buf[p + 4]; $f64b[5] = buf[p + 5]; $f64b[6] = buf[p + 6]; $f64b[7] = buf[p + 7];');
          em.line(`p += 8; ${target} = $f64[0];`);
        } else em.line(`r.pos = p; ${target} = ${H}.readDouble(r); p = r.pos;`);
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
