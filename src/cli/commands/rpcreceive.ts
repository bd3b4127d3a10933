/**
 * `avrokit rpcreceive URI PROTOCOL MESSAGE --data JSON`: serves one call, as avro-tools does.
 * Prints `Port: N` first (port 0 in the URI picks a free port), then the request it receives
 * as Avro JSON, answers with the given datum, and exits.
 */
import { Server, listen } from '../../rpc/index.js';
import { UsageError, datumOf, loadProtocol, parseRpcArgs } from './rpcsend.js';
import type { CommandIO, RpcArgs } from './rpcsend.js';

const USAGE = `usage: avrokit rpcreceive URI PROTOCOL MESSAGE [--data JSON | --file FILE]

Listens at URI (http://host:port/ or tcp://host:port; port 0 picks a free port) as a server of
the protocol in file PROTOCOL (.avpr), prints "Port: N", waits for one call of MESSAGE, prints
its request as Avro JSON, answers with the response given and exits.

  --data JSON   the response, as Avro JSON
  --file FILE   the response: the first record of an Avro container file

Without --data or --file the response is null (for messages whose response is "null").`;

/** Grace given to the answer to reach the client before the server stops. */
const GRACE_MS = 5000;

async function run(argv: string[], io: CommandIO): Promise<number> {
  let args: RpcArgs;
  try {
    args = parseRpcArgs(argv);
    const [uri, protocolPath, messageName, ...extra] = args.positional;
    if (messageName === undefined || extra.length > 0) throw new UsageError('give URI, PROTOCOL and MESSAGE');
    const protocol = await loadProtocol(protocolPath!, io);
    const message = protocol.message(messageName);
    if (message === undefined) {
      throw new UsageError(`protocol ${protocol.name} has no message "${messageName}" (it has: ${[...protocol.messages.keys()].join(', ')})`);
    }
    const response = await datumOf(args, message.responseType, () => {
      if (message.responseType.typeName !== 'null') throw new UsageError(`"${messageName}" returns a value: give it with --data or --file`);
      return null;
    });
    let received!: () => void;
    const served = new Promise<void>((resolve) => {
      received = resolve;
    });
    const server = new Server(protocol, {
      [messageName]: (request: unknown) => {
        io.stdout.write(`${message.requestType.toString(request)}\n`);
        // Stop once this answer is on its way (the listener lets in-flight calls finish).
        setImmediate(received);
        return response;
      },
    });
    const listener = await listen(uri!, server);
    io.stdout.write(`Port: ${listener.port}\n`);
    await served;
    await listener.close(GRACE_MS);
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`avrokit rpcreceive: ${e.message}\nrun \`avrokit rpcreceive --help\` for the options\n`);
    return 2;
  }
}

export const command = { summary: 'serve one call of an Avro RPC message, print its request and exit', usage: USAGE, run };
