import { millisTimestampType } from './timestamp-millis.js';

/**
 * `local-timestamp-millis`: a wall-clock time with no time zone, as a `Date` whose UTC fields
 * are that wall-clock time (`new Date(Date.UTC(2000, 0, 1, 12))` is noon, wherever "local" is).
 */
export const localTimestampMillisLogicalType = millisTimestampType('local-timestamp-millis');
