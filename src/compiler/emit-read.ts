/**
 * Emission of the reads every generated reader shares (plain decoders and resolving readers):
 * zig-zag varints, length prefixes and floating-point numbers. Generated code keeps the read
 * position in a local `p` over `buf` and checks `p > end` once at the end.
 */
import type { Emitter } from './emit.js';

/**
 * Reads a zig-zag varint into `target` (a number): 1-2 bytes inline, then the rest of an int
 * (with its range check) or of a long (in a double while exact, 49 bits) inline too; anything
 * longer or out of range goes to the runtime's bounds-checked `slow` reader (parameter `H`).
 */
export function emitVarint(em: Emitter, H: string, target: string, slow: 'readInt' | 'readLong'): void {
  const b = em.local('b');
  em.line(`let ${b} = buf[p];`);
  em.line(`if (${b} < 0x80) { p++; ${target} = (${b} >>> 1) ^ -(${b} & 1); }`);
  em.line(`else if (buf[p + 1] < 0x80) { ${b} = (${b} & 0x7f) | (buf[p + 1] << 7); p += 2; ${target} = (${b} >>> 1) ^ -(${b} & 1); }`);
  if (slow === 'readLong') {
    const m = em.local('m');
    const q = em.local('q');
    em.line(`else { const ${q} = p; ${b} &= 0x7f; let ${m} = 128; p++;`);
    em.line(`  do { const c = buf[p++]; ${b} += (c & 0x7f) * ${m}; ${m} *= 128; if (c < 0x80) break; } while (${m} < 0x2000000000000);`);
    em.line(`  if (${m} >= 0x2000000000000 && buf[p - 1] >= 0x80) { r.pos = ${q}; ${target} = ${H}.readLong(r); p = r.pos; }`);
    em.line(`  else ${target} = ${b} % 2 === 0 ? ${b} / 2 : -(${b} + 1) / 2; }`);
    return;
  }
  const q = em.local('q');
  const sh = em.local('sh');
  em.line(`else { let ${q} = p, ${sh} = 0, c; ${b} = 0;`);
  em.line(`  do { c = buf[${q}++]; ${b} |= (c & 0x7f) << ${sh}; ${sh} += 7; } while (c >= 0x80 && ${sh} < 35);`);
  em.line(`  if (c >= 0x80 || (${sh} === 35 && c > 0x0f)) { r.pos = p; ${target} = ${H}.readInt(r); p = r.pos; }`);
  em.line(`  else { p = ${q}; ${target} = (${b} >>> 1) ^ -(${b} & 1); } }`);
}

/** Reads a length prefix into `target` and checks it against the bytes left. */
export function emitLength(em: Emitter, H: string, target: string): void {
  emitVarint(em, H, target, 'readLong');
  em.line(`if (${target} < 0 || ${target} > end - p) ${H}.fail();`);
}

/**
 * Declares the scratch views float reads and writes use (little-endian hosts); once, at the top
 * of a unit. `$` keeps them apart from generated locals (a prefix and a number).
 */
export function declareFloatViews(em: Emitter): void {
  em.line('const $f32 = new Float32Array(1), $f32b = new Uint8Array($f32.buffer);');
  em.line('const $f64 = new Float64Array(1), $f64b = new Uint8Array($f64.buffer);');
}

/** Reads a float or double into `target`: through the scratch views, or the runtime's reader. */
export function emitFloatRead(em: Emitter, H: string, kind: 'float' | 'double', target: string, views: boolean): void {
  if (!views) {
    em.line(`r.pos = p; ${target} = ${H}.${kind === 'float' ? 'readFloat' : 'readDouble'}(r); p = r.pos;`);
    return;
  }
  if (kind === 'float') {
    em.line('$f32b[0] = buf[p]; $f32b[1] = buf[p + 1]; $f32b[2] = buf[p + 2]; $f32b[3] = buf[p + 3];');
    em.line(`p += 4; ${target} = $f32[0];`);
    return;
  }
  em.line('$f64b[0] = buf[p]; $f64b[1] = buf[p + 1]; $f64b[2] = buf[p + 2]; $f64b[3] = buf[p + 3];');
  em.line('$f64b[4] = buf[p + 4]; $f64b[5] = buf[p + 5]; $f64b[6] = buf[p + 6]; $f64b[7] = buf[p + 7];');
  em.line(`p += 8; ${target} = $f64[0];`);
}
