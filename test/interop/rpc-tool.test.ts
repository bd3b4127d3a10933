/**
 * Apache's RPC interop files (share/test/interop/rpc/<message>/<case>/{request,response}.avro
 * on simple.avpr) both ways between our `rpcsend`/`rpcreceive` and python3-avro's
 * `python3 -m avro.tool rpcreceive`/`rpcsend`, as share/test/interop/bin/test_rpc_interop.sh
 * runs them between languages.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { avrokit } from '../rpc/cli-helpers.js';
import { sharedAvro } from '../schema/shared-data.js';
import { PYTHON, describeIfPeer, pythonAvro } from './peers/index.js';

const SHARED = sharedAvro('RPC interop files with avro.tool');

/** What each case's response.avro holds, as our rpcsend prints it and as Python prints it. */
const EXPECTED: Record<string, { json: unknown; python: string; request: unknown }> = {
  'hello/world': { json: 'Hello World', python: 'Hello World', request: { greeting: 'Hello World!' } },
  'add/onePlusOne': { json: 2, python: '2', request: { arg1: 1, arg2: 1 } },
  'echo/foo': {
    json: { name: 'Foo', kind: 'FOO', hash: '0123456789012345' },
    python: "{'name': 'Foo', 'kind': 'FOO', 'hash': b'0123456789012345'}",
    request: { record: { name: 'Foo', kind: 'FOO', hash: '0123456789012345' } },
  },
};

interface Proc {
  done: Promise<{ code: number | null; out: string; err: string }>;
  firstLine: Promise<string>;
}

/** Runs `python3 -m avro.tool ARGS` (killed after 60 s). */
function pyTool(...args: string[]): Proc {
  const child = spawn(PYTHON, ['-m', 'avro.tool', ...args]);
  let out = '';
  let err = '';
  let gotLine: (l: string) => void;
  const firstLine = new Promise<string>((r) => (gotLine = r));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('\n')) gotLine(out.slice(0, out.indexOf('\n')));
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      gotLine('');
      resolve({ code, out, err });
    });
  });
  return { done, firstLine };
}

describeIfPeer(pythonAvro(), 'RPC interop files with python3 -m avro.tool', () => {
  if (!SHARED) return;
  const root = join(SHARED, 'share/test/interop/rpc');
  const proto = join(SHARED, 'share/test/schemas/simple.avpr');
  const cases = readdirSync(root).flatMap((m) => readdirSync(join(root, m)).map((c) => `${m}/${c}`));

  it('covers every case of the interop folder', () => {
    expect(cases.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const c of cases) {
    const [message] = c.split('/') as [string];
    const dir = join(root, c);

    it(`${c}: avrokit rpcsend → avro.tool rpcreceive`, async () => {
      const server = pyTool('rpcreceive', 'http://127.0.0.1:0/', proto, message, '-file', join(dir, 'response.avro'));
      const line = await server.firstLine;
      expect(line).toMatch(/^Port: \d+$/);
      const send = avrokit('rpcsend', `http://127.0.0.1:${line.slice(6)}`, proto, message, '-file', join(dir, 'request.avro'));
      expect(await send.done, send.stderr()).toBe(0);
      expect(JSON.parse(send.stdout())).toEqual(EXPECTED[c]!.json);
      const py = await server.done; // avro.tool exits after one call
      expect(py.code, py.err).toBe(0);
    });

    it(`${c}: avro.tool rpcsend → avrokit rpcreceive`, async () => {
      const receive = avrokit('rpcreceive', 'http://127.0.0.1:0/', proto, message, '-file', join(dir, 'response.avro'));
      const port = (await receive.line(/^Port: \d+$/)).slice(6);
      const py = await pyTool('rpcsend', `http://127.0.0.1:${port}`, proto, message, '-file', join(dir, 'request.avro')).done;
      expect(py.code, py.err).toBe(0);
      expect(py.out.trim()).toBe(EXPECTED[c]!.python);
      expect(await receive.done).toBe(0);
      const [portLine, requestLine] = receive.stdout().trim().split('\n');
      expect(portLine).toBe(`Port: ${port}`);
      expect(JSON.parse(requestLine!)).toEqual(EXPECTED[c]!.request);
    });
  }
});
