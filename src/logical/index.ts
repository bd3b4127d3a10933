export type { LogicalTypeDefinition, LogicalBinding, LongMode } from './logical-type.js';
import type { LogicalTypeDefinition } from './logical-type.js';

/** The logical types of the Avro 1.12 specification, by `logicalType` name. */
export const BUILTIN_LOGICAL_TYPES: ReadonlyMap<string, LogicalTypeDefinition> = new Map();
