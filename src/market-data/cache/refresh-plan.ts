import type { Bar, Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';
import { isCalendarDay, type CachedSeries } from './cache-file.js';

/** The days a request wants, inclusive, YYYY-MM-DD. */
export interface DayWindow {
  readonly start: string;
  readonly end: string;
}

/**
 * What to fetch for one symbol. `top-up` fetches [fetchFrom, end], where fetchFrom is the newest cached bar's day:
 * the day fetched twice is the overlap that shows whether the history was re-adjusted since it was cached.
 */
export type RefreshPlan =
  | { readonly kind: 'cached' }
  | { readonly kind: 'top-up'; readonly fetchFrom: string }
  | { readonly kind: 'full' };

/** Decides from a symbol's cache (if any) what must be fetched to answer `window`. */
export function planRefresh(cached: CachedSeries | undefined, window: DayWindow): RefreshPlan {
  // A cache that starts after the window, or ends before it, has nothing to build on.
  if (cached === undefined || cached.from > window.start || cached.to < window.start) return { kind: 'full' };
  // "No bars at all" is never taken as known: the symbol may be new to the source since (a data file added, a
  // listing), and a cache written before this rule may still hold such a span.
  if (cached.bars.length === 0) return { kind: 'full' };
  if (window.end <= cached.to) return { kind: 'cached' };
  const newest = cached.bars.at(-1);
  // No bar since the window started (e.g. never traded): nothing to compare, so just fetch after the covered span.
  const fetchFrom = newest !== undefined && newest.date >= window.start ? newest.date : cached.to;
  return { kind: 'top-up', fetchFrom };
}

/** Symbols grouped by the first day to fetch, so that each distinct window costs one multi-symbol request. */
export function groupByFetchStart(plans: ReadonlyMap<string, RefreshPlan>, window: DayWindow): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [symbol, plan] of plans) {
    if (plan.kind === 'cached') continue;
    const from = plan.kind === 'full' ? window.start : plan.fetchFrom;
    const group = groups.get(from);
    if (group === undefined) groups.set(from, [symbol]);
    else group.push(symbol);
  }
  return groups;
}

/** True when two closes differ by more than `tolerance`, relative to the larger one. */
export function closesDiffer(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) > tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Joins a cached history and a fresh fetch of [fetchFrom, …]. Every cached bar from fetchFrom on must come back with
 * the same close: a different close (or a missing bar) means the history was re-adjusted, typically for a split,
 * and then no cached bar can be trusted. On success the fresh bars replace the cached ones from fetchFrom on.
 */
export function applyTopUp(
  cached: CachedSeries,
  fetchFrom: string,
  fresh: readonly Bar[],
  tolerance: number,
): Result<readonly Bar[], string> {
  const cut = firstOnOrAfter(cached.bars, fetchFrom);
  const freshByDay = new Map(fresh.map((bar) => [bar.date, bar]));
  for (const old of cached.bars.slice(cut)) {
    const now = freshByDay.get(old.date);
    if (now === undefined) return err(`the cached bar of ${old.date} is no longer served`);
    if (closesDiffer(old.close, now.close, tolerance)) {
      return err(`the close of ${old.date} changed from ${old.close} to ${now.close} (split or re-adjustment)`);
    }
  }
  return ok([...cached.bars.slice(0, cut), ...fresh.filter((bar) => bar.date >= fetchFrom)]);
}

/**
 * What may be written back: the span from `from` to the window's end, cut before `incompleteFrom` (a session still
 * trading has a bar that will change); undefined when nothing complete is left, or no bar at all.
 */
export function seriesToPersist(
  from: string,
  bars: readonly Bar[],
  end: string,
  incompleteFrom: string | undefined,
): CachedSeries | undefined {
  const to = incompleteFrom !== undefined && incompleteFrom <= end ? dayBefore(incompleteFrom) : end;
  // Bars out of order or on no calendar day are the data-quality gate's to report, fetched again rather than kept.
  if (to < from || !ascending(bars) || !bars.every((bar) => isCalendarDay(bar.date))) return undefined;
  const kept = barsInWindow(bars, { start: from, end: to });
  // A symbol with no bars is asked for again next run rather than remembered as having none.
  return kept.length === 0 ? undefined : { from, to, bars: kept };
}

/** The bars inside the window; the same array when all of them are. */
export function barsInWindow(bars: readonly Bar[], window: DayWindow): readonly Bar[] {
  if (!ascending(bars)) return bars.filter((bar) => bar.date >= window.start && bar.date <= window.end);
  const first = firstOnOrAfter(bars, window.start);
  const end = firstAfter(bars, window.end);
  return first === 0 && end === bars.length ? bars : bars.slice(first, end);
}

function ascending(bars: readonly Bar[]): boolean {
  for (let i = 1; i < bars.length; i++) if ((bars[i] as Bar).date <= (bars[i - 1] as Bar).date) return false;
  return true;
}

/** Index of the first bar dated `day` or later (binary search: the bars ascend by day). */
function firstOnOrAfter(bars: readonly Bar[], day: string): number {
  let [low, high] = [0, bars.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((bars[mid] as Bar).date < day) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first bar dated after `day`. */
function firstAfter(bars: readonly Bar[], day: string): number {
  let [low, high] = [0, bars.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((bars[mid] as Bar).date <= day) low = mid + 1;
    else high = mid;
  }
  return low;
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
