/**
 * Builds the resolution plan of a (reader, writer) pair, following the spec's Schema
 * Resolution rules. It never throws on a mismatch: problems are recorded on the plan nodes
 * (with both a Java-style location and a readable path), so the same walk serves the resolver
 * (which refuses to build on `build` problems) and the compatibility checker (which lists all).
 */
import type { EnumSchema, FieldSchema, FixedSchema, NamedSchema, RecordSchema, Schema, UnionSchema } from '../schema/model.js';
import { branchName, isNamed } from '../schema/model.js';
import { decimalOf, decimalsConflict, isPromotion, namesMatch, selectReaderBranch } from './match.js';
import type {
  DefaultStep, FieldStep, Incompatibility, IncompatibilityKind, Plan, PromotePlan,
} from './plan.js';

/** Where the planner is: JSON-pointer segments and the readable path. */
interface Loc {
  readonly pointer: readonly string[];
  readonly path: string;
}


/**
 * The plan for reading data written with `writer` as `reader`. Recursive schemas terminate:
 * plans are memoized per (writer node, reader node) pair and registered before their children.
 */
export function planResolution(reader: Schema, writer: Schema): Plan {
  return new Planner().plan(reader, writer, { pointer: [], path: isNamed(reader) ? reader.name : '' });
}

class Planner {
  private readonly memo = new Map<Schema, Map<Schema, Plan>>();

  plan(reader: Schema, writer: Schema, loc: Loc): Plan {
    let byReader = this.memo.get(writer);
    if (byReader === undefined) this.memo.set(writer, (byReader = new Map()));
    const hit = byReader.get(reader);
    if (hit !== undefined) return hit;
    const plan = this.build(reader, writer, loc, byReader);
    byReader.set(reader, plan);
    return plan;
  }

  private build(reader: Schema, writer: Schema, loc: Loc, memo: Map<Schema, Plan>): Plan {
    if (writer.kind === 'union') {
      const plan: Plan = { op: 'writer-union', reader, writer, issues: [], branches: [] };
      memo.set(reader, plan);
      writer.branches.forEach((wb, i) => {
        if (reader.kind === 'union') {
          // Java reports a writer branch the reader union cannot take under the branch index.
          const at = child(loc, [String(i)], '');
          const ri = selectReaderBranch(reader, wb);
          plan.branches.push(ri < 0 ? this.missingBranch(reader, wb, at, true) : this.plan(reader.branches[ri]!, wb, at));
        } else {
          plan.branches.push(this.plan(reader, wb, loc));
        }
      });
      return plan;
    }
    if (reader.kind === 'union') {
      const ri = selectReaderBranch(reader, writer);
      if (ri < 0) return this.missingBranch(reader, writer, loc, false);
      return this.plan(reader.branches[ri]!, writer, child(loc, [], `|${ri}`));
    }
    if (reader.kind !== writer.kind) {
      if (isPromotion(writer.kind, reader.kind)) {
        if (decimalsConflict(reader, writer)) return this.fail(reader, writer, loc, 'TYPE_MISMATCH', decimalMessage(reader, writer));
        return { op: 'promote', reader, writer, issues: [], from: writer.kind, to: reader.kind as PromotePlan['to'] };
      }
      return this.fail(reader, writer, loc, 'TYPE_MISMATCH', typeMessage(reader, writer));
    }
    switch (reader.kind) {
      case 'record':
        return this.record(reader, writer as RecordSchema, loc, memo);
      case 'enum':
        return this.enumPlan(reader, writer as EnumSchema, loc);
      case 'fixed':
        return this.fixed(reader, writer as FixedSchema, loc);
      case 'array': {
        const plan: Plan = { op: 'array', reader, writer, issues: [], items: undefined as unknown as Plan };
        memo.set(reader, plan);
        plan.items = this.plan(reader.items, (writer as typeof reader).items, child(loc, ['items'], '[]'));
        return plan;
      }
      case 'map': {
        const plan: Plan = { op: 'map', reader, writer, issues: [], values: undefined as unknown as Plan };
        memo.set(reader, plan);
        plan.values = this.plan(reader.values, (writer as typeof reader).values, child(loc, ['values'], '{}'));
        return plan;
      }
      default:
        if (decimalsConflict(reader, writer)) return this.fail(reader, writer, loc, 'TYPE_MISMATCH', decimalMessage(reader, writer));
        return { op: 'same', reader, writer, issues: [] };
    }
  }

  private record(reader: RecordSchema, writer: RecordSchema, loc: Loc, memo: Map<Schema, Plan>): Plan {
    const fields: FieldStep[] = [];
    const defaults: DefaultStep[] = [];
    const plan: Plan = { op: 'record', reader, writer, issues: [], fields, defaults };
    memo.set(reader, plan); // before the fields: a recursive field finds this plan
    const names = nameIssue(reader, writer, loc);
    if (names !== undefined) plan.issues.push(names);
    const match = matchFields(reader.fields, writer.fields);
    writer.fields.forEach((wf, wi) => {
      const ri = match.readerOfWriter[wi]!;
      if (ri < 0) {
        fields.push({ writerField: wf, readerIndex: -1, plan: undefined });
        return;
      }
      const rf = reader.fields[ri]!;
      const at = child(loc, ['fields', String(ri), 'type'], `.${rf.name}`);
      fields.push({ writerField: wf, readerIndex: ri, plan: this.plan(rf.type, wf.type, at) });
    });
    reader.fields.forEach((rf, ri) => {
      if (match.writerOfReader[ri]! >= 0) return;
      const at = child(loc, ['fields', String(ri)], `.${rf.name}`);
      if (rf.hasDefault) {
        defaults.push({ readerIndex: ri, field: rf, path: at.path });
        return;
      }
      plan.issues.push(issue('READER_FIELD_MISSING_DEFAULT_VALUE', at,
        `reader field "${rf.name}" is not in the writer's ${writer.name} and has no default: ` +
        'give it a default, or keep the field in the writer', 'build'));
    });
    return plan;
  }

  private enumPlan(reader: EnumSchema, writer: EnumSchema, loc: Loc): Plan {
    const issues: Incompatibility[] = [];
    const names = nameIssue(reader, writer, loc);
    if (names !== undefined) issues.push(names);
    const known = new Set(reader.symbols);
    const missing = writer.symbols.filter((s) => !known.has(s));
    const symbols = writer.symbols.map((s) => (known.has(s) ? s : reader.default));
    if (missing.length > 0 && reader.default === undefined) {
      issues.push(issue('MISSING_ENUM_SYMBOLS', child(loc, ['symbols'], ''),
        `the reader's ${reader.name} lacks the writer's symbol${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        'and has no default: add them, or give the reader enum a default', 'read'));
    }
    return { op: 'enum', reader, writer, issues, symbols };
  }

  private fixed(reader: FixedSchema, writer: FixedSchema, loc: Loc): Plan {
    const issues: Incompatibility[] = [];
    const names = nameIssue(reader, writer, loc);
    if (names !== undefined) issues.push(names);
    if (reader.size !== writer.size) {
      issues.push(issue('FIXED_SIZE_MISMATCH', child(loc, ['size'], ''),
        `the reader's ${reader.name} has size ${reader.size}, the writer's ${writer.name} has size ${writer.size}`, 'build'));
    }
    if (decimalsConflict(reader, writer)) issues.push(issue('TYPE_MISMATCH', loc, decimalMessage(reader, writer), 'build'));
    return issues.length > 0 ? { op: 'fail', reader, writer, issues } : { op: 'fixed', reader, writer, issues };
  }

  private missingBranch(reader: UnionSchema, writer: Schema, loc: Loc, inWriterUnion: boolean): Plan {
    const what = inWriterUnion ? `the writer's union branch ${describe(writer)}` : `the writer's ${describe(writer)}`;
    return this.fail(reader, writer, loc, 'MISSING_UNION_BRANCH',
      `reader union [${reader.branches.map(branchName).join(', ')}] has no branch that reads ${what}`);
  }

  private fail(reader: Schema, writer: Schema, loc: Loc, kind: IncompatibilityKind, message: string): Plan {
    return { op: 'fail', reader, writer, issues: [issue(kind, loc, message, 'build')] };
  }
}

/**
 * Pairs reader and writer fields: by name first, then a reader field's aliases claim a writer
 * field no reader field has by name (the spec's alias rewriting of the writer's schema).
 */
function matchFields(readerFields: readonly FieldSchema[], writerFields: readonly FieldSchema[]) {
  const readerOfWriter = writerFields.map(() => -1);
  const writerOfReader = readerFields.map(() => -1);
  const byName = new Map(writerFields.map((f, i) => [f.name, i]));
  readerFields.forEach((rf, ri) => {
    const wi = byName.get(rf.name);
    if (wi !== undefined) {
      readerOfWriter[wi] = ri;
      writerOfReader[ri] = wi;
    }
  });
  readerFields.forEach((rf, ri) => {
    if (writerOfReader[ri]! >= 0) return;
    for (const alias of rf.aliases) {
      const wi = byName.get(alias);
      if (wi !== undefined && readerOfWriter[wi] === -1) {
        readerOfWriter[wi] = ri;
        writerOfReader[ri] = wi;
        return;
      }
    }
  });
  return { readerOfWriter, writerOfReader };
}

function nameIssue(reader: NamedSchema, writer: NamedSchema, loc: Loc): Incompatibility | undefined {
  if (namesMatch(reader, writer)) return undefined;
  return issue('NAME_MISMATCH', child(loc, ['name'], ''),
    `the reader's ${reader.kind} ${reader.name} cannot read the writer's ${writer.name}: the unqualified names differ ` +
    `and the reader has no alias ${writer.name}`, 'build');
}

function issue(kind: IncompatibilityKind, loc: Loc, message: string, when: 'build' | 'read'): Incompatibility {
  return { kind, message, location: `/${loc.pointer.join('/')}`, path: loc.path, when };
}

function child(loc: Loc, pointer: readonly string[], path: string): Loc {
  return { pointer: [...loc.pointer, ...pointer], path: loc.path + path };
}

function describe(s: Schema): string {
  if (isNamed(s)) return `${s.kind} ${s.name}`;
  return s.logicalType !== undefined ? `${s.kind} (${s.logicalType})` : s.kind;
}

function typeMessage(reader: Schema, writer: Schema): string {
  return `reader type ${describe(reader)} is not compatible with writer type ${describe(writer)}`;
}

function decimalMessage(reader: Schema, writer: Schema): string {
  const r = decimalOf(reader)!;
  const w = decimalOf(writer)!;
  return `reader decimal(${r.precision}, ${r.scale}) does not match writer decimal(${w.precision}, ${w.scale}): ` +
    'the spec matches decimals only with equal precision and scale';
}

