/**
 * `avrokit rpcsend URI PROTOCOL MESSAGE --data JSON`: calls one message on a server and prints
 * the response as Avro JSON (as avro-tools does). Also holds what the other rpc commands share.
 */
import { readFile } from 'node:fs/promises';
import { Client, Protocol, RpcRemoteError, transportFor } from '../../rpc/index.js';
import type { Type } from '../../type.js';

/** The streams a command uses (main.ts's `CommandIO`, spelled out to avoid an import cycle). */
export interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** A mistake on the command line: exit status 2. */
export class UsageError extends Error {}

/** Positional arguments and options of the rpc commands. */
export interface RpcArgs {
  positional: string[];
  data?: string;
  file?: string;
  timeoutMs?: number;
  raw: boolean;
}

/** Parses `--data JSON`, `--file F` (also avro-tools' `-data`, `-file`), `--timeout MS`, `--raw`. */
export function parseRpcArgs(args: readonly string[]): RpcArgs {
  const out: RpcArgs = { positional: [], raw: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--data' || a === '-data') out.data = value();
    else if (a === '--file' || a === '-file') out.file = value();
    else if (a === '--timeout') {
      const ms = Number(value());
      if (!(ms >= 0)) throw new UsageError('--timeout takes milliseconds');
      out.timeoutMs = ms;
    } else if (a === '--raw') out.raw = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else out.positional.push(a);
  }
  if (out.data !== undefined && out.file !== undefined) throw new UsageError('give --data or --file, not both');
  return out;
}

/** Reads and parses a protocol file ('-' reads stdin). */
export async function loadProtocol(path: string, io: CommandIO): Promise<Protocol> {
  let text: string;
  try {
    text = path === '-' ? await readStream(io.stdin) : await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read protocol ${path}: ${(e as Error).message}`);
  }
  try {
    return Protocol.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: ${(e as Error).message}`);
  }
}

/**
 * The datum given by `--data` (Avro JSON) or `--file` (the first record of a container file,
 * read as `type`), or `fallback` when neither is given.
 */
export async function datumOf(args: RpcArgs, type: Type, fallback: () => unknown): Promise<unknown> {
  if (args.data !== undefined) {
    try {
      return type.fromString(args.data);
    } catch (e) {
      throw new UsageError(`--data does not fit ${JSON.stringify(type.schema())}: ${(e as Error).message}`);
    }
  }
  if (args.file !== undefined) {
    const { openContainerFile } = await import('../../container/index.js');
    const reader = await openContainerFile(args.file, { readerSchema: type });
    try {
      for await (const record of reader) return record;
    } finally {
      await reader.close();
    }
    throw new UsageError(`${args.file} holds no records`);
  }
  return fallback();
}

async function readStream(s: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const USAGE = `usage: avrokit rpcsend URI PROTOCOL MESSAGE [--data JSON | --file FILE] [--timeout MS]

Calls MESSAGE of the protocol in file PROTOCOL (.avpr) on the server at URI (http://host:port/
or tcp://host:port) and prints the response as Avro JSON.

  --data JSON   the request: an Avro JSON object with one member per parameter
  --file FILE   the request: the first record of an Avro container file
  --timeout MS  give up after MS milliseconds (default: wait)

Without --data or --file the request is {} (for messages without parameters).
Exit status: 0 response printed, 1 the server answered with an error (printed to stderr),
2 usage error.`;

async function run(argv: string[], io: CommandIO): Promise<number> {
  let args: RpcArgs;
  let client: Client | undefined;
  try {
    args = parseRpcArgs(argv);
    const [uri, protocolPath, messageName, ...extra] = args.positional;
    if (messageName === undefined || extra.length > 0) throw new UsageError('give URI, PROTOCOL and MESSAGE');
    const protocol = await loadProtocol(protocolPath!, io);
    const message = protocol.message(messageName);
    if (message === undefined) {
      throw new UsageError(`protocol ${protocol.name} has no message "${messageName}" (it has: ${[...protocol.messages.keys()].join(', ')})`);
    }
    const request = await datumOf(args, message.requestType, () => message.requestType.fromString('{}'));
    client = new Client(protocol, transportFor(uri!, { port: 0 }), args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {});
    const response = await client.send(messageName, request);
    io.stdout.write(`${message.responseType.toString(response)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`avrokit rpcsend: ${e.message}\nrun \`avrokit rpcsend --help\` for the options\n`);
      return 2;
    }
    if (e instanceof RpcRemoteError) {
      const m = client?.protocol.message(e.messageName);
      const branch = m?.errorBranches.find((t) => (t.name ?? t.typeName) === e.errorType);
      const text = branch !== undefined ? branch.toString(e.value) : JSON.stringify(String(e.value));
      io.stderr.write(`avrokit rpcsend: the server answered with ${e.isSystem ? 'a system error' : e.errorType}: ${text}\n`);
      return 1;
    }
    throw e;
  } finally {
    await client?.close();
  }
}

export const command = { summary: 'call one message of an Avro RPC server and print the response', usage: USAGE, run };
