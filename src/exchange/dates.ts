import { fromZonedTime } from 'date-fns-tz/fromZonedTime';
import { addDays } from '../time/calendar-date.js';
import { NEW_YORK, newYorkDateOf } from '../time/new-york.js';

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
  const date = newYorkDateOf(instant);
  return midnight(date).ms >= instant.getTime() ? date : addDays(date, 1);
}

/** Last date whose bar timestamp (midnight New York) is at or before the instant. */
export function lastDateAtOrBefore(instant: Date): string {
  return newYorkDateOf(instant);
}
