import { microsTimestampType } from './timestamp-micros.js';

/**
 * `local-timestamp-micros`: a wall-clock time with no time zone, as microseconds from
 * 1970-01-01T00:00 of that same wall clock (a number, or a `bigint` in bigint long mode).
 */
export const localTimestampMicrosLogicalType = microsTimestampType('local-timestamp-micros');
