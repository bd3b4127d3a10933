import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/wire/writer.js';
import { FrameDecoder, RpcFrameError, deframe, frame } from '../../src/rpc/index.js';
import { endFrame, startFrame } from '../../src/rpc/framing.js';

/** Frames `parts` as separate buffers (as Python splits at 8 KiB) plus the terminator. */
function framedAs(parts: Uint8Array[]): Uint8Array {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const h = Buffer.alloc(4);
    h.writeUInt32BE(p.length);
    chunks.push(h, Buffer.from(p));
  }
  chunks.push(Buffer.alloc(4));
  return new Uint8Array(Buffer.concat(chunks));
}

describe('message framing', () => {
  it('frame writes one big-endian length, the bytes and a zero-length terminator', () => {
    expect([...frame(new Uint8Array([7, 8, 9]))]).toEqual([0, 0, 0, 3, 7, 8, 9, 0, 0, 0, 0]);
    // An empty message is the terminator alone (an empty buffer would end it early).
    expect([...frame(new Uint8Array(0))]).toEqual([0, 0, 0, 0]);
  });

  it('startFrame/endFrame write an empty message as the terminator alone', () => {
    const w = new ByteWriter(2);
    endFrame(w, startFrame(w));
    expect([...w.buf.subarray(0, w.pos)]).toEqual([0, 0, 0, 0]);
    expect(new FrameDecoder().push(w.buf.subarray(0, w.pos))).toHaveLength(1);
  });

  it('startFrame/endFrame frame what is written in between', () => {
    const w = new ByteWriter(2);
    const at = startFrame(w);
    w.writeString('hello, world');
    endFrame(w, at);
    expect([...deframe(w.buf.subarray(0, w.pos))]).toEqual([...new TextEncoder().encode('\x18hello, world')]);
  });

  it('a message split into several buffers reads as their concatenation', () => {
    const body = framedAs([new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5, 6])]);
    expect([...deframe(body)]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('any split of a stream into chunks yields the same messages', () => {
    fc.assert(
      fc.property(
        // A zero-length buffer ends a message, so the buffers inside one are never empty.
        fc.array(fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 20 }),
        (messages, cuts) => {
          const stream = Buffer.concat(messages.map((parts) => framedAs(parts)));
          const d = new FrameDecoder(1 << 20);
          const got: number[][] = [];
          let pos = 0;
          let i = 0;
          while (pos < stream.length) {
            const n = cuts[i++ % cuts.length]!;
            for (const m of d.push(stream.subarray(pos, pos + n))) got.push([...m]);
            pos += n;
          }
          expect(got).toEqual(messages.map((parts) => parts.flatMap((p) => [...p])));
          expect(d.inMessage).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a message in one buffer within one chunk is returned without copying', () => {
    const chunk = frame(new Uint8Array([1, 2, 3]));
    const [m] = new FrameDecoder().push(chunk);
    expect(m!.buffer).toBe(chunk.buffer);
  });

  it('a length past the limit fails before its bytes arrive', () => {
    const d = new FrameDecoder(1000);
    expect(() => d.push(new Uint8Array([0, 0, 0x03, 0xe9]))).toThrow(RpcFrameError);
    expect(() => new FrameDecoder(1000).push(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toThrow(/past the limit of 1000 bytes/);
  });

  it('the limit counts the whole message, not one buffer', () => {
    const d = new FrameDecoder(10);
    expect(() => d.push(framedAs([new Uint8Array(6), new Uint8Array(6)]))).toThrow(/maxMessageBytes/);
  });

  it('deframe refuses a missing terminator and trailing bytes', () => {
    expect(() => deframe(new Uint8Array([0, 0, 0, 1, 5]))).toThrow(/truncated/);
    expect(() => deframe(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/after the end/);
    expect(() => deframe(new Uint8Array([0, 0, 0, 0, 9]))).toThrow(/after the end/);
  });
});
