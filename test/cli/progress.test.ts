import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Progress } from '../../src/cli/commands/container-io.js';

function stream(tty: boolean): { s: Writable & { isTTY?: boolean }; text: () => string } {
  const chunks: string[] = [];
  const s = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) }) as Writable & { isTTY?: boolean };
  if (tty) s.isTTY = true;
  return { s, text: () => chunks.join('') };
}

describe('progress bar', () => {
  afterEach(() => vi.useRealTimers());

  it('draws on a terminal only once the work has taken a second, then erases itself', () => {
    vi.useFakeTimers();
    const { s, text } = stream(true);
    const p = new Progress(s, 'count', 10_000_000);
    p.add(1_000_000);
    expect(text()).toBe('');
    vi.advanceTimersByTime(1500);
    p.add(4_000_000);
    expect(text()).toMatch(/^\rcount \[#{15} {15}\]  50% 5\.0 MB \/ 10\.0 MB\x1b\[K$/);
    p.finish();
    expect(text().endsWith('\r\x1b[K')).toBe(true);
  });

  it('stays silent when stderr is not a terminal (pipes, files, CI logs)', () => {
    vi.useFakeTimers();
    const { s, text } = stream(false);
    const p = new Progress(s, 'count', 100);
    vi.advanceTimersByTime(5000);
    p.add(50);
    p.finish();
    expect(text()).toBe('');
  });
});
