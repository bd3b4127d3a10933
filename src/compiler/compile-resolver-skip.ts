/**
 * Precomputed skippers for what the writer wrote and the reader does not want: generated code
 * that moves past a value without decoding it. Runs of fixed-size values (floats, doubles,
 * fixed, booleans, records of those) collapse into one position bump, and arrays of
 * fixed-size items skip a whole block at once.
 */
import { minEncodedSize } from '../codec/sizes.js';
import type { RecordSchema, Schema } from '../schema/model.js';
import { recursiveRecords } from './cycles.js';
import type { Gen } from './compile-resolver-leaves.js';

/** Encoded size of every value of `s` when it is the same for all values, else undefined. */
export function constantSize(s: Schema, seen: Set<Schema> = new Set()): number | undefined {
  switch (s.kind) {
    case 'null':
      return 0;
    case 'boolean':
      return 1;
    case 'float':
      return 4;
    case 'double':
      return 8;
    case 'fixed':
      return s.size;
    case 'record': {
      if (seen.has(s)) return undefined;
      seen.add(s);
      let n = 0;
      for (const f of s.fields) {
        const c = constantSize(f.type, seen);
        if (c === undefined) return undefined;
        n += c;
      }
      seen.delete(s);
      return n;
    }
    default:
      return undefined;
  }
}

/**
 * Emits skip code into one generated unit. Records on a cycle get skip functions of their
 * own: collect them with {@link SkipEmitter.need} before emitting, then call
 * {@link SkipEmitter.emitFunctions} at the top level of the unit.
 */
export class SkipEmitter {
  private readonly fns = new Map<RecordSchema, string>();
  private readonly refs = new Map<RecordSchema, number>();

  constructor(private readonly g: Gen) {}

  /**
   * Registers the skip functions that skipping `s` will call: records on a cycle, and records
   * skipped from more than one place (counted across every call), so that the source stays
   * linear in the schema's size. Records of constant size are always one position bump.
   */
  need(s: Schema): void {
    const outline = (rec: RecordSchema): void => {
      if (!this.fns.has(rec) && constantSize(rec) === undefined) this.fns.set(rec, this.g.em.local('s'));
    };
    for (const rec of recursiveRecords(s)) outline(rec);
    const visit = (x: Schema): void => {
      switch (x.kind) {
        case 'record': {
          const n = (this.refs.get(x) ?? 0) + 1;
          this.refs.set(x, n);
          if (n > 1) {
            outline(x);
            return;
          }
          for (const f of x.fields) visit(f.type);
          return;
        }
        case 'array':
          visit(x.items);
          return;
        case 'map':
          visit(x.values);
          return;
        case 'union':
          for (const b of x.branches) visit(b);
          return;
        default:
          return;
      }
    };
    visit(s);
  }

  /** Emits the functions registered with {@link need} (top level of the unit). */
  emitFunctions(): void {
    for (const [rec, fn] of this.fns) {
      this.g.em.block(`function ${fn}(r, depth)`, () => {
        // Skipping nests as deep as the data says: bound it like decoding.
        this.g.em.line(`if (depth > ${this.g.ctx.limits.maxDepth}) ${this.g.H}.fail();`);
        this.g.em.line('const buf = r.buf, end = r.end;');
        this.g.em.line('let p = r.pos;');
        this.fields(rec.fields.map((f) => f.type), 'depth');
        this.g.em.line('r.pos = p;');
      });
    }
  }

  /** Emits code that skips one value of each schema in turn; `depth` is the nesting expression. */
  fields(schemas: readonly Schema[], depth: string): void {
    let pending = 0;
    const flush = (): void => {
      if (pending > 0) this.g.em.line(`p += ${pending};`);
      pending = 0;
    };
    for (const s of schemas) {
      const c = constantSize(s);
      if (c !== undefined) pending += c;
      else {
        flush();
        this.skip(s, depth);
      }
    }
    flush();
  }

  /** Emits code that skips one value of `s`. */
  skip(s: Schema, depth: string): void {
    const { em, H } = this.g;
    const c = constantSize(s);
    if (c !== undefined) {
      if (c > 0) em.line(`p += ${c};`);
      return;
    }
    switch (s.kind) {
      case 'int':
      case 'long':
      case 'enum': {
        // At most 10 bytes, as the interpreted reader allows.
        const q = em.local('q');
        em.line(`const ${q} = p + 10;`);
        em.line(`while (buf[p++] >= 0x80) { if (p === ${q}) ${H}.fail(); }`);
        return;
      }
      case 'string':
      case 'bytes': {
        const n = em.local('n');
        em.line(`let ${n};`);
        this.g.readLength(n);
        em.line(`p += ${n};`);
        return;
      }
      case 'record': {
        const fn = this.fns.get(s);
        if (fn !== undefined) em.line(`r.pos = p; ${fn}(r, ${depth} + 1); p = r.pos;`);
        else this.fields(s.fields.map((f) => f.type), depth);
        return;
      }
      case 'union': {
        const i = em.local('i');
        em.line(`let ${i};`);
        this.g.readVarint(i, 'readLong');
        em.block(`switch (${i})`, () => {
          s.branches.forEach((b, bi) => {
            em.block(`case ${bi}:`, () => {
              this.skip(b, depth);
              em.line('break;');
            });
          });
          em.line(`default: ${H}.fail();`);
        });
        return;
      }
      case 'array':
      case 'map':
        this.blocks(s.kind === 'map', s.kind === 'map' ? s.values : s.items, depth);
        return;
      default:
        return;
    }
  }

  private blocks(isMap: boolean, item: Schema, depth: string): void {
    const { em, H, ctx } = this.g;
    const itemMin = isMap ? 1 : minEncodedSize(item);
    const itemSize = isMap ? undefined : constantSize(item);
    const n = em.local('n');
    em.block('for (;;)', () => {
      em.line(`let ${n};`);
      this.g.readVarint(n, 'readLong');
      em.line(`if (${n} === 0) break;`);
      em.block(`if (${n} < 0)`, () => {
        // A block with its byte size: skip it whole.
        const size = em.local('size');
        em.line(`let ${size};`);
        this.g.readVarint(size, 'readLong');
        em.line(`if (${size} < 0 || ${size} > end - p) ${H}.fail();`);
        em.line(`p += ${size};`);
        em.line('continue;');
      });
      em.line(
        itemMin > 0
          ? `if (${n} * ${itemMin} > end - p) ${H}.tooMany(${n}, p);`
          : `if (${n} > ${ctx.limits.maxItems}) ${H}.tooMany(${n}, p);`,
      );
      if (itemSize !== undefined) {
        if (itemSize > 0) em.line(`p += ${n} * ${itemSize};`);
        return;
      }
      const j = em.local('j');
      em.block(`for (let ${j} = 0; ${j} < ${n}; ${j}++)`, () => {
        if (isMap) this.skip({ kind: 'string', attrs: {} }, depth);
        this.skip(item, depth);
      });
    });
  }
}
