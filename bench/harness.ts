/**
 * Measures ops/s of several implementations of one operation in the same process:
 * interleaved rounds after a warm-up, reporting the median round of each.
 */

export interface Contender {
  name: string;
  fn: () => unknown;
}

/** Runs `fn` for about `ms` milliseconds; returns ops/s. */
function measure(fn: () => unknown, ms: number): number {
  let ops = 0;
  let batch = 16;
  const start = performance.now();
  let now = start;
  let sink: unknown;
  while (now - start < ms) {
    for (let i = 0; i < batch; i++) sink = fn();
    ops += batch;
    now = performance.now();
    if (batch < 1 << 16) batch *= 2;
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return (ops * 1000) / (now - start);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface BenchOptions {
  rounds: number;
  ms: number;
}

/** ops/s per contender (median of rounds). */
export function compare(contenders: Contender[], { rounds, ms }: BenchOptions): Map<string, number> {
  for (const c of contenders) measure(c.fn, ms); // warm-up
  const results = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of r % 2 ? [...contenders].reverse() : contenders) results.get(c.name)!.push(measure(c.fn, ms));
  }
  return new Map([...results].map(([k, v]) => [k, median(v)]));
}

export function fmtOps(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}
