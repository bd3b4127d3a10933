/**
 * avrokit/rpc: Avro protocols, the handshake, and typed services over TCP and HTTP.
 *
 * ```ts
 * const protocol = Protocol.parse(readFileSync('calc.avpr', 'utf8'));
 * const server = new Server(protocol, { add: ({ a, b }) => a + b });
 * const listener = await listen('tcp://127.0.0.1:0', server);
 * const client = connect(`tcp://127.0.0.1:${listener.port}`, protocol);
 * await client.call.add({ a: 1, b: 2 }); // 3
 * ```
 */
export { Protocol } from './protocol.js';
export type { ProtocolOptions } from './protocol.js';
export { Message } from './message.js';
export type { ProtocolDefinition, MessageDefinition, ParameterDefinition, TypeLike } from './define.js';
export {
  AvroProtocolError, RpcError, RpcRemoteError, RpcHandshakeError, RpcConnectionError, RpcTimeoutError, RpcFrameError,
} from './errors.js';
export {
  HANDSHAKE_REQUEST_SCHEMA, HANDSHAKE_RESPONSE_SCHEMA, handshakeRequestType, handshakeResponseType,
} from './handshake.js';
export type { HandshakeRequest, HandshakeResponse, HandshakeMatch, HandshakeMeta } from './handshake.js';
export { DEFAULT_MAX_MESSAGE_BYTES, FrameDecoder, frame, deframe } from './framing.js';
export type { Metadata, MetadataInit } from './metadata.js';
export { ProtocolCache, DEFAULT_MAX_CACHED_PROTOCOLS } from './protocol-cache.js';
export { Server } from './server.js';
export type { ServerOptions, ServerSession } from './server.js';
export { Client } from './client.js';
export type { ClientOptions } from './client.js';
export type { CallContext, CallOptions, ClientCalls, Handler, Handlers, MessageShape, ServiceShape, ShapeOf } from './service.js';
export type { Connection, StatefulTransport, StatelessTransport, Transport } from './channel.js';
export { connect, listen, parseRpcUri, transportFor } from './connect.js';
export type { RpcUri } from './connect.js';
export { tcpTransport } from './transport/tcp-client.js';
export type { TcpTransportOptions } from './transport/tcp-client.js';
export { httpTransport } from './transport/http-client.js';
export type { HttpTransportOptions } from './transport/http-client.js';
export { serveTcp } from './transport/tcp-server.js';
export type { Listener, TcpServeOptions } from './transport/tcp-server.js';
export { serveHttp } from './transport/http-server.js';
export type { HttpServeOptions } from './transport/http-server.js';
export { fetchRemoteProtocol } from './remote-protocol.js';
export type { RemoteProtocol } from './remote-protocol.js';
