import { fromZonedTime } from 'date-fns-tz/fromZonedTime';
import { newYorkDateOf } from '../time/new-york.js';

const NEW_YORK = 'America/New_York';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). Allocation-free: CSV loading calls it per row. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
}

/** The calendar date `days` after (or before) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The New York calendar date of an instant: the exchange's "today". */
export function newYorkDate(instant: Date): string {
  return newYorkDateOf(instant);
}

// Daily bars share a small set of dates; converting each through Intl is the slow part of a 10,000-bar page.
const midnightCache = new Map<string, { readonly iso: string; readonly ms: number }>();

function midnight(date: string): { readonly iso: string; readonly ms: number } {
  let hit = midnightCache.get(date);
  if (!hit) {
    const instant = fromZonedTime(`${date}T00:00:00`, NEW_YORK);
    hit = { iso: instant.toISOString().replace('.000Z', 'Z'), ms: instant.getTime() };
    midnightCache.set(date, hit);
  }
  return hit;
}

/** Alpaca's timestamp of a daily bar: midnight New York of its date, in UTC ("2025-11-20T05:00:00Z"). */
export function dailyBarTimestamp(date: string): string {
  return midnight(date).iso;
}

/** First date whose bar timestamp (midnight New York) is at or after the instant. */
export function firstDateAtOrAfter(instant: Date): string {
  const date = newYorkDate(instant);
  return midnight(date).ms >= instant.getTime() ? date : addDays(date, 1);
}

/** Last date whose bar timestamp (midnight New York) is at or before the instant. */
export function lastDateAtOrBefore(instant: Date): string {
  return newYorkDate(instant);
}
