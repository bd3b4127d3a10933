/**
 * avrokit: Apache Avro for TypeScript. This entry point holds the schema model, the `Type`
 * API and the codecs; containers, repositories and RPC have their own subpath exports.
 */
export { Type } from './type.js';
export type { TypeOptions, Resolver } from './type.js';
export * from './schema/index.js';
export { AvroDecodeError } from './wire/errors.js';
export { ByteReader } from './wire/reader.js';
export { ByteWriter } from './wire/writer.js';
export { CodecContext, DEFAULT_LIMITS } from './codec/context.js';
export type { DecodeLimits, RecordConstructor } from './codec/context.js';
export type { ErrorHook } from './codec/validate.js';
export { BUILTIN_LOGICAL_TYPES } from './logical/index.js';
export type { LogicalTypeDefinition, LogicalBinding, LongMode } from './logical/logical-type.js';
export { SINGLE_OBJECT_MARKER, isSingleObject, singleObjectFingerprint } from './single-object.js';
export { seededRng } from './codec/random.js';
export type { Rng } from './codec/random.js';
export { checkCompatibility, checkVersions, parseCompatibilityMode, COMPATIBILITY_MODES, AvroResolutionError, type CompatibilityResult, type CompatibilityMode, type ModeResult, type VersionCheck, type Incompatibility, type IncompatibilityKind, type SchemaLike } from './resolution/index.js';
