import { fromZonedTime } from 'date-fns-tz/fromZonedTime';
import * as z from 'zod';
import type { Bar } from '../../domain/index.js';
import { NEW_YORK } from '../../time/new-york.js';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight in New York on a trading day, the instant Alpaca stamps that day's bar with (inclusive bound). */
export function newYorkMidnight(day: string): Date {
  const instant = fromZonedTime(`${day}T00:00:00`, NEW_YORK);
  if (!ISO_DAY.test(day) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`expected a day as YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  return instant;
}

// Intl directly: date-fns-tz's formatInTimeZone pulls in date-fns' whole format module (~200 ms to import).
const newYorkParts = new Intl.DateTimeFormat('en-US', { timeZone: NEW_YORK, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The New York calendar day of an instant: a daily bar's `t` (e.g. 2024-01-02T05:00:00Z) → "2024-01-02". */
export function newYorkDay(instant: Date): string {
  const parts = newYorkParts.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// A year of daily bars for 500 symbols repeats ~260 timestamps 500 times each, and the time-zone conversion was the
// largest single cost of a cold fetch (1.5 s of 7 s); the texts are few, so remembering them all is cheap.
const dayOfTimestamp = new Map<string, string | null>();
/** Far beyond any real history (40 years of days); only a server sending odd timestamps would get there. */
const MAX_REMEMBERED = 20_000;

/** The New York day of an RFC 3339 timestamp, or null when the text is not a time. */
export function newYorkDayOf(timestamp: string): string | null {
  let day = dayOfTimestamp.get(timestamp);
  if (day === undefined) {
    const instant = new Date(timestamp);
    day = Number.isNaN(instant.getTime()) ? null : newYorkDay(instant);
    if (dayOfTimestamp.size >= MAX_REMEMBERED) dayOfTimestamp.clear();
    dayOfTimestamp.set(timestamp, day);
  }
  return day;
}

const price = z.number().finite().positive();

/** A bar as sent; `n` and `vw` are not used. */
const wireBarSchema = z.object({
  t: z.string(),
  o: price,
  h: price,
  l: price,
  c: price,
  v: z.number().finite().nonnegative(),
});

/**
 * One page of GET /v2/stocks/bars as Alpaca sends it (bars keyed by symbol, sorted by symbol then time).
 * Bars become domain Bars in one pass over the page rather than one transform per bar: with 10,000 bars a page,
 * a per-bar transform cost three times as much on a cold start.
 */
export const barsPageSchema = z
  .object({
    // Alpaca has been seen to send null instead of {} when nothing matched.
    bars: z.record(z.string(), z.array(wireBarSchema).nullable()).nullable(),
    next_page_token: z.string().nullish(),
  })
  .transform(({ bars, next_page_token: token }, ctx) => {
    const bySymbol: Record<string, Bar[]> = {};
    for (const [symbol, wire] of Object.entries(bars ?? {})) {
      if (wire === null) continue;
      bySymbol[symbol] = wire.map((b, i): Bar => {
        const date = newYorkDayOf(b.t);
        if (date === null) {
          ctx.addIssue({ code: 'custom', path: ['bars', symbol, i, 't'], message: `expected an RFC 3339 time, got ${JSON.stringify(b.t)}` });
        }
        return { date: date ?? '', open: b.o, high: b.h, low: b.l, close: b.c, volume: b.v };
      });
    }
    return { bars: bySymbol, nextPageToken: token === '' || token === null || token === undefined ? undefined : token };
  });
export type BarsPage = z.output<typeof barsPageSchema>;

/** Accumulates pages: merged by symbol, de-duplicated by day (a symbol may straddle two pages), sorted by day. */
export class BarsMerger {
  private readonly bySymbol = new Map<string, Bar[]>();

  constructor(private readonly wanted: ReadonlySet<string>) {}

  add(page: BarsPage): void {
    for (const [symbol, bars] of Object.entries(page.bars)) {
      if (!this.wanted.has(symbol) || bars.length === 0) continue;
      const list = this.bySymbol.get(symbol);
      if (list === undefined) this.bySymbol.set(symbol, [...bars]);
      else list.push(...bars);
    }
  }

  result(): ReadonlyMap<string, readonly Bar[]> {
    const out = new Map<string, readonly Bar[]>();
    for (const [symbol, bars] of this.bySymbol) out.set(symbol, sortedUniqueByDay(bars));
    return out;
  }
}

/** Pages usually arrive in order, so the sort is skipped when the days already ascend. */
function sortedUniqueByDay(bars: readonly Bar[]): readonly Bar[] {
  let ascending = true;
  for (let i = 1; i < bars.length && ascending; i++) ascending = (bars[i - 1] as Bar).date < (bars[i] as Bar).date;
  if (ascending) return bars;
  const byDay = new Map<string, Bar>();
  for (const bar of bars) if (!byDay.has(bar.date)) byDay.set(bar.date, bar);
  return [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
