/**
 * URIs to transports: `tcp://host:port` (stateful) and `http://host:port/path` (stateless),
 * for clients (`connect`) and servers (`listen`).
 */
import type { Transport } from './channel.js';
import { Client } from './client.js';
import type { ClientOptions } from './client.js';
import { RpcError } from './errors.js';
import type { Protocol } from './protocol.js';
import type { Server } from './server.js';
import type { ServiceShape, ShapeOf } from './service.js';
import { httpTransport } from './transport/http-client.js';
import type { HttpTransportOptions } from './transport/http-client.js';
import { serveHttp } from './transport/http-server.js';
import type { HttpServeOptions } from './transport/http-server.js';
import { tcpTransport } from './transport/tcp-client.js';
import type { TcpTransportOptions } from './transport/tcp-client.js';
import { serveTcp } from './transport/tcp-server.js';
import type { Listener, TcpServeOptions } from './transport/tcp-server.js';

/** Host, port and path of an RPC URI. */
export interface RpcUri {
  readonly scheme: 'tcp' | 'http';
  readonly host: string;
  readonly port: number;
  readonly path: string;
}

/** Parses `tcp://host:port` or `http://host:port/path`; throws RpcError naming what is wrong. */
export function parseRpcUri(uri: string): RpcUri {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new RpcError(`invalid RPC URI "${uri}": write tcp://host:port or http://host:port/`);
  }
  const scheme = u.protocol.slice(0, -1);
  if (scheme !== 'tcp' && scheme !== 'http') {
    throw new RpcError(`unsupported RPC URI scheme "${scheme}" in "${uri}": use tcp:// or http://`);
  }
  if (u.hostname === '') throw new RpcError(`RPC URI "${uri}" needs a host`);
  if (u.port === '' && scheme === 'tcp') throw new RpcError(`RPC URI "${uri}" needs a port`);
  return { scheme, host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 80), path: u.pathname || '/' };
}

/** A transport for `uri`. */
export function transportFor(uri: string, options: TcpTransportOptions & HttpTransportOptions = { port: 0 }): Transport {
  const u = parseRpcUri(uri);
  if (u.scheme === 'tcp') return tcpTransport({ ...options, host: u.host, port: u.port });
  return httpTransport(uri, options);
}

/** A client of `protocol` at `uri` (tcp:// or http://). */
export function connect<S extends ShapeOf<S> = ServiceShape>(
  uri: string, protocol: Protocol, options: ClientOptions & Omit<TcpTransportOptions, 'host' | 'port'> & HttpTransportOptions = {},
): Client<S> {
  return new Client<S>(protocol, transportFor(uri, { ...options, port: 0 }), options);
}

/** Serves `server` at `uri` (port 0 picks a free port: read it from the listener). */
export function listen(uri: string, server: Server<any>, options: Omit<TcpServeOptions & HttpServeOptions, 'host' | 'port'> = {}): Promise<Listener> {
  const u = parseRpcUri(uri);
  if (u.scheme === 'tcp') return serveTcp(server, { ...options, host: u.host, port: u.port });
  return serveHttp(server, { ...options, host: u.host, port: u.port });
}
