/**
 * Generates a resolving reader from a resolution plan: one function that reads the writer's
 * encoding and builds the reader's values, like the plain compiled decoder (local position,
 * inlined records, one object literal or generated constructor per record). Writer fields the
 * reader does not want are skipped by precomputed skippers; reader fields the writer lacks
 * take their defaults. Any failure throws; the caller re-runs the interpreted resolver to say
 * precisely what and where.
 */
import type { CodecContext } from '../codec/context.js';
import type { FieldSchema, RecordSchema } from '../schema/model.js';
import { childPlans } from '../resolution/analyze.js';
import type { Plan, RecordPlan } from '../resolution/plan.js';
import { usesFloats } from './cycles.js';
import { declareFloatViews, emitPrimitive, emitPromotion, makeGen } from './compile-resolver-leaves.js';
import type { Gen } from './compile-resolver-leaves.js';
import { SkipEmitter } from './compile-resolver-skip.js';
import { minEncodedSize } from '../codec/sizes.js';
import { Emitter, key } from './emit.js';
import { LITTLE_ENDIAN } from './runtime.js';
import { makeRecordConstructor } from './record-constructor.js';
import type { DecodeState } from './runtime.js';

export type CompiledResolver = (r: DecodeState) => unknown;

/** A reader field's default: a constant, or a factory for values callers may mutate. */
export type DefaultSource = { readonly value: unknown } | { readonly make: () => unknown };

/**
 * Compiles `plan`. `defaultOf` gives each reader-only field's default (already converted and
 * checked by the caller). The plan must have no build problems (the caller checks).
 */
export function compileResolver(
  plan: Plan, ctx: CodecContext, defaultOf: (field: FieldSchema, path: string) => DefaultSource,
): { fn: CompiledResolver; source: string } {
  const em = new Emitter();
  // Everything read or skipped is in the writer's graph.
  const floats = LITTLE_ENDIAN && usesFloats(plan.writer);
  if (floats) declareFloatViews(em);
  const g = makeGen(em, ctx, floats);
  const skipper = new SkipEmitter(g);
  const fnNames = new Map<RecordPlan, string>();
  for (const p of outlinedPlans(plan)) fnNames.set(p, em.local('d'));
  forEachPlan(plan, (p) => {
    if (p.op === 'record') for (const f of p.fields) if (f.plan === undefined) skipper.need(f.writerField.type);
  });
  skipper.emitFunctions();

  const read = (p: Plan, target: string, depth: string): void => {
    const logical = p.op === 'fail' ? undefined : ctx.logical(p.reader);
    if (logical === undefined) {
      readRaw(p, target, depth);
      return;
    }
    const raw = em.local('raw');
    em.line(`let ${raw};`);
    readRaw(p, raw, depth);
    em.line(`${target} = ${em.constant(logical)}.fromAvro(${raw});`);
  };

  const readRaw = (p: Plan, target: string, depth: string): void => {
    switch (p.op) {
      case 'same':
        emitPrimitive(g, p.reader.kind as Parameters<typeof emitPrimitive>[1], target);
        return;
      case 'promote':
        emitPromotion(g, p, target);
        return;
      case 'fixed': {
        const size = p.reader.size;
        em.line(`if (p + ${size} > end) ${g.H}.fail();`);
        em.line(`${target} = ${g.H}.copyBytes(buf, p, p + ${size}); p += ${size};`);
        return;
      }
      case 'enum': {
        const i = em.local('i');
        em.line(`let ${i};`);
        g.readVarint(i, 'readInt');
        // Out of range and unknown-without-default both land here; the interpreted rerun tells which.
        em.line(`${target} = ${em.constant(p.symbols)}[${i}];`);
        em.line(`if (${target} === undefined) ${g.H}.fail();`);
        return;
      }
      case 'writer-union': {
        const i = em.local('i');
        em.line(`let ${i};`);
        g.readVarint(i, 'readLong');
        em.block(`switch (${i})`, () => {
          p.branches.forEach((b, bi) => {
            em.block(`case ${bi}:`, () => {
              read(b, target, depth);
              em.line('break;');
            });
          });
          em.line(`default: ${g.H}.fail();`);
        });
        return;
      }
      case 'array':
      case 'map':
        readBlocks(p, target, depth);
        return;
      case 'record': {
        const fn = fnNames.get(p);
        if (fn !== undefined) em.line(`r.pos = p; ${target} = ${fn}(r, ${depth} + 1); p = r.pos;`);
        else readRecord(p, target, depth);
        return;
      }
      case 'fail':
        em.line(`${g.H}.fail();`);
        return;
    }
  };

  const readBlocks = (p: Extract<Plan, { op: 'array' | 'map' }>, target: string, depth: string): void => {
    const isMap = p.op === 'map';
    const item = p.op === 'map' ? p.values : p.items;
    const itemMin = isMap ? 1 : minEncodedSize(item.writer);
    const n = em.local('n');
    const out = em.local('a');
    em.line(`const ${out} = ${isMap ? '{}' : '[]'};`);
    em.block('for (;;)', () => {
      em.line(`let ${n};`);
      g.readVarint(n, 'readLong');
      em.line(`if (${n} === 0) break;`);
      em.block(`if (${n} < 0)`, () => {
        const size = em.local('size');
        em.line(`${n} = -${n}; let ${size};`);
        g.readVarint(size, 'readLong');
      });
      em.line(
        itemMin > 0
          ? `if (${n} * ${itemMin} > end - p) ${g.H}.tooMany(${n}, p);`
          : `if (${n} > ${ctx.limits.maxItems}) ${g.H}.tooMany(${n}, p);`,
      );
      const j = em.local('j');
      em.block(`for (let ${j} = 0; ${j} < ${n}; ${j}++)`, () => {
        const x = em.local('x');
        if (isMap) {
          const k = em.local('key');
          em.line(`let ${k};`);
          emitPrimitive(g, 'string', k);
          em.line(`let ${x};`);
          read(item, x, depth);
          em.line(`if (${k} === "__proto__") ${g.H}.setOwn(${out}, ${k}, ${x}); else ${out}[${k}] = ${x};`);
        } else {
          em.line(`let ${x};`);
          read(item, x, depth);
          em.line(`${out}.push(${x});`);
        }
      });
    });
    em.line(`${target} = ${out};`);
  };

  const readRecord = (p: RecordPlan, target: string, depth: string): void => {
    const rec = p.reader;
    const locals = rec.fields.map(() => em.local('f'));
    if (locals.length > 0) em.line(`let ${locals.join(', ')};`);
    // Consecutive skipped writer fields are skipped as one run (fixed sizes add up).
    let run: FieldSchema[] = [];
    const flush = (): void => {
      if (run.length > 0) skipper.fields(run.map((f) => f.type), depth);
      run = [];
    };
    for (const step of p.fields) {
      if (step.plan === undefined) {
        run.push(step.writerField);
        continue;
      }
      flush();
      read(step.plan, locals[step.readerIndex]!, depth);
    }
    flush();
    for (const d of p.defaults) {
      const src = defaultOf(d.field, d.path);
      em.line('value' in src
        ? `${locals[d.readerIndex]} = ${em.constant(src.value)};`
        : `${locals[d.readerIndex]} = ${em.constant(src.make)}();`);
    }
    const ctor = ctx.constructorOf(rec);
    if (ctor === undefined) {
      const parts = rec.fields.map((f, i) => `${key(f.name)}: ${locals[i]}`);
      em.line(`${target} = {${parts.join(', ')}};`);
    } else {
      em.line(`${target} = new ${em.constant(makeRecordConstructor(rec, ctor))}(${locals.join(', ')});`);
    }
  };

  const prologue = (): void => {
    em.line('const buf = r.buf, end = r.end;');
    em.line('let p = r.pos;');
  };

  for (const [rp, fn] of fnNames) {
    em.block(`function ${fn}(r, depth)`, () => {
      em.line(`if (depth > ${ctx.limits.maxDepth}) ${g.H}.fail();`);
      prologue();
      em.line('let v;');
      readRecord(rp, 'v', 'depth');
      em.line('r.pos = p;');
      em.line('return v;');
    });
  }
  em.block('return function resolve(r)', () => {
    prologue();
    em.line('let v;');
    read(plan, 'v', '0');
    em.line(`if (p > end) ${g.H}.fail();`);
    em.line('r.pos = p;');
    em.line('return v;');
  }, ';');
  return { fn: em.build<CompiledResolver>(), source: em.source() };
}

/** Calls `fn` once for every plan reachable from `root`. */
function forEachPlan(root: Plan, fn: (p: Plan) => void): void {
  const seen = new Set<Plan>();
  const visit = (p: Plan): void => {
    if (seen.has(p)) return;
    seen.add(p);
    fn(p);
    for (const c of childPlans(p)) visit(c);
  };
  visit(root);
}

/** Record plans on a cycle: they become functions, so generation terminates. */
function recursivePlans(root: Plan): Set<RecordPlan> {
  const out = new Set<RecordPlan>();
  const stack: Plan[] = [];
  const done = new Set<Plan>();
  const visit = (p: Plan): void => {
    const at = stack.indexOf(p);
    if (at >= 0) {
      for (let i = at; i < stack.length; i++) {
        const q = stack[i]!;
        if (q.op === 'record') out.add(q);
      }
      return;
    }
    if (done.has(p)) return;
    stack.push(p);
    for (const c of childPlans(p)) visit(c);
    stack.pop();
    done.add(p);
  };
  visit(root);
  return out;
}

/**
 * Record plans that get functions of their own: those on a cycle (so generation terminates)
 * and those reached from more than one place (inlining shared records at every use would make
 * the source grow exponentially with the nesting of shared types).
 */
function outlinedPlans(root: Plan): Set<RecordPlan> {
  const out = recursivePlans(root);
  const refs = new Map<Plan, number>();
  const visit = (p: Plan): void => {
    const n = (refs.get(p) ?? 0) + 1;
    refs.set(p, n);
    if (p.op === 'record' && n > 1) {
      out.add(p);
      return;
    }
    // Other plans are walked again on every path (cycles pass through records, which stop).
    for (const c of childPlans(p)) visit(c);
  };
  visit(root);
  return out;
}
