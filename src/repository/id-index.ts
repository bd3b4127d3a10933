/**
 * The id index of a data file: where each block starts and the id of every record, by
 * ordinal, so a lookup by id reads one block instead of scanning the dataset. It is kept
 * beside the data (`_avrokit/index/00007.idx.avro`, itself an Avro container file) and is
 * derived data: one that is missing, unreadable or written for other bytes is rebuilt from
 * its data file (reading only the id field), and one that covers a shorter committed length
 * (the file was appended to since) is extended from where it stops.
 */
import { join } from 'node:path';
import { encodeContainer, metadataText, openContainerFile } from '../container/index.js';
import type { CodecRegistry } from '../container/index.js';
import { Type } from '../type.js';
import { writeFileAtomic } from './durable.js';
import type { EntityModel, IdKey } from './entity.js';
import { readBlocks } from './file-reader.js';
import { ByteReader } from '../wire/reader.js';
import { messageOf, RepositoryError } from './errors.js';
import type { Decoders, FileRef } from './file-reader.js';
import type { FileIndex } from './file-writer.js';
import { indexPath } from './layout.js';

const KEY_FILE = 'avrokit.index.file';
const KEY_SYNC = 'avrokit.index.sync';
const KEY_BYTES = 'avrokit.index.bytes';

interface IndexBlock {
  offset: number | bigint;
  count: number;
  ids: IdKey[];
  starts: number[];
}

/** The Type of index records (one per data block) for the entity's id type. */
export function indexTypeOf(model: EntityModel): Type {
  const id = model.record.fields.find((f) => f.name === model.idField)!;
  return Type.forSchema(
    {
      type: 'record',
      name: 'IdIndexBlock',
      namespace: 'avrokit.repository',
      doc: 'The ids of one block of a data file, in record order',
      fields: [
        { name: 'offset', type: 'long' },
        { name: 'count', type: 'int' },
        { name: 'ids', type: { type: 'array', items: id.type.kind } },
        { name: 'starts', type: { type: 'array', items: 'int' }, doc: 'Byte offset of each record in the block data' },
      ],
    },
    { longs: model.type.context.longs },
  );
}

/** Where an index was found: usable as is, extended, or rebuilt (then worth saving). */
export type IndexSource = 'loaded' | 'extended' | 'rebuilt';

/** The id index of data file `number` covering its committed bytes (`file.bytes`). */
export async function loadFileIndex(
  dir: string, number: number, file: FileRef, model: EntityModel, codecs: CodecRegistry, decoders: Decoders,
): Promise<{ index: FileIndex; source: IndexSource }> {
  const stored = await readIndexFile(dir, number, file, model);
  if (stored !== undefined && stored.coveredBytes === file.bytes) return { index: stored, source: 'loaded' };
  const index: FileIndex = stored ?? { coveredBytes: 0, blocks: [], ids: [], starts: [] };
  const from = stored === undefined ? undefined : stored.coveredBytes;
  await scanIds(join(dir, file.at), file, model, codecs, decoders, index, from);
  index.coveredBytes = file.bytes;
  return { index, source: stored === undefined ? 'rebuilt' : 'extended' };
}

/** Adds the blocks and ids of `file` from `from` (default: the start) to `index`. */
async function scanIds(
  abs: string, file: FileRef, model: EntityModel, codecs: CodecRegistry, decoders: Decoders, index: FileIndex, from: number | undefined,
): Promise<void> {
  const node = model.projection(new Set([model.idField!]));
  const read = decoders.get(node, file);
  const idField = model.idField!;
  for await (const block of readBlocks(abs, file, codecs, from, index.ids.length)) {
    const r = new ByteReader(block.data, 0, block.data.length);
    try {
      for (let i = 0; i < block.count; i++) {
        index.starts.push(r.pos);
        index.ids.push((read(r) as Record<string, IdKey>)[idField]!);
      }
    } catch (e) {
      throw new RepositoryError('damaged', `${file.path}: block at byte ${block.offset}: ${messageOf(e)}`, { file: file.path, cause: e });
    }
    if (r.pos !== block.data.length) {
      throw new RepositoryError('damaged', `${file.path}: block at byte ${block.offset}: bytes left over after its ${block.count} records`, {
        file: file.path,
      });
    }
    index.blocks.push({ offset: block.offset, first: block.first, count: block.count });
  }
}

/** Reads a saved index; undefined when missing, unreadable, for another file, or covering more than committed. */
async function readIndexFile(dir: string, number: number, file: FileRef, model: EntityModel): Promise<FileIndex | undefined> {
  const path = join(dir, indexPath(number));
  try {
    const reader = await openContainerFile(path, { readerSchema: indexTypeOf(model), typeOptions: { longs: model.type.context.longs } });
    const h = reader.header;
    const covered = Number(metadataText(h, KEY_BYTES));
    if (metadataText(h, KEY_FILE) !== file.path || metadataText(h, KEY_SYNC) !== file.sync || !(covered <= file.bytes)) {
      await reader.close();
      return undefined;
    }
    const index: FileIndex = { coveredBytes: covered, blocks: [], ids: [], starts: [] };
    for await (const b of reader) {
      const block = b as IndexBlock;
      if (block.count !== block.ids.length || block.count !== block.starts.length) return undefined;
      // Number(): with bigint longs (for long ids) the offset comes as a bigint too.
      index.blocks.push({ offset: Number(block.offset), first: index.ids.length, count: block.count });
      for (const id of block.ids) index.ids.push(id);
      for (const s of block.starts) index.starts.push(s);
    }
    return index;
  } catch {
    // Derived data: whatever is wrong with it (missing, damaged, old format), it is rebuilt.
    return undefined;
  }
}

/** Saves the index of data file `number` (atomically; not fsynced, as it can be rebuilt). */
export async function saveFileIndex(dir: string, number: number, file: FileRef, index: FileIndex, model: EntityModel): Promise<void> {
  const type = indexTypeOf(model);
  const blocks = index.blocks;
  const { ids, starts } = index;
  function* records(): Generator<IndexBlock> {
    for (const b of blocks) {
      const end = b.first + b.count;
      yield { offset: b.offset, count: b.count, ids: ids.slice(b.first, end), starts: starts.slice(b.first, end) };
    }
  }
  const chunks: Uint8Array[] = [];
  const metadata = { [KEY_FILE]: file.path, [KEY_SYNC]: file.sync, [KEY_BYTES]: String(index.coveredBytes) };
  for await (const c of encodeContainer(records(), type, { metadata, blockBytes: 1 << 20 })) chunks.push(c);
  await writeFileAtomic(join(dir, indexPath(number)), Buffer.concat(chunks), false);
}

/** A record's place in the dataset, packed in one number: data file number and ordinal. */
export function packLocation(file: number, ordinal: number): number {
  return file * 4294967296 + ordinal;
}

export function locationFile(loc: number): number {
  return Math.floor(loc / 4294967296);
}

export function locationOrdinal(loc: number): number {
  return loc % 4294967296;
}

/** The position in `index.blocks` of the block holding `ordinal` (binary search), or -1. */
export function blockOf(index: FileIndex, ordinal: number): number {
  const b = index.blocks;
  let lo = 0;
  let hi = b.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const blk = b[mid]!;
    if (ordinal < blk.first) hi = mid - 1;
    else if (ordinal >= blk.first + blk.count) lo = mid + 1;
    else return mid;
  }
  return -1;
}
