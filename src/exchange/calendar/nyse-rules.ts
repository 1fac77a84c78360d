/**
 * NYSE regular-session rules, 1990–2030 (the same rules are applied unchanged outside that span).
 * Every function here answers for one calendar year, so callers can cache by year.
 */
import { dateOf, dateOfDayNumber, dayNumberOf, weekdayOf } from '../../time/calendar-date.js';

const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;

export const REGULAR_OPEN = '09:30';
export const REGULAR_CLOSE = '16:00';
export const EARLY_CLOSE = '13:00';

/** Unscheduled full-day closures (national days of mourning, 9/11, Hurricane Sandy). */
const SPECIAL_CLOSURES: readonly string[] = [
  '1994-04-27', // Richard Nixon
  '2001-09-11',
  '2001-09-12',
  '2001-09-13',
  '2001-09-14',
  '2004-06-11', // Ronald Reagan
  '2007-01-02', // Gerald Ford
  '2012-10-29', // Hurricane Sandy
  '2012-10-30',
  '2018-12-05', // George H. W. Bush
  '2025-01-09', // Jimmy Carter
];

function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = weekdayOf(year, month, 1);
  return dateOf(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
}

function lastWeekday(year: number, month: number, weekday: number): string {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekdayOf(year, month, lastDay);
  return dateOf(year, month, lastDay - ((last - weekday + 7) % 7));
}

/** A fixed-date holiday moves to Friday when it falls on Saturday and to Monday when on Sunday. */
function observed(year: number, month: number, day: number): string {
  const weekday = weekdayOf(year, month, day);
  if (weekday === SATURDAY) return dateOf(year, month, day - 1);
  if (weekday === SUNDAY) return dateOf(year, month, day + 1);
  return dateOf(year, month, day);
}

/** Easter Sunday (Gregorian), by the anonymous "Meeus/Jones/Butcher" algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
}

/** Weekday dates of the year on which the exchange does not open. */
export function closuresOf(year: number): ReadonlySet<string> {
  const closures = new Set<string>();
  // A Saturday New Year's Day is not observed on the Friday before: NYSE would lose a year-end session.
  if (weekdayOf(year, 1, 1) !== SATURDAY) closures.add(observed(year, 1, 1));
  if (year >= 1998) closures.add(nthWeekday(year, 1, MONDAY, 3)); // Martin Luther King Jr. Day
  closures.add(nthWeekday(year, 2, MONDAY, 3)); // Washington's Birthday
  closures.add(dateOfDayNumber(dayNumberOf(easterSunday(year)) - 2)); // Good Friday
  closures.add(lastWeekday(year, 5, MONDAY)); // Memorial Day
  if (year >= 2022) closures.add(observed(year, 6, 19)); // Juneteenth
  closures.add(observed(year, 7, 4)); // Independence Day
  closures.add(nthWeekday(year, 9, MONDAY, 1)); // Labor Day
  closures.add(nthWeekday(year, 11, THURSDAY, 4)); // Thanksgiving
  closures.add(observed(year, 12, 25)); // Christmas
  const prefix = `${String(year).padStart(4, '0')}-`;
  for (const date of SPECIAL_CLOSURES) if (date.startsWith(prefix)) closures.add(date);
  return closures;
}

/** Trading days of the year that close at 13:00 ET, given that year's closures. */
export function earlyClosesOf(year: number, closures: ReadonlySet<string>): ReadonlySet<string> {
  const isWeekdaySession = (date: string): boolean => {
    const weekday = weekdayOf(year, Number(date.slice(5, 7)), Number(date.slice(8, 10)));
    return weekday !== SATURDAY && weekday !== SUNDAY && !closures.has(date);
  };
  // July 3 is a holiday itself when July 4 falls on Saturday, hence the session check.
  const candidates = [
    dateOf(year, 7, 3),
    dateOfDayNumber(dayNumberOf(nthWeekday(year, 11, THURSDAY, 4)) + 1), // day after Thanksgiving
    dateOf(year, 12, 24),
  ];
  return new Set(candidates.filter(isWeekdaySession));
}
