/**
 * `avrokit rpcsend`, `rpcreceive` and `rpcprotocol` against each other, over HTTP and TCP.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Protocol, Server, listen } from '../../src/rpc/index.js';
import { avrokit } from './cli-helpers.js';
import { SHARED, simpleHandlers, simpleProtocol } from './helpers.js';

const describeShared = SHARED ? describe : describe.skip;

describeShared('rpc commands', () => {
  const simple = join(SHARED!, 'share/test/schemas/simple.avpr');

  for (const scheme of ['http', 'tcp']) {
    it(`rpcreceive prints Port first, then the request; rpcsend prints the response (${scheme})`, async () => {
      const receive = avrokit('rpcreceive', `${scheme}://127.0.0.1:0/`, simple, 'hello', '--data', '"Hello World"');
      const port = Number((await receive.line(/^Port: \d+$/)).slice(6));
      expect(receive.stdout().startsWith('Port: ')).toBe(true);
      const send = avrokit('rpcsend', `${scheme}://127.0.0.1:${port}/`, simple, 'hello', '--data', '{"greeting": "bob"}');
      expect(await send.done).toBe(0);
      expect(send.stdout()).toBe('"Hello World"\n');
      expect(await receive.done).toBe(0);
      expect(receive.stdout()).toBe(`Port: ${port}\n{"greeting":"bob"}\n`);
    });
  }

  it('rpcsend and rpcreceive take container files (-file) as avro-tools does', async () => {
    const dir = join(SHARED!, 'share/test/interop/rpc/echo/foo');
    const receive = avrokit('rpcreceive', 'http://127.0.0.1:0/', simple, 'echo', '-file', join(dir, 'response.avro'));
    const port = Number((await receive.line(/^Port: /)).slice(6));
    const send = avrokit('rpcsend', `http://127.0.0.1:${port}`, simple, 'echo', '-file', join(dir, 'request.avro'));
    expect(await send.done).toBe(0);
    expect(JSON.parse(send.stdout())).toEqual({ name: 'Foo', kind: 'FOO', hash: '0123456789012345' });
    expect(await receive.done).toBe(0);
  });

  it('rpcsend reports a remote error on stderr with exit status 1', async () => {
    const listener = await listen('http://127.0.0.1:0/', new Server(simpleProtocol(), simpleHandlers()));
    try {
      const send = avrokit('rpcsend', `http://127.0.0.1:${listener.port}/`, simple, 'error');
      expect(await send.done).toBe(1);
      expect(send.stderr()).toMatch(/org\.apache\.avro\.test\.TestError: \{"message":"intentional"\}/);
    } finally {
      await listener.close();
    }
  });

  it('rpcprotocol prints the server protocol (tcp and http)', async () => {
    const p = simpleProtocol();
    for (const scheme of ['tcp', 'http']) {
      const listener = await listen(`${scheme}://127.0.0.1:0/`, new Server(p, simpleHandlers()));
      try {
        const run = avrokit('rpcprotocol', `${scheme}://127.0.0.1:${listener.port}/`, '--raw');
        expect(await run.done).toBe(0);
        expect(run.stdout()).toBe(`${p.toString()}\n`);
        expect(Protocol.parse(run.stdout()).hashHex).toBe(p.hashHex);
      } finally {
        await listener.close();
      }
    }
  });

  it('usage errors exit with status 2 and say what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['rpcsend', 'http://127.0.0.1:1/'], /give URI, PROTOCOL and MESSAGE/],
      [['rpcsend', 'http://127.0.0.1:1/', simple, 'nope'], /no message "nope"/],
      [['rpcsend', 'http://127.0.0.1:1/', simple, 'add', '--data', '{"arg1": "x"}'], /--data does not fit/],
      [['rpcsend', 'http://127.0.0.1:1/', '/no/such.avpr', 'add'], /cannot read protocol/],
      [['rpcreceive', 'http://127.0.0.1:0/', simple, 'add'], /give it with --data/],
      [['rpcprotocol'], /give the server URI/],
      [['rpcsend', 'http://x/', simple, 'add', '--bogus'], /unknown option --bogus/],
    ];
    for (const [argv, re] of cases) {
      const run = avrokit(...argv);
      expect(await run.done, argv.join(' ')).toBe(2);
      expect(run.stderr()).toMatch(re);
    }
  });
});
