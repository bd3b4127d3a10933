/**
 * `avrokit rpcprotocol URI`: prints the protocol of the Avro RPC server at URI, as it sends it
 * in the handshake.
 */
import { fetchRemoteProtocol, transportFor } from '../../rpc/index.js';
import { UsageError, parseRpcArgs } from './rpcsend.js';
import type { CommandIO } from './rpcsend.js';

const USAGE = `usage: avrokit rpcprotocol URI [--raw] [--timeout MS]

Prints the protocol of the Avro RPC server at URI (http://host:port/ or tcp://host:port),
pretty-printed JSON; --raw prints the exact text the server sent.`;

async function run(argv: string[], io: CommandIO): Promise<number> {
  try {
    const args = parseRpcArgs(argv);
    const [uri, ...extra] = args.positional;
    if (uri === undefined || extra.length > 0) throw new UsageError('give the server URI');
    const transport = transportFor(uri, { port: 0 });
    try {
      const signal = args.timeoutMs !== undefined ? AbortSignal.timeout(args.timeoutMs) : undefined;
      const remote = await fetchRemoteProtocol(transport, signal);
      io.stdout.write(`${args.raw ? remote.text : JSON.stringify(JSON.parse(remote.text), null, 2)}\n`);
    } finally {
      await transport.close();
    }
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`avrokit rpcprotocol: ${e.message}\nrun \`avrokit rpcprotocol --help\` for the options\n`);
    return 2;
  }
}

export const command = { summary: "print an Avro RPC server's protocol", usage: USAGE, run };
