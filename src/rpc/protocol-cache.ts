/**
 * Remote protocols by hash (spec: "Both clients and servers should maintain a cache of
 * recently seen protocols"). Bounded, least recently used first out, so peers sending ever new
 * protocols cannot grow it without limit.
 */
import { hashKey } from './handshake.js';
import { Protocol } from './protocol.js';
import type { ProtocolOptions } from './protocol.js';

/** Default number of remote protocols remembered. */
export const DEFAULT_MAX_CACHED_PROTOCOLS = 256;

export class ProtocolCache {
  private readonly entries = new Map<string, Protocol>();

  /**
   * @param local the protocol of this side: a remote protocol whose JSON text is the same is
   *   replaced by it, so identical protocols share one set of compiled types.
   */
  constructor(
    readonly local: Protocol,
    private readonly max = DEFAULT_MAX_CACHED_PROTOCOLS,
    private readonly options: ProtocolOptions = {},
  ) {
    this.entries.set(local.hashHex, local);
  }

  /** The protocol known under `hash`, or undefined. */
  get(hash: Uint8Array | string): Protocol | undefined {
    const key = typeof hash === 'string' ? hash : hashKey(hash);
    const p = this.entries.get(key);
    if (p !== undefined && p !== this.local) {
      this.entries.delete(key);
      this.entries.set(key, p);
    }
    return p;
  }

  /** Remembers `protocol` under `hash` (another implementation's hash of it). */
  set(hash: Uint8Array | string, protocol: Protocol): void {
    const key = typeof hash === 'string' ? hash : hashKey(hash);
    this.entries.delete(key);
    this.entries.set(key, protocol);
    while (this.entries.size > this.max + 1) {
      const oldest = this.entries.keys().next().value as string;
      if (this.entries.get(oldest) === this.local) {
        // The local protocol stays; move it to the back.
        this.entries.delete(oldest);
        this.entries.set(oldest, this.local);
        continue;
      }
      this.entries.delete(oldest);
    }
  }

  /** Parses protocol text received from a peer (the local protocol when the text is the same). */
  parse(text: string): Protocol {
    if (text === this.local.toString()) return this.local;
    const p = Protocol.parse(text, this.options);
    return p.toString() === this.local.toString() ? this.local : p;
  }

  /** True when `hash` names the local protocol (its own hash, or a peer's hash of the same text). */
  isLocal(hash: Uint8Array): boolean {
    return this.entries.get(hashKey(hash)) === this.local;
  }

  get size(): number {
    return this.entries.size;
  }
}
