export { AvroDecodeError } from './errors.js';
export { ByteReader, longFromHalves } from './reader.js';
export { copyBytes } from './bytes.js';
export { ByteWriter, allocBytes, writeLongAt, writeStringAt, lengthPrefixSize } from './writer.js';
export { decodeUtf8, encodeUtf8, encodeUtf8Into, utf8Length } from './utf8.js';
export { crc32 } from './crc32.js';
