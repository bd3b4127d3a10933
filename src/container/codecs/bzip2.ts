import type { ContainerCodec } from '../codec.js';
import { tooLarge } from '../codec.js';

const BZ_OK = 0;

interface Bzip2Module {
  compressBZ2(data: Uint8Array, blockSize: number, workFactor: number): { error: number; output: Uint8Array };
  decompressBZ2(data: Uint8Array, small: number): { error: number; output: Uint8Array };
}

/**
 * The `bzip2` codec, with `libbzip2-wasm` (libbzip2 compiled to WebAssembly), block size 9
 * as Java and Python use. The output size is checked after decompressing: bzip2 does not
 * state it up front.
 */
export async function bzip2Codec(): Promise<ContainerCodec> {
  const bz = await (library ??= loadLibrary().catch((e: unknown) => {
    library = undefined;
    throw e;
  }));
  return {
    name: 'bzip2',
    compress(data) {
      const r = bz.compressBZ2(data, 9, 30);
      if (r.error !== BZ_OK) throw new Error(`bzip2 compression failed (libbzip2 error ${r.error})`);
      return r.output.slice();
    },
    decompress(data, maxBytes) {
      const r = bz.decompressBZ2(data, 0);
      if (r.error !== BZ_OK) throw new Error(`invalid bzip2 data (libbzip2 error ${r.error})`);
      if (r.output.length > maxBytes) tooLarge('bzip2', r.output.length, maxBytes);
      return r.output.slice();
    },
  };
}

/** The WebAssembly module, instantiated once and shared (a cache, loaded on first use). */
let library: Promise<Bzip2Module> | undefined;

async function loadLibrary(): Promise<Bzip2Module> {
  const mod = await import('libbzip2-wasm');
  const factory = (typeof mod.default === 'function' ? mod.default : mod) as unknown as typeof mod.default;
  // The Emscripten glue installs process-wide 'uncaughtException' and 'unhandledRejection'
  // handlers when it starts; a library must not change how its host process fails, so the
  // handlers it added are removed again.
  type Listener = (...args: unknown[]) => void;
  const proc = (globalThis as { process?: { listeners(e: string): Listener[]; removeListener(e: string, l: Listener): void } })
    .process;
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = proc ? events.map((e) => new Set(proc.listeners(e))) : [];
  // The Emscripten module is a thenable that resolves to itself: awaiting it directly would
  // never settle, so it is unwrapped by hand.
  const bz = await new Promise<Bzip2Module>((resolve, reject) => {
    factory().then((m) => resolve({ compressBZ2: m.compressBZ2.bind(m), decompressBZ2: m.decompressBZ2.bind(m) }), reject);
  });
  if (proc) {
    events.forEach((e, i) => {
      for (const l of proc.listeners(e)) if (!before[i]!.has(l)) proc.removeListener(e, l);
    });
  }
  return bz;
}
