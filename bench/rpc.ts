/**
 * RPC benchmark: calls/s and p50/p99 latency of a small echo message, avrokit vs avsc 5.7.9
 * services, over one TCP connection (1 and 64 calls in flight) and over HTTP with keep-alive
 * (1 and 16 in flight), all on 127.0.0.1. Each side talks to its own server (avsc's TCP
 * framing is Netty's, not the spec's, so the two do not interoperate over TCP).
 *
 *   node --import tsx bench/rpc.ts [--ms 1500] [--rounds 3] [--only tcp|http]
 *
 * Rounds run the contenders interleaved after a warm-up; the table shows the median round.
 */
import { Agent, createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { createServer as createNetServer, connect as netConnect } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import avsc from 'avsc';
import { Protocol, Server, connect, listen } from '../src/rpc/index.js';
import type { Listener } from '../src/rpc/index.js';

const PROTOCOL = {
  protocol: 'Echo',
  namespace: 'bench',
  messages: { echo: { request: [{ name: 's', type: 'string' }], response: 'string' } },
};
const PAYLOAD = 'hello, world';

type Call = () => Promise<unknown>;

interface Contender {
  name: string;
  setup(): Promise<{ call: Call; close(): Promise<void> }>;
}

interface Result {
  callsPerSec: number;
  p50: number;
  p99: number;
}

/** Keeps `inFlight` calls running for `ms`; returns calls/s and latency percentiles (ms). */
async function measure(call: Call, inFlight: number, ms: number): Promise<Result> {
  const lat: number[] = [];
  const end = performance.now() + ms;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t = performance.now();
      await call();
      lat.push(performance.now() - t);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = performance.now() - start;
  lat.sort((a, b) => a - b);
  const pct = (p: number): number => lat[Math.min(lat.length - 1, Math.floor((lat.length * p) / 100))] ?? NaN;
  return { callsPerSec: (lat.length * 1000) / elapsed, p50: pct(50), p99: pct(99) };
}

// --- avrokit ---------------------------------------------------------------------------

function avrokitContender(scheme: 'tcp' | 'http'): Contender {
  return {
    name: 'avrokit',
    async setup() {
      const protocol = Protocol.parse(PROTOCOL);
      const server = new Server(protocol, { echo: ({ s }: { s: string }) => s });
      const listener: Listener = await listen(`${scheme}://127.0.0.1:0/`, server);
      const client = connect(`${scheme}://127.0.0.1:${listener.port}/`, protocol);
      await client.ping();
      return {
        call: () => client.send('echo', { s: PAYLOAD }),
        close: async () => {
          await client.close();
          await listener.close();
        },
      };
    },
  };
}

// --- avsc 5.7.9 -----------------------------------------------------------------------

interface AvscClient {
  emitMessage(name: string, req: unknown, opts: unknown, cb: (err: unknown, res: unknown) => void): void;
  createChannel(transport: unknown): unknown;
  destroyChannels(opts?: unknown): void;
}

function avscService() {
  const svc = (avsc as unknown as { Service: { forProtocol(p: unknown): any } }).Service.forProtocol(PROTOCOL);
  const server = svc.createServer({ silent: true }).onMessage('echo', (req: { s: string }, cb: (e: unknown, r: string) => void) => cb(null, req.s));
  return { svc, server };
}

const promisify = (client: AvscClient): Call => () =>
  new Promise((resolve, reject) => client.emitMessage('echo', { s: PAYLOAD }, {}, (err, res) => (err ? reject(err) : resolve(res))));

function avscTcp(noDelay: boolean): Contender {
  return {
    name: noDelay ? 'avsc (setNoDelay)' : 'avsc (defaults)',
    async setup() {
      const { svc, server } = avscService();
      const net: NetServer = createNetServer((socket) => {
        if (noDelay) socket.setNoDelay(true);
        server.createChannel(socket);
      });
      await new Promise<void>((r) => net.listen(0, '127.0.0.1', r));
      const socket: Socket = netConnect({ host: '127.0.0.1', port: (net.address() as AddressInfo).port });
      if (noDelay) socket.setNoDelay(true);
      const client = svc.createClient({ transport: socket }) as AvscClient;
      await new Promise((r) => setImmediate(r)); // avsc adds the channel on the next tick
      const call = promisify(client);
      await call();
      return {
        call,
        close: async () => {
          client.destroyChannels({ noWait: true });
          socket.destroy();
          await new Promise<void>((r) => net.close(() => r()));
        },
      };
    },
  };
}

function avscHttp(): Contender {
  return {
    name: 'avsc',
    async setup() {
      const { svc, server } = avscService();
      const http: HttpServer = createHttpServer((req, res) => {
        server.createChannel((cb: (e: unknown, w: unknown) => void) => {
          cb(null, res);
          return req;
        });
      });
      await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
      const port = (http.address() as AddressInfo).port;
      const agent = new Agent({ keepAlive: true, maxSockets: 64 });
      const client = svc.createClient() as AvscClient;
      client.createChannel((cb: (e: unknown, r?: IncomingMessage) => void) =>
        httpRequest({ host: '127.0.0.1', port, method: 'POST', agent })
          .on('response', (res) => cb(null, res))
          .on('error', cb));
      const call = promisify(client);
      await call();
      return {
        call,
        close: async () => {
          agent.destroy();
          http.closeAllConnections();
          await new Promise<void>((r) => http.close(() => r()));
        },
      };
    },
  };
}

// --- runner ---------------------------------------------------------------------------

interface Case {
  name: string;
  inFlight: number;
  contenders: Contender[];
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const ms = Number(arg('ms', '1500'));
  const rounds = Number(arg('rounds', '3'));
  const only = arg('only', '');
  const cases: Case[] = [
    { name: 'TCP, 1 in flight', inFlight: 1, contenders: [avrokitContender('tcp'), avscTcp(true)] },
    { name: 'TCP, 64 in flight', inFlight: 64, contenders: [avrokitContender('tcp'), avscTcp(true)] },
    { name: 'HTTP keep-alive, 1 in flight', inFlight: 1, contenders: [avrokitContender('http'), avscHttp()] },
    { name: 'HTTP keep-alive, 16 in flight', inFlight: 16, contenders: [avrokitContender('http'), avscHttp()] },
  ].filter((c) => only === '' || c.name.toLowerCase().startsWith(only));
  const rows: string[] = [];
  for (const c of cases) {
    const results = new Map<string, Result[]>();
    const live = await Promise.all(c.contenders.map(async (x) => ({ name: x.name, ...(await x.setup()) })));
    for (const x of live) await measure(x.call, c.inFlight, Math.min(500, ms)); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const x of live) {
        const list = results.get(x.name) ?? [];
        list.push(await measure(x.call, c.inFlight, ms));
        results.set(x.name, list);
      }
    }
    for (const x of live) await x.close();
    const med = (name: string): Result => {
      const list = [...results.get(name)!].sort((a, b) => a.callsPerSec - b.callsPerSec);
      return list[list.length >> 1]!;
    };
    const ours = med('avrokit');
    for (const x of live) {
      const m = med(x.name);
      rows.push(`| ${c.name} | ${x.name} | ${Math.round(m.callsPerSec).toLocaleString('en-US')} | ${m.p50.toFixed(3)} | ${m.p99.toFixed(3)} | ${x.name === 'avrokit' ? '' : `${(ours.callsPerSec / m.callsPerSec).toFixed(2)}x`} |`);
    }
    console.error(`done: ${c.name}`);
  }
  // The stall avsc shows with default socket settings (Nagle), measured briefly.
  if (only === '' || only === 'tcp') {
    const stall = await avscTcp(false).setup();
    const m = await measure(stall.call, 1, Math.min(ms, 1000));
    await stall.close();
    rows.push(`| TCP, 1 in flight | avsc (defaults) | ${Math.round(m.callsPerSec)} | ${m.p50.toFixed(3)} | ${m.p99.toFixed(3)} | |`);
  }
  console.log(`RPC echo, Node ${process.version}, ${ms} ms x ${rounds} rounds (median)\n`);
  console.log('| case | implementation | calls/s | p50 ms | p99 ms | avrokit vs |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
}

await main();
