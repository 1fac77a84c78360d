/**
 * Which trading days are rebalance days. Pure: the broker's calendar is passed in as the sorted list of session
 * dates (YYYY-MM-DD), holidays already absent.
 */
export type ScheduleKind = 'semiannual' | 'quarterly' | 'monthly' | 'weekly' | 'daily';

/**
 * True when `date` is a session and the first session of its period (half-year from 1 Feb / 1 Aug, quarter from
 * 1 Feb / 1 May / 1 Aug / 1 Nov (so every semi-annual day is a quarterly one), month, ISO
 * week, day). Pass sessions from before the period's start: the first listed session counts only when nothing but
 * a weekend precedes it in its period, since the list cannot tell whether the weekdays before it were holidays.
 */
export function isRebalanceDay(kind: ScheduleKind, date: string, tradingDays: readonly string[]): boolean {
  const index = indexOf(tradingDays, date);
  return index >= 0 && opensPeriod(kind, tradingDays, index);
}

/** The first rebalance day strictly after `after` among tradingDays, or undefined when the list holds none. */
export function nextRebalanceDay(kind: ScheduleKind, after: string, tradingDays: readonly string[]): string | undefined {
  for (let index = firstIndexAfter(tradingDays, after); index < tradingDays.length; index++) {
    if (opensPeriod(kind, tradingDays, index)) return tradingDays[index];
  }
  return undefined;
}

function opensPeriod(kind: ScheduleKind, tradingDays: readonly string[], index: number): boolean {
  const date = tradingDays[index];
  if (date === undefined) return false;
  const start = periodStart(kind, date);
  const previous = tradingDays[index - 1];
  if (previous !== undefined) return previous < start;
  return onlyWeekendsBetween(start, date);
}

/** The first calendar day of the period holding `date`. */
function periodStart(kind: ScheduleKind, date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'daily':
      return date;
    case 'weekly':
      // ISO weeks start on Monday; getUTCDay() counts from Sunday = 0.
      return dateOf(dayNumber(date) - ((weekday(dayNumber(date)) + 6) % 7));
    case 'monthly':
      return `${date.slice(0, 7)}-01`;
    case 'quarterly': {
      // Quarters start in Feb, May, Aug and Nov: month 1 belongs to the quarter that began the previous November.
      const startMonth = month === 1 ? 11 : month - ((month - 2) % 3);
      return `${month === 1 ? year - 1 : year}-${String(startMonth).padStart(2, '0')}-01`;
    }
    case 'semiannual':
      if (month >= 8) return `${year}-08-01`;
      if (month >= 2) return `${year}-02-01`;
      return `${year - 1}-08-01`;
  }
}

/** True when every calendar day from `start` up to (not including) `date` is a Saturday or Sunday. */
function onlyWeekendsBetween(start: string, date: string): boolean {
  for (let day = dayNumber(start); day < dayNumber(date); day++) {
    const w = weekday(day);
    if (w !== 0 && w !== 6) return false;
  }
  return true;
}

const MS_PER_DAY = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
const dateOf = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const weekday = (day: number): number => new Date(day * MS_PER_DAY).getUTCDay();

/** Binary search: tradingDays is sorted, and a full calendar holds thousands of sessions. */
function firstIndexAfter(tradingDays: readonly string[], date: string): number {
  let low = 0;
  let high = tradingDays.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((tradingDays[mid] ?? '') <= date) low = mid + 1;
    else high = mid;
  }
  return low;
}

function indexOf(tradingDays: readonly string[], date: string): number {
  const index = firstIndexAfter(tradingDays, date) - 1;
  return tradingDays[index] === date ? index : -1;
}
