const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * The Date bounds to ask GET /v2/calendar for, one day wider than wanted on each side. The SDK sends them as full
 * ISO date-times (midnight UTC), and whether Alpaca reads such a time in UTC or in New York (where midnight UTC is
 * still the day before) is not documented: the wider range holds the wanted days either way, and the caller keeps
 * only the dates from start to end.
 */
export function calendarQuery(start: string, end: string): { readonly start: Date; readonly end: Date } {
  return { start: new Date(utcMidnight(start) - DAY_MS), end: new Date(utcMidnight(end) + DAY_MS) };
}

function utcMidnight(date: string): number {
  const ms = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  // Round-tripping catches dates that parse but do not exist, like 2025-02-30.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`calendar date must be a real YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return ms;
}
