import { nanosTimestampType } from './timestamp-nanos.js';

/**
 * `local-timestamp-nanos`: a wall-clock time with no time zone, as a `bigint` of nanoseconds
 * from 1970-01-01T00:00 of that same wall clock.
 */
export const localTimestampNanosLogicalType = nanosTimestampType('local-timestamp-nanos');
