/**
 * Converts between avrokit's JavaScript values (unions unwrapped, longs as number or bigint,
 * bytes as Uint8Array, logical types as their JavaScript values) and the peer convention of
 * ./index.ts (unions tagged, bytes as hex, big longs as strings, logical types raw), so a test
 * can write a value once and hand it to both avrokit and a peer.
 *
 * Union branches are chosen by avrokit's own `selectBranch`, and logical types converted by the
 * same bindings `Type` uses, so the peer writes the branch and raw value avrokit would.
 */
import { CodecContext, type CodecContextOptions } from '../../../src/codec/context.js';
import { selectBranch } from '../../../src/codec/validate.js';
import { BUILTIN_LOGICAL_TYPES } from '../../../src/logical/index.js';
import { branchName, parseSchema, type Schema } from '../../../src/schema/index.js';
import { fromHex, toHex, type PeerJson } from './index.js';

const SAFE = Number.MAX_SAFE_INTEGER;

/** The context conversions use: built-in logical types and numbers for longs unless told. */
export function peerContext(options: CodecContextOptions = {}): CodecContext {
  return new CodecContext({ logicalTypes: BUILTIN_LOGICAL_TYPES, ...options });
}

const asSchema = (schema: unknown): Schema =>
  typeof schema === 'object' && schema !== null && 'kind' in schema ? (schema as Schema) : parseSchema(schema);

/** An object without a prototype, so keys such as `__proto__` stay plain data. */
function bag(): Record<string, PeerJson> {
  return Object.create(null) as Record<string, PeerJson>;
}

function put(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function fail(s: Schema, v: unknown, where: string): never {
  throw new Error(`${where || 'value'}: ${String(v)} does not fit ${s.kind === 'union' ? 'the union' : s.kind}`);
}

/** avrokit value → peer convention, for the schema (JSON or parsed). */
export function toPeerValue(schema: unknown, value: unknown, ctx: CodecContext = peerContext()): PeerJson {
  return toPeer(asSchema(schema), value, ctx, '');
}

function toPeer(s: Schema, value: unknown, ctx: CodecContext, where: string): PeerJson {
  const binding = s.kind === 'union' ? undefined : ctx.logical(s);
  const v = binding ? binding.toAvro(value) : value;
  switch (s.kind) {
    case 'null':
      return null;
    case 'boolean':
    case 'string':
    case 'enum':
      return v as PeerJson;
    case 'int':
      return v as number;
    case 'long':
      if (typeof v === 'bigint') return v >= -SAFE && v <= SAFE ? Number(v) : v.toString();
      return v as number;
    case 'float':
    case 'double': {
      const x = v as number;
      if (Number.isNaN(x)) return 'NaN';
      if (x === Infinity) return 'Infinity';
      if (x === -Infinity) return '-Infinity';
      return Object.is(x, -0) ? '-0' : x;
    }
    case 'bytes':
    case 'fixed':
      if (!(v instanceof Uint8Array)) fail(s, v, where);
      return toHex(v);
    case 'array':
      return (v as unknown[]).map((x, i) => toPeer(s.items, x, ctx, `${where}[${i}]`));
    case 'map': {
      const out = bag();
      for (const [k, x] of Object.entries(v as object)) put(out, k, toPeer(s.values, x, ctx, `${where}[${JSON.stringify(k)}]`));
      return out;
    }
    case 'record': {
      const out = bag();
      const rec = v as Record<string, unknown>;
      for (const f of s.fields) put(out, f.name, toPeer(f.type, rec[f.name], ctx, where ? `${where}.${f.name}` : f.name));
      return out;
    }
    case 'union': {
      const i = selectBranch(s, v, ctx);
      if (i < 0) fail(s, v, where);
      const b = s.branches[i]!;
      if (b.kind === 'null') return null;
      const out = bag();
      put(out, branchName(b), toPeer(b, v, ctx, `${where}<${branchName(b)}>`));
      return out;
    }
  }
}

/** Peer convention → avrokit value, for the schema (JSON or parsed). */
export function fromPeerValue(schema: unknown, json: PeerJson, ctx: CodecContext = peerContext()): unknown {
  return fromPeer(asSchema(schema), json, ctx, '');
}

function fromPeer(s: Schema, j: PeerJson, ctx: CodecContext, where: string): unknown {
  let raw: unknown;
  switch (s.kind) {
    case 'null':
    case 'boolean':
    case 'string':
    case 'enum':
    case 'int':
      raw = j;
      break;
    case 'long':
      if (ctx.longs === 'bigint') raw = BigInt(j as number | string);
      else raw = typeof j === 'string' ? BigInt(j) : j;
      break;
    case 'float':
    case 'double':
      raw = typeof j === 'string' ? ({ NaN, Infinity, '-Infinity': -Infinity, '-0': -0 } as Record<string, number>)[j] : j;
      if (raw === undefined) fail(s, j, where);
      break;
    case 'bytes':
    case 'fixed':
      raw = fromHex(j as string);
      break;
    case 'array':
      raw = (j as PeerJson[]).map((x, i) => fromPeer(s.items, x, ctx, `${where}[${i}]`));
      break;
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(j as object)) put(out, k, fromPeer(s.values, x as PeerJson, ctx, `${where}[${JSON.stringify(k)}]`));
      raw = out;
      break;
    }
    case 'record': {
      const ctor = ctx.constructorOf(s);
      const out = (ctor ? Object.create(ctor.prototype) : {}) as Record<string, unknown>;
      const obj = j as Record<string, PeerJson>;
      for (const f of s.fields) put(out, f.name, fromPeer(f.type, obj[f.name]!, ctx, where ? `${where}.${f.name}` : f.name));
      raw = out;
      break;
    }
    case 'union': {
      if (j === null) return null;
      const [name, inner] = Object.entries(j as object)[0] as [string, PeerJson];
      const b = s.branches.find((x) => branchName(x) === name);
      if (b === undefined) fail(s, name, where);
      return fromPeer(b, inner, ctx, `${where}<${name}>`);
    }
  }
  const binding = ctx.logical(s);
  return binding ? binding.fromAvro(raw) : raw;
}
