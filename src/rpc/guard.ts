/**
 * Timeouts and cancellation of one call. The operation gets a signal that fires when the
 * caller aborts or the time is up (an HTTP transport aborts its request on it); the returned
 * Promise settles at once either way, with the signal's reason or an {@link RpcTimeoutError}.
 */
import { RpcTimeoutError } from './errors.js';

export function guard<T>(
  run: (signal: AbortSignal | undefined) => Promise<T>, signal: AbortSignal | undefined, timeoutMs: number, what: string,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  // Nothing to cancel on: no signal objects and listeners for every call.
  if (signal === undefined && !(timeoutMs > 0)) return run(undefined);
  const inner = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = (reason: unknown): void => {
      cleanup();
      inner.abort(reason);
      reject(reason);
    };
    const onAbort = (): void => stop(signal!.reason);
    const cleanup = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs > 0) {
      timer = setTimeout(() => stop(new RpcTimeoutError(`${what}: no reply within ${timeoutMs} ms`)), timeoutMs);
    }
    run(inner.signal).then(
      (v) => {
        cleanup();
        resolve(v);
      },
      (e: unknown) => {
        cleanup();
        reject(e);
      },
    );
  });
}
