/**
 * Interop: python3-avro's `avro.ipc.Requestor` (over `HTTPTransceiver`) calls a decorated
 * service served by `serve(instance, 'http://…')`, with nothing but the JSON of
 * `protocolOf(MailService)` written to a file. Python hashes protocol text its own way, so the
 * first call takes the handshake's NONE-then-retry path and the rest match BOTH. Checked:
 * records both ways (timestamps read by Python as datetimes), a declared error (Python sees the
 * error record), an undeclared exception (the system error string), a default parameter, an
 * enum carried by a conversion, and a one-way message.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { protocolOf, serverOf } from '../../decorators/rpc.js';
import { listen } from '../../src/rpc/index.js';
import type { Listener } from '../../src/rpc/index.js';
import { readHandshakeResponse } from '../../src/rpc/handshake.js';
import { ByteReader } from '../../src/wire/reader.js';
import { PYTHON, describeIfPeer, pythonAvro } from '../interop/peers/index.js';
import { Letter, MailService } from './service-fixtures.js';

/**
 * Makes the calls read from stdin ({"calls": [{message, request}]}) with one Requestor and
 * prints {"results": [{"response": v} | {"error": v}]}; datetimes print as ISO text.
 */
const REQUESTOR = `
import json, sys
import avro.errors, avro.ipc, avro.protocol
url_host, url_port, protocol_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
protocol = avro.protocol.parse(open(protocol_path).read())
transceiver = avro.ipc.HTTPTransceiver(url_host, url_port)
requestor = avro.ipc.Requestor(protocol, transceiver)
results = []
for c in json.load(sys.stdin)["calls"]:
    try:
        results.append({"response": requestor.request(c["message"], c["request"])})
    except avro.errors.AvroRemoteException as e:
        results.append({"error": e.args[0] if e.args else str(e)})
transceiver.close()
print(json.dumps({"results": results}, default=lambda v: v.isoformat()))
`;

function pythonCalls(port: number, protocolPath: string, calls: { message: string; request: unknown }[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', REQUESTOR, '127.0.0.1', String(port), protocolPath]);
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`python3 Requestor exited ${code}: ${err}`));
      else resolve((JSON.parse(out) as { results: unknown[] }).results);
    });
    child.stdin.end(JSON.stringify({ calls }));
  });
}

describeIfPeer(pythonAvro(), 'python3-avro Requestor → decorated service (HTTP)', () => {
  let dir = '';
  let listener: Listener | undefined;
  const service = new MailService();
  const errors: unknown[] = [];
  const matches: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'avrokit-service-py-'));
    writeFileSync(join(dir, 'mail.avpr'), JSON.stringify(protocolOf(MailService).toJSON(), null, 2));
    const server = serverOf(service, { onError: (e) => errors.push(e) });
    // Records the handshake match of each response (4 bytes of frame length first).
    const respond = server.respond.bind(server);
    server.respond = (bytes, session) => {
      const out = respond(bytes, session);
      void Promise.resolve(out).then((b) => b && matches.push(readHandshakeResponse(new ByteReader(b.subarray(4))).match));
      return out;
    };
    listener = await listen('http://127.0.0.1:0/', server);
  });
  afterAll(async () => {
    await listener?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('calls every kind of message with the JSON of protocolOf', async () => {
    const letter = { to: 'bob', from: 'ada', body: 'hello!' };
    const results = await pythonCalls(listener!.port, join(dir, 'mail.avpr'), [
      { message: 'send', request: { letter } },
      { message: 'greeting', request: { name: 'python' } },
      { message: 'count', request: { to: 'bob', max: 10 } },
      { message: 'count', request: { to: null, max: 0 } },
      { message: 'priority_of', request: { letter } },
      { message: 'send', request: { letter: { ...letter, to: '' } } },
      { message: 'send', request: { letter: { ...letter, to: 'busy' } } },
      { message: 'send', request: { letter: { ...letter, to: 'crash' } } },
      { message: 'ping', request: { note: 'from python' } },
      { message: 'greeting', request: { name: 'again' } },
    ]);
    expect(results).toEqual([
      { response: { id: 'r1', at: '2026-01-02T00:00:00+00:00', letters: [letter] } },
      { response: 'hello python' },
      { response: 1 },
      { response: 0 },
      { response: 'High' },
      { error: { reason: 'no recipient', code: 400 } },
      { error: { retryAfterMs: 250 } },
      { error: 'the mail room is on fire' },
      { response: null },
      { response: 'hello again' },
    ]);
    expect(service.outbox).toHaveLength(1);
    expect(service.outbox[0]).toBeInstanceOf(Letter);
    expect(service.pinged).toEqual(['from python']);
    expect(errors).toHaveLength(1);
    expect(matches).toEqual(['NONE', ...Array<string>(10).fill('BOTH')]);
  });
});
