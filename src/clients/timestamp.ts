// Why not `new Date(value)`: ECMAScript reads a date-time without an offset as local time, and Cloud
// Databases sends its timestamps without one (`2014-06-19T15:55:54`), though they are UTC (errata
// CDB-TIMESTAMP). So the shape is checked here, against the spec's Timestamp pattern, and a value without
// an offset is read with `Z`.

/** The spec's Timestamp pattern: seconds, optional fractions (up to 6 digits), `Z`, an offset, or nothing. */
const TIMESTAMP = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads a timestamp of either API as the instant it means: with a trailing `Z` or an offset as written,
 * and without one as UTC (not local time, which is what `new Date()` would do).
 *
 * @throws RangeError naming the value when it is not a timestamp of the spec's shape or not a real date
 *   (`2015-02-30T00:00:00`).
 * @example parseTimestamp("2014-06-19T15:55:54").toISOString() // "2014-06-19T15:55:54.000Z"
 */
export function parseTimestamp(value: string): Date {
  const match = TIMESTAMP.exec(value);
  if (!match)
    throw new RangeError(`Not a timestamp (YYYY-MM-DDThh:mm:ss, optional .ffffff, then Z, ±hh:mm or nothing): ${JSON.stringify(value)}`);
  const [, year, month, day, , , offset] = match;
  // Date rolls 2015-02-30 over to 2015-03-02; a date that does not exist is refused instead.
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendarDay.getUTCMonth() !== Number(month) - 1) throw new RangeError(`Not a date of the calendar: ${JSON.stringify(value)}`);
  return new Date(offset ? value : `${value}Z`);
}
