/**
 * Reading what the other side wrote with its own protocol: a local message paired with the
 * remote message of the same name. Where the two schemas are the same (same canonical form,
 * hence the same bytes) values are read directly; otherwise through a resolver
 * (`readerType.createResolver(writerType)`), built once per pair.
 */
import type { Schema } from '../schema/model.js';
import { branchName, isNamed, shortName } from '../schema/model.js';
import type { Resolver, Type } from '../type.js';
import { AvroDecodeError } from '../wire/errors.js';
import type { ByteReader } from '../wire/reader.js';
import type { Message } from './message.js';

/** Reads one value written with a writer type as a value of a reader type. */
export type ValueReader = (r: ByteReader) => unknown;

/** A local message and the peer's message of the same name. */
export interface MessagePair {
  readonly local: Message;
  readonly remote: Message;
  /** Server side: reads the parameters the client wrote. */
  readonly readRequest: ValueReader;
  /** Client side: reads the response the server wrote. */
  readonly readResponse: ValueReader;
  /** Client side: reads an error union value; returns the branch's name and the value. */
  readError(r: ByteReader): { type: string; value: unknown };
}

const pairs = new WeakMap<Message, WeakMap<Message, MessagePair>>();

/** The pair of `local` with `remote` (cached; `remote === local` reads everything directly). */
export function pairMessages(local: Message, remote: Message): MessagePair {
  let byLocal = pairs.get(remote);
  if (byLocal === undefined) {
    byLocal = new WeakMap();
    pairs.set(remote, byLocal);
  }
  let p = byLocal.get(local);
  if (p === undefined) {
    p = makePair(local, remote);
    byLocal.set(local, p);
  }
  return p;
}

function makePair(local: Message, remote: Message): MessagePair {
  const readRequest = lazyReader(local.requestType, remote.requestType, local === remote);
  const readResponse = lazyReader(local.responseType, remote.responseType, local === remote);
  const branchReaders = remote.errorBranches.map((writer, i) => {
    if (i === 0) return { type: 'string', read: lazyReader(local.errorBranches[0]!, writer, true) };
    const reader = local === remote ? local.errorBranches[i]! : findBranch(local.errorBranches, writer.schemaNode);
    // An error the local protocol does not declare is read as the server wrote it.
    const r = reader ?? writer;
    return { type: branchName(r.schemaNode), read: lazyReader(r, writer, local === remote || reader === undefined) };
  });
  return {
    local,
    remote,
    readRequest,
    readResponse,
    readError(r) {
      const at = r.pos;
      const index = r.readLong();
      const branch = branchReaders[index];
      if (branch === undefined) {
        throw new AvroDecodeError(
          `error union index ${index} out of range: message "${remote.name}" has ${branchReaders.length} error branches`, at,
        );
      }
      return { type: branch.type, value: branch.read(r) };
    },
  };
}

/** The local error branch that reads the remote branch `w` (same short name or an alias). */
function findBranch(branches: readonly Type[], w: Schema): Type | undefined {
  for (let i = 1; i < branches.length; i++) {
    const b = branches[i]!;
    const s = b.schemaNode;
    if (isNamed(s) && isNamed(w)) {
      if (shortName(s.name) === shortName(w.name) || s.aliases.some((a) => a === w.name || shortName(a) === shortName(w.name))) {
        return b;
      }
    } else if (!isNamed(s) && !isNamed(w) && s.kind === w.kind) {
      return b;
    }
  }
  return undefined;
}

/**
 * A reader of `writer`-encoded values as `reader` values. Same canonical form: the reader's own
 * decoder (the bytes are laid out alike). Otherwise the resolver is built on first use, so a
 * pair whose schemas do not resolve fails the calls of that message only, with the reason.
 */
function lazyReader(reader: Type, writer: Type, same: boolean): ValueReader {
  if (same || reader === writer || reader.canonicalForm() === writer.canonicalForm()) {
    return (r) => reader.decodeFrom(r);
  }
  let resolver: Resolver | undefined;
  return (r) => {
    resolver ??= reader.createResolver(writer);
    return reader.decodeFrom(r, resolver);
  };
}
