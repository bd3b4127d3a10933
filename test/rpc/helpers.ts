/**
 * Shared pieces of the RPC tests: Apache's protocols (skipped loudly when the shared data is
 * absent), in-memory transports, and a Simple-protocol service.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deframe } from '../../src/rpc/framing.js';
import type { StatelessTransport } from '../../src/rpc/channel.js';
import { Protocol } from '../../src/rpc/protocol.js';
import { RpcRemoteError } from '../../src/rpc/errors.js';
import type { Server } from '../../src/rpc/server.js';
import type { Handlers, ServiceShape } from '../../src/rpc/service.js';
import { sharedAvro } from '../schema/shared-data.js';

export const SHARED = sharedAvro('RPC tests on Apache protocols and transcripts');

/** Text of a protocol under share/test/schemas. */
export function schemaText(name: string): string {
  return readFileSync(join(SHARED!, 'share/test/schemas', name), 'utf8');
}

/** simple.avpr parsed (only call when SHARED is set). */
export function simpleProtocol(): Protocol {
  return Protocol.parse(schemaText('simple.avpr'));
}

/** A stateless transport that hands each request to `server` in memory, recording the traffic. */
export function memoryTransport(server: Server, log?: { request: Uint8Array; response: Uint8Array }[]): StatelessTransport {
  return {
    stateful: false,
    remoteName: 'memory:',
    async request(framed) {
      const request = deframe(framed);
      const out = await server.respond(request);
      const response = deframe(out!);
      log?.push({ request, response });
      return response;
    },
    async close() {},
  };
}

export interface SimpleService extends ServiceShape {
  hello: { request: { greeting: string }; response: string };
  echo: { request: { record: { name: string; kind: string; hash: Uint8Array } }; response: { name: string; kind: string; hash: Uint8Array } };
  add: { request: { arg1: number; arg2: number }; response: number };
  echoBytes: { request: { data: Uint8Array }; response: Uint8Array };
  error: { request: Record<string, never>; response: null };
  ack: { request: Record<string, never>; response: null };
}

/** Handlers of the Simple protocol; `error` throws the declared TestError. */
export function simpleHandlers(acks: { count: number } = { count: 0 }): Handlers<SimpleService> {
  return {
    hello: ({ greeting }) => `Hello, ${greeting}`,
    echo: ({ record }) => record,
    add: ({ arg1, arg2 }) => arg1 + arg2,
    echoBytes: ({ data }) => data,
    error: () => {
      throw new RpcRemoteError('error', 'org.apache.avro.test.TestError', { message: 'intentional' });
    },
    ack: () => {
      acks.count++;
      return null;
    },
  };
}

export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
export const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
