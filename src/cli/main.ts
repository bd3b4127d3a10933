/**
 * The `avrokit` command: a table of subcommands, each in its own module under `commands/`
 * and loaded only when used (so `avrokit count` never loads compression codecs it does not need).
 */

import type { Command, CommandIO } from './command.js';

export type { Command, CommandIO } from './command.js';

type Loader = () => Promise<{ command: Command }>;

/** Subcommand name → module. Add a line here when you add a command. */
const COMMANDS: Record<string, Loader> = {
  tojson: () => import('./commands/tojson.js'),
  fromjson: () => import('./commands/fromjson.js'),
  getschema: () => import('./commands/getschema.js'),
  getmeta: () => import('./commands/getmeta.js'),
  count: () => import('./commands/count.js'),
  cat: () => import('./commands/cat.js'),
  concat: () => import('./commands/concat.js'),
  recodec: () => import('./commands/recodec.js'),
  repair: () => import('./commands/repair.js'),
  fingerprint: () => import('./commands/fingerprint.js'),
  canonical: () => import('./commands/canonical.js'),
  compat: () => import('./commands/compat.js'),
  rpcsend: () => import('./commands/rpcsend.js'),
  rpcreceive: () => import('./commands/rpcreceive.js'),
  rpcprotocol: () => import('./commands/rpcprotocol.js'),
};

/** Registers the subcommands available in this build. */
function table(): Record<string, Loader> {
  return COMMANDS;
}

export async function main(argv: string[], io: CommandIO = process): Promise<number> {
  const [name, ...rest] = argv;
  const commands = table();
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const lines = ['usage: avrokit <command> [options]', '', 'commands:'];
    for (const [n, load] of Object.entries(commands)) {
      const { command } = await load();
      lines.push(`  ${n.padEnd(12)} ${command.summary}`);
    }
    lines.push('', 'Run `avrokit <command> --help` for the options of one command.');
    io.stdout.write(lines.join('\n') + '\n');
    return name === undefined ? 1 : 0;
  }
  const load = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (load === undefined) {
    io.stderr.write(`avrokit: unknown command "${name}"; run \`avrokit --help\` for the list\n`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    io.stderr.write(`avrokit ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
