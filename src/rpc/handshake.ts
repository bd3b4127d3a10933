/**
 * The handshake records, declared as Avro schemas (as the spec gives them) and encoded with
 * `Type` like any other datum.
 */
import { Type } from '../type.js';
import type { ByteReader } from '../wire/reader.js';
import type { ByteWriter } from '../wire/writer.js';

/** org.apache.avro.ipc.HandshakeRequest. */
export const HANDSHAKE_REQUEST_SCHEMA = {
  type: 'record',
  name: 'HandshakeRequest',
  namespace: 'org.apache.avro.ipc',
  fields: [
    { name: 'clientHash', type: { type: 'fixed', name: 'MD5', size: 16 } },
    { name: 'clientProtocol', type: ['null', 'string'] },
    { name: 'serverHash', type: 'MD5' },
    { name: 'meta', type: ['null', { type: 'map', values: 'bytes' }] },
  ],
} as const;

/** org.apache.avro.ipc.HandshakeResponse. */
export const HANDSHAKE_RESPONSE_SCHEMA = {
  type: 'record',
  name: 'HandshakeResponse',
  namespace: 'org.apache.avro.ipc',
  fields: [
    { name: 'match', type: { type: 'enum', name: 'HandshakeMatch', symbols: ['BOTH', 'CLIENT', 'NONE'] } },
    { name: 'serverProtocol', type: ['null', 'string'] },
    { name: 'serverHash', type: ['null', { type: 'fixed', name: 'MD5', size: 16 }] },
    { name: 'meta', type: ['null', { type: 'map', values: 'bytes' }] },
  ],
} as const;

/** Handshake metadata (reserved by the spec; we put a diagnostic under `error` on failure). */
export type HandshakeMeta = Record<string, Uint8Array>;

export interface HandshakeRequest {
  clientHash: Uint8Array;
  clientProtocol: string | null;
  serverHash: Uint8Array;
  meta: HandshakeMeta | null;
}

export type HandshakeMatch = 'BOTH' | 'CLIENT' | 'NONE';

export interface HandshakeResponse {
  match: HandshakeMatch;
  serverProtocol: string | null;
  serverHash: Uint8Array | null;
  meta: HandshakeMeta | null;
}

/** Handshakes are small; these limits keep a hostile one from costing more than its bytes. */
const LIMITS = { maxDepth: 8, maxItems: 1024 };

let requestType: Type | undefined;
let responseType: Type | undefined;

/** The HandshakeRequest Type (compiled on first use). */
export function handshakeRequestType(): Type {
  return (requestType ??= Type.forSchema(HANDSHAKE_REQUEST_SCHEMA, { limits: LIMITS }));
}

/** The HandshakeResponse Type (compiled on first use). */
export function handshakeResponseType(): Type {
  return (responseType ??= Type.forSchema(HANDSHAKE_RESPONSE_SCHEMA, { limits: LIMITS }));
}

export function writeHandshakeRequest(w: ByteWriter, hs: HandshakeRequest): void {
  handshakeRequestType().encodeInto(hs, w);
}

export function readHandshakeRequest(r: ByteReader): HandshakeRequest {
  return handshakeRequestType().decodeFrom(r) as HandshakeRequest;
}

export function writeHandshakeResponse(w: ByteWriter, hs: HandshakeResponse): void {
  handshakeResponseType().encodeInto(hs, w);
}

export function readHandshakeResponse(r: ByteReader): HandshakeResponse {
  return handshakeResponseType().decodeFrom(r) as HandshakeResponse;
}

/** 32 lowercase hex digits of a hash (cache keys). */
export function hashKey(hash: Uint8Array): string {
  let s = '';
  for (let i = 0; i < hash.length; i++) s += (hash[i]! < 16 ? '0' : '') + hash[i]!.toString(16);
  return s;
}
