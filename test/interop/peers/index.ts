/**
 * The real-peer harness: python3-avro, Java avro (1.8, Debian jars) and the Avro C tools,
 * driven from tests. `.ci/run` installs all three; elsewhere a test whose peer is missing skips
 * with a loud warning (`describeIfPeer`), and fails instead when AVROKIT_REQUIRE_PEERS=1.
 *
 * ## Requests
 * `pythonPeer(request)` and `javaPeer(request)` (= `runJava`) send one JSON request to
 * test/interop/python/peer.py or test/interop/java/Peer.java and resolve with the JSON reply
 * (they reject with a {@link PeerError} carrying the peer's message when the peer refuses).
 * Schemas are JSON values (`{"type": "record", ...}` or `"int"`).
 *
 * | op | request | reply | peers |
 * | --- | --- | --- | --- |
 * | `encode` | `{schema, datums}` | `{hex: string[]}` | both |
 * | `decode` | `{schema, hex}` | `{datums}` (fails on trailing bytes) | both |
 * | `resolve` | `{writer, reader, hex}` | `{datums}` read with writer + reader schema | both |
 * | `canonical` | `{schema}` | `{canonical}` (Parsing Canonical Form) | both |
 * | `fingerprint` | `{schema}` | `{rabin, rabinLong, md5, sha256}` (hex; rabin little-endian, rabinLong signed decimal) | Java |
 * | `compatible` | `{reader, writer}` | `{compatible, ...details}` | both |
 * | `jsonEncode` | `{schema, datums}` or `{schema, hex}` | `{json: string[]}` (Avro JSON encoding) | Java |
 * | `jsonDecode` | `{schema, json: string[]}` | `{datums, hex}` | Java |
 * | `writeFile` | `{schema, datums, codec?, syncInterval?, meta?: {k: string}, path}` | `{path}` | both |
 * | `readFile` | `{path, readerSchema?}` | `{datums, meta: {k: hex}, codec, schema}` | both |
 * | `batch` | `{requests: [...]}` | `{replies: [...]}` (each a reply or `{error}`; one process for all) | both |
 * | `version` | `{}` | `{peer, version}` | both |
 *
 * ## Values across the boundary (lossless; both peers and both directions)
 * - null, boolean, string, enum symbol, array, map: as JSON.
 * - int: a JSON integer. long: a JSON integer, or a decimal string when |v| > 2^53 − 1 (either
 *   form accepted on input; replies use the string form only past 2^53 − 1).
 * - float, double: a JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"`; on input also `"-0"`
 *   (`JSON.stringify(-0)` is `0`). A float comes back widened to double exactly (0.1f →
 *   0.10000000149011612).
 * - bytes, fixed: lowercase hex strings (`toHex` / `fromHex`).
 * - union: `null` for the null branch, else `{"<branch>": value}`: the full name of a named
 *   type, or the type name (`"int"`, `"array"`, `"map"`), as Avro's JSON encoding tags them.
 *   Peers write the tagged branch (not their own guess) and tag what they read.
 * - record: an object with every field (a missing or unknown field is an error).
 * - logical types travel as their underlying type (a date as its int, a decimal as its bytes).
 * `toPeerValue` / `fromPeerValue` in ./values.ts convert to and from avrokit's own values.
 *
 * ## Avro C
 * `runAvroC(tool, args)` runs `avrocat`, `avropipe`, `avromod`, `avroappend` and resolves with
 * their exit code and output.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const PYTHON = '/usr/bin/python3';
export const PYTHON_PEER = join(REPO_ROOT, 'test/interop/python/peer.py');
export const JAVA_PEER = join(REPO_ROOT, 'test/interop/java/Peer.java');
/** The Debian jars Java avro 1.8 needs, by their unversioned names under /usr/share/java. */
export const JAVA_JARS = [
  'avro', 'jackson-core-asl', 'jackson-mapper-asl', 'paranamer', 'snappy-java', 'commons-compress',
  'xz', 'slf4j-api', 'slf4j-nop', 'avro-guava-dependencies', 'joda-time',
].map((name) => `/usr/share/java/${name}.jar`);

const PEER_TIMEOUT_MS = 120_000;

/** Whether a peer can be used here, and if not, why not. */
export interface PeerStatus {
  readonly name: string;
  readonly available: boolean;
  /** Why the peer is unavailable (or what was found, when it is available). */
  readonly reason: string;
}

const statuses = new Map<string, PeerStatus>();
function memo(name: string, probe: () => string | undefined, found: string): PeerStatus {
  let s = statuses.get(name);
  if (s === undefined) {
    let missing: string | undefined;
    try {
      missing = probe();
    } catch (e) {
      missing = (e as Error).message.split('\n')[0];
    }
    s = { name, available: missing === undefined, reason: missing ?? found };
    statuses.set(name, s);
  }
  return s;
}

const onPath = (cmd: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const INSTALL = 'install with: apt-get install -y python3-avro python3-snappy python3-zstandard avro-bin libavro-java (or run .ci/run)';

/** python3-avro under /usr/bin/python3. */
export function pythonAvro(): PeerStatus {
  return memo('python3-avro', () => {
    if (!existsSync(PYTHON)) return `${PYTHON} not found; ${INSTALL}`;
    execFileSync(PYTHON, ['-c', 'import avro'], { stdio: 'pipe' });
    return undefined;
  }, `${PYTHON} with module avro`);
}

/** Java avro 1.8: java and javac, and every jar of {@link JAVA_JARS}. */
export function javaAvro(): PeerStatus {
  return memo('java-avro', () => {
    const missing = JAVA_JARS.filter((j) => !existsSync(j));
    if (missing.length) return `missing ${missing.join(', ')}; ${INSTALL}`;
    const tools = ['java', 'javac'].filter((t) => !onPath(t));
    if (tools.length) return `${tools.join(' and ')} not on PATH (apt-get install -y default-jdk-headless)`;
    return undefined;
  }, 'java, javac and the avro jars');
}

/** The Avro C command-line tools (avrocat and friends). */
export function avroC(): PeerStatus {
  return memo('avro-c', () => (onPath('avrocat') ? undefined : `avrocat not on PATH; ${INSTALL}`), 'avrocat on PATH');
}

/**
 * `describe(name, fn)` when `peer` is available. Otherwise registers the suite as skipped and
 * warns loudly naming the missing peer, or, with AVROKIT_REQUIRE_PEERS=1 (as .ci/run sets),
 * registers one failing test instead so a missing peer cannot pass unnoticed.
 */
export function describeIfPeer(peer: PeerStatus, name: string, fn: () => void): void {
  if (peer.available) {
    describe(name, fn);
    return;
  }
  const message = `real peer ${peer.name} is not available (${peer.reason}): "${name}" does not run`;
  if (process.env['AVROKIT_REQUIRE_PEERS'] === '1') {
    describe(name, () => {
      it(`needs ${peer.name}`, () => {
        throw new Error(`${message}; AVROKIT_REQUIRE_PEERS=1 makes this a failure`);
      });
    });
    return;
  }
  console.warn(`\n${'!'.repeat(80)}\n!!! SKIPPED: ${message}\n${'!'.repeat(80)}\n`);
  describe.skip(name, fn);
}

/** A peer refused a request (bad schema, bad data, unsupported op…): its own message is kept. */
export class PeerError extends Error {
  constructor(
    readonly peer: string,
    readonly op: string,
    readonly peerMessage: string,
    readonly errorType?: string,
  ) {
    super(`${peer} ${op}: ${peerMessage}`);
    this.name = 'PeerError';
  }
}

/** Runs `cmd args`, writes `input` as JSON to stdin and parses stdout as one JSON reply. */
function exchange(peer: string, cmd: string, args: readonly string[], input: unknown): Promise<unknown> {
  const op = typeof input === 'object' && input !== null && 'op' in input ? String(input.op) : '?';
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${peer} ${op}: no reply within ${PEER_TIMEOUT_MS / 1000}s`));
    }, PEER_TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${peer}: cannot start ${cmd}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8').trim();
      const stderr = Buffer.concat(err).toString('utf8').trim();
      let reply: unknown;
      try {
        reply = JSON.parse(stdout);
      } catch {
        reject(new Error(`${peer} ${op}: exit code ${code}, no JSON reply.\nstdout: ${stdout.slice(0, 2000)}\nstderr: ${stderr.slice(0, 4000)}`));
        return;
      }
      if (typeof reply === 'object' && reply !== null && 'error' in reply) {
        const r = reply as { error: string; errorType?: string };
        reject(new PeerError(peer, op, r.error, r.errorType));
        return;
      }
      resolve(reply);
    });
    child.stdin.on('error', () => { /* the child exited early; 'close' reports it */ });
    child.stdin.end(JSON.stringify(input));
  });
}

/**
 * Runs a Python program under /usr/bin/python3 (the interpreter python3-avro is installed
 * for) with `input` as JSON on stdin, and resolves with its JSON reply on stdout. `script` is a
 * path relative to the repository root or absolute; {@link pythonPeer} runs the standard peer.
 */
export function runPython(script: string, input: unknown): Promise<unknown> {
  return exchange('python3-avro', PYTHON, [isAbsolute(script) ? script : join(REPO_ROOT, script)], input);
}

/** Sends one request to test/interop/python/peer.py. */
export function pythonPeer<Q extends PeerRequest>(request: Q): Promise<PeerReplies[Q['op']]> {
  return runPython(PYTHON_PEER, request) as Promise<PeerReplies[Q['op']]>;
}

let javaClasses: Promise<string> | undefined;

/**
 * Compiles Peer.java once: into a folder under the temp directory named by the hash of the
 * source and class path, so later test runs (and parallel workers) reuse it. Each compile goes
 * to a private folder first and is renamed into place, so workers never see half a build.
 */
export function compileJavaPeer(): Promise<string> {
  javaClasses ??= (async () => {
    const classpath = JAVA_JARS.join(':');
    const hash = createHash('sha256').update(readFileSync(JAVA_PEER)).update(classpath).digest('hex').slice(0, 16);
    const dir = join(tmpdir(), `avrokit-java-peer-${hash}`);
    if (existsSync(join(dir, 'Peer.class'))) return dir;
    const work = mkdtempSync(join(tmpdir(), 'avrokit-java-peer-build-'));
    try {
      await promisify(execFile)('javac', ['-nowarn', '-encoding', 'UTF-8', '-cp', classpath, '-d', work, JAVA_PEER]);
      try {
        renameSync(work, dir);
      } catch {
        if (!existsSync(join(dir, 'Peer.class'))) throw new Error(`cannot move the compiled Java peer to ${dir}`);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return dir;
  })();
  return javaClasses;
}

/** Sends one request to the Java avro peer (test/interop/java/Peer.java). */
export async function runJava<Q extends PeerRequest>(request: Q): Promise<PeerReplies[Q['op']]> {
  const classes = await compileJavaPeer();
  // Client-compiler-only and serial GC: these calls are short, so startup time dominates.
  const args = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', [classes, ...JAVA_JARS].join(':'), 'Peer'];
  return exchange('java-avro', 'java', args, request) as Promise<PeerReplies[Q['op']]>;
}

/** Same as {@link runJava}. */
export const javaPeer = runJava;

/** What an Avro C tool printed, and how it exited. */
export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an Avro C tool (`avrocat`, `avropipe`, `avromod`, `avroappend`); never rejects on exit code. */
export function runAvroC(tool: 'avrocat' | 'avropipe' | 'avromod' | 'avroappend', args: readonly string[]): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { maxBuffer: 256 << 20, timeout: PEER_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Lowercase hex of bytes, as the peer convention writes bytes and fixed. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Bytes of a hex string (either case); throws on odd length or a non-hex digit. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new Error(`not a hex string: ${hex.slice(0, 40)}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A schema as a JSON value. */
export type SchemaJson = unknown;
/** A value in the peer convention described above. */
export type PeerJson = null | boolean | number | string | PeerJson[] | { [key: string]: PeerJson };

export type PeerRequest =
  | { op: 'encode'; schema: SchemaJson; datums: PeerJson[] }
  | { op: 'decode'; schema: SchemaJson; hex: string[] }
  | { op: 'resolve'; writer: SchemaJson; reader: SchemaJson; hex: string[] }
  | { op: 'canonical'; schema: SchemaJson }
  | { op: 'fingerprint'; schema: SchemaJson }
  | { op: 'compatible'; reader: SchemaJson; writer: SchemaJson }
  | { op: 'jsonEncode'; schema: SchemaJson; datums?: PeerJson[]; hex?: string[] }
  | { op: 'jsonDecode'; schema: SchemaJson; json: string[] }
  | { op: 'writeFile'; schema: SchemaJson; datums: PeerJson[]; path: string; codec?: string; syncInterval?: number; meta?: Record<string, string> }
  | { op: 'readFile'; path: string; readerSchema?: SchemaJson }
  | { op: 'batch'; requests: PeerRequest[] }
  | { op: 'version' };

/** Replies, by op (a batch reply holds one of these or `{error}` per request). */
export interface PeerReplies {
  encode: { hex: string[] };
  decode: { datums: PeerJson[] };
  resolve: { datums: PeerJson[] };
  canonical: { canonical: string };
  fingerprint: { rabin: string; rabinLong: string; md5: string; sha256: string };
  compatible: { compatible: boolean };
  jsonEncode: { json: string[] };
  jsonDecode: { datums: PeerJson[]; hex: string[] };
  writeFile: { path: string };
  readFile: { datums: PeerJson[]; meta: Record<string, string>; codec: string; schema: SchemaJson };
  batch: { replies: (Record<string, unknown> & { error?: string })[] };
  version: { peer: string; version: string };
}
