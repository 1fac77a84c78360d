/**
 * Calendar dates ("YYYY-MM-DD"): validity and arithmetic, done in UTC so no local time zone can shift a day. The one
 * module for it: the exchange's calendar, the CLI's date options and the run's trading dates all use these.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). Allocation-free: CSV loading calls it per row. */
export function isIsoDate(text: string): boolean {
  return isIsoDateWithin(text, 0, text.length);
}

/**
 * isIsoDate for `text.slice(start, end)` without making the slice: the CSV reader checks a row's date in place.
 * Char codes, not a regular expression: the same rule as /^\d{4}-\d{2}-\d{2}$/ plus a real month and day.
 */
export function isIsoDateWithin(text: string, start: number, end: number): boolean {
  if (end - start !== 10 || text.charCodeAt(start + 4) !== DASH || text.charCodeAt(start + 7) !== DASH) return false;
  const year = digitsAt(text, start, 4);
  const month = digitsAt(text, start + 5, 2);
  const day = digitsAt(text, start + 8, 2);
  // digitsAt is -1 for a non-digit, which the range checks below reject as well.
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= daysInMonth;
}

const DASH = 45;
const ZERO = 48;

/** The value of `count` ASCII digits at `at`, or -1 if any is not one. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

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

/** The calendar date `days` after (or before) a YYYY-MM-DD date; throws on an impossible date (a caller bug). */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
