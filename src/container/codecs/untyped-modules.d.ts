// Minimal declarations for codec packages that ship no types (only what the codecs call).

declare module 'snappyjs' {
  export function compress(data: Uint8Array): Uint8Array;
  export function uncompress(data: Uint8Array, maxLength?: number): Uint8Array;
}

declare module 'libbzip2-wasm' {
  interface Bzip2Result {
    error: number;
    output: Uint8Array;
  }
  interface Bzip2Module {
    compressBZ2(data: Uint8Array, blockSize: number, workFactor: number): Bzip2Result;
    decompressBZ2(data: Uint8Array, small: number): Bzip2Result;
  }
  const factory: () => PromiseLike<Bzip2Module>;
  export default factory;
}

declare module 'lzma-native' {
  export const CHECK_CRC64: number;
  export function compress(
    data: Uint8Array,
    options: { preset?: number; check?: number },
    callback: (result: Uint8Array, error?: Error) => void,
  ): void;
  export function decompress(data: Uint8Array, options: object, callback: (result: Uint8Array, error?: Error) => void): void;
}
