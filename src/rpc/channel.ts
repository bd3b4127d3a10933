/**
 * What a client needs from a transport. Implementations live in rpc/transport/ (the only
 * place that touches sockets); tests may supply their own.
 */

/**
 * A stateless transport (HTTP): every request carries a handshake and gets its own response.
 */
export interface StatelessTransport {
  readonly stateful: false;
  /** Identifies the server, for the client's cache of its protocol (e.g. `http://host:port/`). */
  readonly remoteName: string;
  /** Sends one framed request message; resolves with the response message (unframed). */
  request(framed: Uint8Array, signal?: AbortSignal): Promise<Uint8Array>;
  /** Releases the transport's resources (idle sockets). */
  close(): Promise<void>;
}

/**
 * A stateful transport (TCP): connections on which the handshake happens once. Avro's TCP
 * framing has no call id, so replies come back in the order of the requests.
 */
export interface StatefulTransport {
  readonly stateful: true;
  readonly remoteName: string;
  /** Opens a connection (the client calls it again after the previous one closed). */
  connect(signal?: AbortSignal): Promise<Connection>;
  close(): Promise<void>;
}

/** One open connection of a {@link StatefulTransport}. */
export interface Connection {
  /**
   * Writes one framed message. With `reply`, resolves with the next reply message in order
   * (unframed); otherwise resolves once the message is queued. Rejects with
   * RpcConnectionError when the connection closes first.
   */
  send(framed: Uint8Array, reply: boolean): Promise<Uint8Array | undefined>;
  /** True once the connection is closed or failed. */
  readonly closed: boolean;
  /** Closes the connection; pending replies reject. */
  close(): void;
}

export type Transport = StatelessTransport | StatefulTransport;
