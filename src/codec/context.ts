import type { LogicalBinding, LogicalTypeDefinition, LongMode } from '../logical/logical-type.js';
import type { RecordSchema, Schema } from '../schema/model.js';

/**
 * Limits that keep hostile input from costing unbounded time or memory. A length prefix is
 * always checked against the bytes left; these cover what that check cannot.
 */
export interface DecodeLimits {
  /** Deepest nesting of recursive types while decoding (default 512). */
  readonly maxDepth: number;
  /**
   * Most items in one array or map block whose items may take zero bytes each (e.g. an array
   * of nulls), where the bytes left bound nothing (default 10,000,000).
   */
  readonly maxItems: number;
}

export const DEFAULT_LIMITS: DecodeLimits = Object.freeze({ maxDepth: 512, maxItems: 10_000_000 });

/** A class whose prototype decoded records of one name get (its constructor is not run). */
export type RecordConstructor = abstract new (...args: never[]) => object;

export interface CodecContextOptions {
  readonly longs?: LongMode;
  readonly logicalTypes?: ReadonlyMap<string, LogicalTypeDefinition>;
  /** Full record name → class for decoded records (and union branch choice on encode). */
  readonly constructors?: ReadonlyMap<string, RecordConstructor>;
  readonly limits?: Partial<DecodeLimits>;
}

/**
 * What every codec (interpreted or compiled) needs besides the schema: long mode, logical
 * type bindings per node, record classes and limits. One per `Type`; never shared state.
 */
export class CodecContext {
  readonly longs: LongMode;
  readonly limits: DecodeLimits;
  readonly constructors: ReadonlyMap<string, RecordConstructor>;
  private readonly logicalTypes: ReadonlyMap<string, LogicalTypeDefinition>;
  private readonly bindings = new WeakMap<Schema, LogicalBinding | null>();
  /** Logical types ignored because their schema could not carry them, with the reason. */
  readonly ignoredLogicalTypes: { logicalType: string; reason: string }[] = [];

  constructor(options: CodecContextOptions = {}) {
    this.longs = options.longs ?? 'number';
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.logicalTypes = options.logicalTypes ?? new Map();
    this.constructors = options.constructors ?? new Map();
  }

  /** The logical binding of `node`, or `undefined` when it has none that applies. */
  logical(node: Schema): LogicalBinding | undefined {
    const lt = node.logicalType;
    if (lt === undefined) return undefined;
    let b = this.bindings.get(node);
    if (b === undefined) {
      const def = this.logicalTypes.get(lt);
      if (def === undefined) b = null;
      else {
        const bound = def.bind(node, { longs: this.longs });
        if (typeof bound === 'string') {
          this.ignoredLogicalTypes.push({ logicalType: lt, reason: bound });
          b = null;
        } else b = bound;
      }
      this.bindings.set(node, b);
    }
    return b ?? undefined;
  }

  constructorOf(rec: RecordSchema): RecordConstructor | undefined {
    return this.constructors.get(rec.name);
  }
}
