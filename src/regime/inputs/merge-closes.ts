import type { DailyClose } from '../types.js';

/**
 * History plus the broker's recent bars, ascending by date; where both have a date the broker's close wins
 * (it is the fresher source). Pure: neither input is changed.
 */
export function mergeCloses(
  history: readonly DailyClose[],
  brokerBars: readonly DailyClose[],
): DailyClose[] {
  const byDate = new Map<string, DailyClose>();
  for (const { date, close } of history) byDate.set(date, { date, close });
  for (const { date, close } of brokerBars) byDate.set(date, { date, close });
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * How far apart the two sources are on the dates both have: a dividend-adjusted history joined to split-only
 * broker bars differs by the dividends paid since, which shows up as a false jump where the sources meet.
 */
export function overlapGap(
  history: readonly DailyClose[],
  brokerBars: readonly DailyClose[],
): { readonly days: number; readonly maxRelativeGap: number } {
  const historyByDate = new Map(history.map((c) => [c.date, c.close]));
  let days = 0;
  let maxRelativeGap = 0;
  for (const { date, close } of brokerBars) {
    const other = historyByDate.get(date);
    if (other === undefined) continue;
    days++;
    maxRelativeGap = Math.max(maxRelativeGap, Math.abs(close / other - 1));
  }
  return { days, maxRelativeGap };
}
