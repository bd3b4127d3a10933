import { decodeValue, encodeValue, skipValue } from './codec/binary.js';
import { CodecContext } from './codec/context.js';
import type { DecodeLimits, RecordConstructor } from './codec/context.js';
import { isValidValue } from './codec/validate.js';
import type { ErrorHook } from './codec/validate.js';
import { compileDecoder } from './compiler/compile-decoder.js';
import type { CompiledDecoder } from './compiler/compile-decoder.js';
import { compileEncoder } from './compiler/compile-encoder.js';
import type { CompiledEncoder } from './compiler/compile-encoder.js';
import { codegenAllowed } from './compiler/emit.js';
import { CompiledCodecFailure } from './compiler/runtime.js';
import { BUILTIN_LOGICAL_TYPES } from './logical/index.js';
import type { LogicalTypeDefinition, LongMode } from './logical/logical-type.js';
import { AvroTypeError } from './schema/errors.js';
import { buildResolvingReader } from './compiler/resolver.js';
import type { NamedSchema, Schema } from './schema/model.js';
import { isNamed } from './schema/model.js';
import { parseSchema } from './schema/parse.js';
import { schemaToJson } from './schema/to-json.js';
import type { SchemaJsonOptions } from './schema/to-json.js';
import { AvroDecodeError } from './wire/errors.js';
import { cloneValue } from './codec/clone.js';
import { compareValues } from './codec/compare.js';
import { fromJsonText, toJsonText } from './codec/json.js';
import { randomValue } from './codec/random.js';
import type { Rng } from './codec/random.js';
import { canonicalForm } from './schema/canonical.js';
import { stringifyJson } from './schema/json-text.js';
import { fingerprint } from './schema/fingerprint.js';
import type { FingerprintAlgorithm } from './schema/fingerprint.js';
import { SINGLE_OBJECT_HEADER_SIZE, frameSingleObject, singleObjectFingerprint } from './single-object.js';
import { allocBytes } from './wire/writer.js';
import { ByteReader } from './wire/reader.js';
import { FixedWriter, OVERFLOW, SlabWriter } from './wire/slab-writer.js';
import { ByteWriter } from './wire/writer.js';

/** Options of {@link Type.forSchema}. */
export interface TypeOptions {
  /** `long` values as numbers (default; an error past ±2^53) or always as `bigint`. */
  longs?: LongMode;
  /** Extra logical types by `logicalType` name; they override the built-in ones. */
  logicalTypes?: Readonly<Record<string, LogicalTypeDefinition>>;
  /** Full record name → class whose prototype decoded records get. */
  constructors?: Readonly<Record<string, RecordConstructor>> | ReadonlyMap<string, RecordConstructor>;
  /**
   * Generate specialised code (default true). `false` uses the interpreted codec, for places
   * that forbid `new Function` (strict CSP); where generation is not allowed it is used anyway.
   */
  codegen?: boolean;
  /** Decoding limits against hostile input; see {@link DecodeLimits}. */
  limits?: Partial<DecodeLimits>;
  /** Named types already defined (shared across schemas, e.g. a protocol's). */
  registry?: Map<string, NamedSchema>;
  /** Namespace of the enclosing definition. */
  namespace?: string;
}

/** Reads data written with another schema; made by {@link Type.createResolver}. */
export interface Resolver {
  readonly readerType: Type;
  readonly writerType: Type;
  /** Decodes one writer-encoded value at `r.pos` into the reader's representation. */
  read(r: ByteReader): unknown;
}

/**
 * A parsed schema with its codecs: the object users hold. Method names follow avsc, so code
 * written for `avsc` moves over by changing the import.
 */
export class Type<T = unknown> {
  /** The parsed schema graph. */
  readonly schemaNode: Schema;
  /** Shared codec settings: long mode, logical bindings, record classes, limits. */
  readonly context: CodecContext;
  private readonly useCodegen: boolean;
  private compiledEncoder: CompiledEncoder | undefined;
  private compiledDecoder: CompiledDecoder | undefined;
  private encoderSource = '';
  private decoderSource = '';
  private scratch: SlabWriter | undefined;
  private readonly fingerprints = new Map<FingerprintAlgorithm, Uint8Array>();

  private constructor(schema: Schema, context: CodecContext, codegen: boolean) {
    this.schemaNode = schema;
    this.context = context;
    this.useCodegen = codegen;
  }

  /**
   * Parses `schema` (JSON text, a parsed JSON value, or an existing Type) and returns its
   * Type. Throws {@link AvroSchemaError} with the path of what is wrong.
   */
  static forSchema<T = unknown>(schema: unknown, options: TypeOptions = {}): Type<T> {
    if (schema instanceof Type) return schema as Type<T>;
    const node = parseSchema(schema, {
      ...(options.registry ? { registry: options.registry } : {}),
      ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    });
    return Type.fromNode(node, options);
  }

  /** A Type for an already-parsed schema node. */
  static fromNode<T = unknown>(node: Schema, options: TypeOptions = {}): Type<T> {
    const logicalTypes = new Map(BUILTIN_LOGICAL_TYPES);
    for (const [k, v] of Object.entries(options.logicalTypes ?? {})) logicalTypes.set(k, v);
    const ctors = options.constructors;
    const constructors =
      ctors === undefined ? new Map() : ctors instanceof Map ? ctors : new Map(Object.entries(ctors));
    const context = new CodecContext({
      longs: options.longs ?? 'number',
      logicalTypes,
      constructors,
      ...(options.limits ? { limits: options.limits } : {}),
    });
    return new Type<T>(node, context, (options.codegen ?? true) && codegenAllowed());
  }

  /** The full name for named types, else undefined. */
  get name(): string | undefined {
    return isNamed(this.schemaNode) ? this.schemaNode.name : undefined;
  }

  /** The schema kind: `record`, `int`, `union`, …; `typeName` is avsc's spelling. */
  get typeName(): string {
    const s = this.schemaNode;
    return s.logicalType !== undefined && this.context.logical(s) ? `logical:${s.logicalType}` : s.kind;
  }

  /** True when this Type encodes and decodes through generated code. */
  get isCompiled(): boolean {
    return this.useCodegen;
  }

  /** The generated source of the encoder and decoder (for debugging). */
  compiledSource(): { encoder: string; decoder: string } {
    this.encoder();
    this.decoder();
    return { encoder: this.encoderSource, decoder: this.decoderSource };
  }

  private encoder(): CompiledEncoder {
    if (this.compiledEncoder === undefined) {
      if (this.useCodegen) {
        const { fn, source } = compileEncoder(this.schemaNode, this.context);
        this.compiledEncoder = fn;
        this.encoderSource = source;
      } else {
        const s = this.schemaNode;
        const ctx = this.context;
        this.compiledEncoder = (v, w) => encodeValue(s, v, w, ctx);
      }
    }
    return this.compiledEncoder;
  }

  private decoder(): CompiledDecoder {
    if (this.compiledDecoder === undefined) {
      if (this.useCodegen) {
        const { fn, source } = compileDecoder(this.schemaNode, this.context);
        this.compiledDecoder = fn;
        this.decoderSource = source;
      } else {
        const s = this.schemaNode;
        const ctx = this.context;
        this.compiledDecoder = (st) => {
          const r = new ByteReader(st.buf, st.pos, st.end);
          const v = decodeValue(s, r, ctx);
          st.pos = r.pos;
          return v;
        };
      }
    }
    return this.compiledDecoder;
  }

  /** Writes `value` into `w` at `w.pos`; throws AvroTypeError with the path of what does not fit. */
  encodeInto(value: T, w: ByteWriter): void {
    const start = w.pos;
    try {
      this.encoder()(value, w);
    } catch (e) {
      w.pos = start;
      this.explainEncodeFailure(value, e);
    }
  }

  private explainEncodeFailure(value: unknown, cause: unknown): never {
    if (cause instanceof AvroTypeError && !this.useCodegen) throw cause;
    // The fast path only knows that something did not fit; the interpreted one says where.
    encodeValue(this.schemaNode, value, new ByteWriter(256), this.context);
    if (cause instanceof CompiledCodecFailure) {
      throw new AvroTypeError('value does not fit the schema (compiled encoder); please report this schema and value');
    }
    throw cause;
  }

  /** Encodes `value` to new bytes (a `Buffer` on Node, a `Uint8Array` elsewhere). */
  toBuffer(value: T): Uint8Array {
    // A logical type's user code could re-enter toBuffer: taking the writer out while
    // encoding gives a nested call its own.
    const w = this.scratch ?? new SlabWriter();
    this.scratch = undefined;
    w.begin();
    try {
      (this.compiledEncoder ?? this.encoder())(value, w);
    } catch (e) {
      w.abort();
      this.explainEncodeFailure(value, e);
    } finally {
      this.scratch = w;
    }
    return w.end();
  }

  /**
   * Encodes `value` into `buf` at `offset` without allocating. Returns the offset after the
   * value, or, when `buf` is too small, a negative number whose magnitude is the bytes missing.
   */
  encode(value: T, buf: Uint8Array, offset = 0): number {
    const w = new FixedWriter(buf, offset);
    try {
      this.encoder()(value, w);
      return w.pos;
    } catch (e) {
      if (e === OVERFLOW) {
        const size = this.toBuffer(value).length;
        return -(offset + size - buf.length);
      }
      this.explainEncodeFailure(value, e);
    }
  }

  /**
   * Decodes one value from the start of `buf`. With a resolver, `buf` was written with the
   * resolver's writer schema. Unless `noCheck`, bytes left over are an error.
   */
  fromBuffer(buf: Uint8Array, resolver?: Resolver, noCheck = false): T {
    let value: unknown;
    let offset: number;
    if (resolver === undefined) {
      const st = { buf, pos: 0, end: buf.length };
      try {
        value = (this.compiledDecoder ?? this.decoder())(st);
      } catch (e) {
        this.explainDecodeFailure(buf, 0, e);
      }
      offset = st.pos;
    } else {
      ({ value, offset } = this.decodeAt(buf, 0, resolver, true));
    }
    if (!noCheck && offset !== buf.length) {
      throw new AvroDecodeError(`${buf.length - offset} bytes left over after the value`, offset);
    }
    return value as T;
  }

  /**
   * Decodes one value at `pos` (avsc's `decode`): returns the value and the offset after it;
   * on truncated input returns `{ value: undefined, offset: -1 }` so streams can wait for more.
   */
  decode(buf: Uint8Array, pos = 0, resolver?: Resolver): { value: T | undefined; offset: number } {
    try {
      return this.decodeAt(buf, pos, resolver, true) as { value: T; offset: number };
    } catch (e) {
      if (e instanceof AvroDecodeError && e.truncated) return { value: undefined, offset: -1 };
      throw e;
    }
  }

  private decodeAt(buf: Uint8Array, pos: number, resolver: Resolver | undefined, explain: boolean) {
    if (resolver !== undefined) {
      if (resolver.readerType !== this) throw new Error('this resolver was created by another type');
      const r = new ByteReader(buf, pos);
      const value = resolver.read(r);
      return { value, offset: r.pos };
    }
    const st = { buf, pos, end: buf.length };
    try {
      const value = this.decoder()(st);
      return { value, offset: st.pos };
    } catch (e) {
      if (!explain) throw e;
      return this.explainDecodeFailure(buf, pos, e);
    }
  }

  private explainDecodeFailure(buf: Uint8Array, pos: number, cause: unknown): never {
    if (!this.useCodegen) throw cause;
    // The fast path only knows that something is wrong; the interpreted one says where.
    decodeValue(this.schemaNode, new ByteReader(buf, pos), this.context);
    if (cause instanceof CompiledCodecFailure) {
      throw new AvroDecodeError('invalid data for this schema (compiled decoder)', pos);
    }
    throw cause;
  }

  /** Reads one value with bounds-checked cursor `r` (containers and RPC use this). */
  decodeFrom(r: ByteReader, resolver?: Resolver): T {
    if (resolver !== undefined) return resolver.read(r) as T;
    const { value, offset } = this.decodeAt(r.buf.subarray(0, r.end), r.pos, undefined, true);
    r.pos = offset;
    return value as T;
  }

  /** Skips one encoded value at `r.pos`. */
  skip(r: ByteReader): void {
    skipValue(this.schemaNode, r, this.context);
  }

  /**
   * True when `value` is a valid value of this type. `errorHook` is called with the path of
   * every part that does not fit.
   */
  isValid(value: unknown, options: { errorHook?: ErrorHook } = {}): boolean {
    return isValidValue(this.schemaNode, value, this.context, options.errorHook);
  }

  /**
   * The schema as JSON (each named type in full once, then by name). `exportAttrs: false`
   * drops docs, aliases, defaults and custom attributes, like avsc.
   */
  schema(options: { exportAttrs?: boolean } & Omit<SchemaJsonOptions, 'bare'> = {}): unknown {
    const { exportAttrs = true, ...rest } = options;
    return schemaToJson(this.schemaNode, { ...rest, bare: !exportAttrs });
  }

  /**
   * Avro JSON encoding of `value` (unions as `{"full.Name": value}`, bytes as code points
   * 0-255, NaN and ±Infinity as strings). Without a value: the schema as JSON text, as avsc.
   */
  toString(value?: T): string {
    if (arguments.length === 0) return stringifyJson(this.schema());
    return toJsonText(this.schemaNode, value, this.context);
  }

  /** Reads Avro JSON text into a value (missing record fields take their defaults). */
  fromString(text: string): T {
    return fromJsonText(this.schemaNode, text, this.context) as T;
  }

  /** A deep copy in the decoder's representation (records keep their class). */
  clone(value: T): T {
    return cloneValue(this.schemaNode, value, this.context) as T;
  }

  /** Orders two values as the spec's sort order does (maps cannot be compared). */
  compare(a: T, b: T): number {
    return compareValues(this.schemaNode, a, b, this.context);
  }

  /** A random valid value; pass a seeded `rng` for repeatable values. */
  random(rng?: Rng): T {
    return randomValue(this.schemaNode, this.context, rng) as T;
  }

  /** The schema's Parsing Canonical Form. */
  canonicalForm(): string {
    return canonicalForm(this.schemaNode);
  }

  /**
   * Fingerprint of the canonical form: `'rabin'` (CRC-64-AVRO, 8 little-endian bytes, the
   * default), `'md5'` or `'sha256'`.
   */
  fingerprint(algorithm: FingerprintAlgorithm = 'rabin'): Uint8Array {
    let fp = this.fingerprints.get(algorithm);
    if (fp === undefined) {
      fp = fingerprint(this.schemaNode, algorithm);
      this.fingerprints.set(algorithm, fp);
    }
    return fp.slice();
  }

  /** Single-object encoding: `C3 01`, the 8-byte rabin fingerprint, then the datum. */
  toSingleObject(value: T): Uint8Array {
    const datum = this.toBuffer(value);
    const out = allocBytes(SINGLE_OBJECT_HEADER_SIZE + datum.length);
    return frameSingleObject(this.fingerprint('rabin'), datum, out);
  }

  /**
   * Decodes a single-object message written with this schema, or with the resolver's writer
   * schema. A fingerprint of another schema is an error that shows both.
   */
  fromSingleObject(buf: Uint8Array, resolver?: Resolver): T {
    const fp = singleObjectFingerprint(buf);
    const expected = (resolver?.writerType ?? this).fingerprint('rabin');
    if (!fp.every((b, i) => b === expected[i])) {
      throw new AvroDecodeError(
        `single-object fingerprint ${hex(fp)} is not this schema's (${hex(expected)}): ` +
          'find the writer schema by fingerprint and read with a resolver',
        2,
      );
    }
    return this.fromBuffer(buf.subarray(SINGLE_OBJECT_HEADER_SIZE), resolver);
  }

  /** Builds a resolver reading data written with `writerType` as this type. */
  createResolver(writerType: Type<unknown>): Resolver {
    const read = buildResolvingReader(this.schemaNode, writerType.schemaNode, this.context, { codegen: this.useCodegen });
    return { readerType: this, writerType, read };
  }
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
