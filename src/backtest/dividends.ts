/**
 * Cash dividends from adjusted closes. Yahoo's adj_close is close × a factor that steps up on each ex-dividend
 * date: f(D-1) / f(D) = 1 - dividend / close(D-1). So a holder at the close of D-1 is owed
 * close(D-1) × (1 - f(D-1) / f(D)) per share on D. Pure.
 */
import type { Bar } from '../domain/index.js';
import { firstIndexOnOrAfter } from '../exchange/market.js';

/** Adjusted closes of one symbol by date. */
export type AdjustedCloses = ReadonlyMap<string, number>;

/** Below this relative step the factor's change is rounding in the source, not a dividend. */
const MIN_STEP = 1e-5;

export function dividendPerShare(
  data: { readonly bars: ReadonlyMap<string, readonly Bar[]>; readonly adjClose: ReadonlyMap<string, AdjustedCloses> },
  symbol: string,
  date: string,
): number {
  const adjusted = data.adjClose.get(symbol);
  const bars = data.bars.get(symbol);
  if (adjusted === undefined || bars === undefined) return 0;
  const i = firstIndexOnOrAfter(bars, date);
  const today = bars[i];
  const previous = bars[i - 1];
  if (today?.date !== date || previous === undefined) return 0;
  const adjToday = adjusted.get(date);
  const adjPrevious = adjusted.get(previous.date);
  if (adjToday === undefined || adjPrevious === undefined) return 0;
  const ratio = adjPrevious / previous.close / (adjToday / today.close);
  return ratio < 1 - MIN_STEP ? previous.close * (1 - ratio) : 0;
}
