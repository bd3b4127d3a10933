/**
 * The logical types of the Avro 1.12 specification. docs/logical-types.md lists the JavaScript
 * value of each; every definition's TSDoc gives the details.
 */
export type { LogicalTypeDefinition, LogicalBinding, LongMode } from './logical-type.js';
import type { LogicalTypeDefinition } from './logical-type.js';
import { bigDecimalLogicalType } from './big-decimal.js';
import { dateLogicalType } from './date.js';
import { decimalLogicalType } from './decimal.js';
import { durationLogicalType } from './duration.js';
import { localTimestampMicrosLogicalType } from './local-timestamp-micros.js';
import { localTimestampMillisLogicalType } from './local-timestamp-millis.js';
import { localTimestampNanosLogicalType } from './local-timestamp-nanos.js';
import { timeMicrosLogicalType } from './time-micros.js';
import { timeMillisLogicalType } from './time-millis.js';
import { timestampMicrosLogicalType } from './timestamp-micros.js';
import { timestampMillisLogicalType } from './timestamp-millis.js';
import { timestampNanosLogicalType } from './timestamp-nanos.js';
import { uuidLogicalType } from './uuid.js';

export { bigDecimalLogicalType } from './big-decimal.js';
export { dateLogicalType } from './date.js';
export { decimalLogicalType, maxFixedPrecision, type DecimalInput } from './decimal.js';
export { durationLogicalType, type Duration } from './duration.js';
export { localTimestampMicrosLogicalType } from './local-timestamp-micros.js';
export { localTimestampMillisLogicalType } from './local-timestamp-millis.js';
export { localTimestampNanosLogicalType } from './local-timestamp-nanos.js';
export { timeMicrosLogicalType } from './time-micros.js';
export { timeMillisLogicalType } from './time-millis.js';
export { timestampMicrosLogicalType, microsTimestampType } from './timestamp-micros.js';
export { timestampMillisLogicalType, millisTimestampType } from './timestamp-millis.js';
export { timestampNanosLogicalType, nanosTimestampType } from './timestamp-nanos.js';
export { uuidLogicalType, isUuidText } from './uuid.js';

/** The logical types of the Avro 1.12 specification, by `logicalType` name. */
export const BUILTIN_LOGICAL_TYPES: ReadonlyMap<string, LogicalTypeDefinition> = new Map(
  [
    decimalLogicalType,
    bigDecimalLogicalType,
    uuidLogicalType,
    dateLogicalType,
    timeMillisLogicalType,
    timeMicrosLogicalType,
    timestampMillisLogicalType,
    timestampMicrosLogicalType,
    timestampNanosLogicalType,
    localTimestampMillisLogicalType,
    localTimestampMicrosLogicalType,
    localTimestampNanosLogicalType,
    durationLogicalType,
  ].map((t) => [t.name, t] as const),
);
