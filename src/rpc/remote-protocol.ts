/**
 * Asks a server for its protocol without having one: a handshake under a hash no protocol
 * has and no protocol text, with the empty (ping) message name. The server does not know us,
 * so it answers NONE with its protocol and hash, and processes no call.
 */
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import type { Transport } from './channel.js';
import { RpcHandshakeError } from './errors.js';
import { endFrame, startFrame } from './framing.js';
import { hashKey, readHandshakeResponse, writeHandshakeRequest } from './handshake.js';
import { writeMetadata } from './metadata.js';

/** The server's protocol as it sent it: its JSON text and its own hash of it. */
export interface RemoteProtocol {
  readonly text: string;
  readonly hash: Uint8Array;
  readonly hashHex: string;
}

/** Fetches the protocol of the server behind `transport` (the transport is left open). */
export async function fetchRemoteProtocol(transport: Transport, signal?: AbortSignal): Promise<RemoteProtocol> {
  const w = new ByteWriter(64);
  const at = startFrame(w);
  // All-ones: the MD5 of no text we would ever send, and never a server's hash.
  const unknown = new Uint8Array(16).fill(0xff);
  writeHandshakeRequest(w, { clientHash: unknown, clientProtocol: null, serverHash: unknown, meta: null });
  writeMetadata(w, undefined);
  w.writeString('');
  endFrame(w, at);
  const framed = w.buf.subarray(0, w.pos);
  let reply: Uint8Array;
  if (transport.stateful) {
    const conn = await transport.connect(signal);
    try {
      reply = (await conn.send(framed, true))!;
    } finally {
      conn.close();
    }
  } else {
    reply = await transport.request(framed, signal);
  }
  const hs = readHandshakeResponse(new ByteReader(reply));
  if (hs.serverProtocol === null || hs.serverHash === null) {
    throw new RpcHandshakeError(`${transport.remoteName} answered ${hs.match} without its protocol`);
  }
  return { text: hs.serverProtocol, hash: hs.serverHash, hashHex: hashKey(hs.serverHash) };
}
