import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { z } from 'zod';
import type { Bar } from '../../domain/index.js';

const NEW_YORK = 'America/New_York';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight in New York on a trading day, the instant Alpaca stamps that day's bar with (inclusive bound). */
export function newYorkMidnight(day: string): Date {
  const instant = fromZonedTime(`${day}T00:00:00`, NEW_YORK);
  if (!ISO_DAY.test(day) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`expected a day as YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  return instant;
}

/** The New York calendar day of an instant: a daily bar's `t` (e.g. 2024-01-02T05:00:00Z) → "2024-01-02". */
export function newYorkDay(instant: Date): string {
  return formatInTimeZone(instant, NEW_YORK, 'yyyy-MM-dd');
}

const price = z.number().finite().positive();

const wireBarSchema = z
  .object({
    t: z.string().transform((text, ctx) => {
      const instant = new Date(text);
      if (Number.isNaN(instant.getTime())) {
        ctx.addIssue({ code: 'custom', message: `expected an RFC 3339 time, got ${JSON.stringify(text)}` });
        return z.NEVER;
      }
      return instant;
    }),
    o: price,
    h: price,
    l: price,
    c: price,
    // lossless-json leaves only integers beyond 2^53 as strings; no daily volume gets there.
    v: z.number().finite().nonnegative(),
  })
  .transform(
    (b): Bar => ({ date: newYorkDay(b.t), open: b.o, high: b.h, low: b.l, close: b.c, volume: b.v }),
  );

/** One page of GET /v2/stocks/bars as the SDK returns it (bars keyed by symbol; `t` left as a string). */
export const barsPageSchema = z.object({
  // Alpaca has been seen to send null instead of {} when nothing matched.
  bars: z
    .record(z.string(), z.array(wireBarSchema).nullable())
    .nullable()
    .transform((bars) => bars ?? {}),
  nextPageToken: z
    .string()
    .nullish()
    .transform((token) => (token === '' || token === null || token === undefined ? undefined : token)),
});
export type BarsPage = z.output<typeof barsPageSchema>;

/** Accumulates pages: merged by symbol, de-duplicated by day (a symbol may straddle two pages), sorted by day. */
export class BarsMerger {
  private readonly bySymbol = new Map<string, Map<string, Bar>>();

  constructor(private readonly wanted: ReadonlySet<string>) {}

  add(page: BarsPage): void {
    for (const [symbol, bars] of Object.entries(page.bars)) {
      if (!this.wanted.has(symbol) || bars === null || bars.length === 0) continue;
      let byDay = this.bySymbol.get(symbol);
      if (byDay === undefined) {
        byDay = new Map();
        this.bySymbol.set(symbol, byDay);
      }
      for (const bar of bars) if (!byDay.has(bar.date)) byDay.set(bar.date, bar);
    }
  }

  result(): ReadonlyMap<string, readonly Bar[]> {
    const out = new Map<string, readonly Bar[]>();
    for (const [symbol, byDay] of this.bySymbol) {
      out.set(
        symbol,
        [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      );
    }
    return out;
  }
}
