import { describe, expect, it } from 'vitest';
import { jsonValues } from '../../src/cli/commands/json-values.js';

async function split(chunks: string[]): Promise<{ text: string; line: number }[]> {
  const out: { text: string; line: number }[] = [];
  for await (const v of jsonValues((async function* () { yield* chunks; })())) out.push(v);
  return out;
}

const TEXT = '{"a": "}{\\"", "b": [1, {"c": null}]}\n\n  12 -3.5e2 "x\\ny"\n[\n  true,\n  {}\n]{"d":1}null';
const WANT = [
  { text: '{"a": "}{\\"", "b": [1, {"c": null}]}', line: 1 },
  { text: '12', line: 3 },
  { text: '-3.5e2', line: 3 },
  { text: '"x\\ny"', line: 3 },
  { text: '[\n  true,\n  {}\n]', line: 4 },
  { text: '{"d":1}', line: 7 },
  { text: 'null', line: 7 },
];

describe('splitting a stream into JSON values', () => {
  it('finds objects, arrays, strings and scalars, with the line each starts on', async () => {
    expect(await split([TEXT])).toEqual(WANT);
  });

  it('gives the same values whatever the chunk boundaries', async () => {
    for (let cut = 1; cut < TEXT.length; cut++) {
      expect(await split([TEXT.slice(0, cut), TEXT.slice(cut)]), `cut at ${cut}`).toEqual(WANT);
    }
    expect(await split([...TEXT])).toEqual(WANT);
  });

  it('reports a value the input ends inside of, with its line', async () => {
    await expect(split(['{"a": 1}\n{"b": [1, 2'])).rejects.toThrow(/ends inside the JSON value that starts on line 2/);
  });
});
