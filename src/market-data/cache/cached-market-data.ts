import type { Bar } from '../../domain/index.js';
import type { DailyBarsRequest, DailyBarsResult, MarketData } from '../port.js';
import { BarFile, type CachedSeries, type SourceKey } from './cache-file.js';
import { barFilePath, readBarFile, writeBarFile } from './cache-store.js';
import {
  applyTopUp,
  barsInWindow,
  groupByFetchStart,
  planRefresh,
  seriesToPersist,
  type DayWindow,
  type RefreshPlan,
} from './refresh-plan.js';

export interface CachedMarketDataOptions {
  /** Where the bar files go (e.g. defaultCacheDir()). */
  readonly cacheDir: string;
  /**
   * Bars on or after this day (YYYY-MM-DD) are returned but never cached, and the cache never counts that day as
   * covered: pass the current trading day while its bar can still change (the session has not closed).
   */
  readonly incompleteFrom?: string;
  /** Relative difference of an overlap day's close that marks cached history as re-adjusted. Default 1e-6. */
  readonly tolerance?: number;
  /** Told about cached history that was not used as is, e.g. to log it. */
  readonly onEvent?: (event: CacheEvent) => void;
}

export type CacheEvent =
  /** The file was corrupt, truncated or unreadable: deleted, and every symbol's whole window fetched. */
  | { readonly kind: 'discarded'; readonly path: string; readonly reason: string }
  /** The overlap day no longer matched (a split): the cached history was dropped and the whole window fetched. */
  | { readonly kind: 'readjusted'; readonly symbol: string; readonly reason: string }
  /** The bars were served but could not be saved; the next run fetches them again. */
  | { readonly kind: 'write-failed'; readonly path: string; readonly reason: string };

/**
 * The MarketData port with an on-disk cache in front of another MarketData: a request fetches only the days the
 * cache lacks, in one inner request per distinct first day. `cacheHits` in the result counts the requested symbols
 * answered wholly or partly from a cache file that was trusted (fully covered, or topped up with a matching
 * overlap day); symbols fetched in full (no file, a discarded file, a window starting before the cache, or a split
 * found) are not hits. `requests` is the sum of the inner source's counts.
 */
export class CachedMarketData implements MarketData {
  private readonly tolerance: number;
  /** The request in progress: requests run one after another, so none overwrites the file another just wrote. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly inner: MarketData,
    private readonly options: CachedMarketDataOptions,
  ) {
    if (options.incompleteFrom !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.incompleteFrom)) {
      throw new RangeError(`incompleteFrom must be a day as YYYY-MM-DD, got ${JSON.stringify(options.incompleteFrom)}`);
    }
    this.tolerance = options.tolerance ?? 1e-6;
  }

  getDailyBars(request: DailyBarsRequest): Promise<DailyBarsResult> {
    const result = this.running.then(() => this.fetchThroughCache(request));
    this.running = result.catch(() => undefined);
    return result;
  }

  private async fetchThroughCache(request: DailyBarsRequest): Promise<DailyBarsResult> {
    const window: DayWindow = { start: request.start, end: request.end };
    const symbols = [...new Set(request.symbols)];
    const source: SourceKey = { feed: request.feed, adjustment: request.adjustment };
    const store = { file: await this.read(source) };
    const cached = new Map<string, CachedSeries>();
    for (const symbol of symbols) {
      const series = store.file.series(symbol);
      if (series !== undefined) cached.set(symbol, series);
    }
    const plans = new Map<string, RefreshPlan>(symbols.map((s) => [s, planRefresh(cached.get(s), window)]));
    const known = new Map<string, readonly Bar[]>();
    let cacheHits = 0;
    for (const [symbol, plan] of plans) {
      if (plan.kind !== 'cached') continue;
      known.set(symbol, cached.get(symbol)?.bars ?? []);
      cacheHits++;
    }

    let requests = 0;
    const fetchWindow = async (symbolsToFetch: readonly string[], from: string): Promise<ReadonlyMap<string, readonly Bar[]>> => {
      const result = await this.inner.getDailyBars({ ...request, symbols: symbolsToFetch, start: from });
      requests += result.requests;
      return result.bars;
    };

    const readjusted: string[] = [];
    for (const [from, group] of groupByFetchStart(plans, window)) {
      const fetched = await fetchWindow(group, from);
      const updated = new Map<string, { from: string; bars: readonly Bar[] }>();
      for (const symbol of group) {
        const fresh = barsInWindow(fetched.get(symbol) ?? [], { start: from, end: window.end });
        const plan = plans.get(symbol);
        const old = cached.get(symbol);
        if (plan?.kind !== 'top-up' || old === undefined) {
          updated.set(symbol, { from: window.start, bars: fresh });
          continue;
        }
        const joined = applyTopUp(old, from, fresh, this.tolerance);
        if (joined.ok) {
          updated.set(symbol, { from: old.from, bars: joined.value });
          cacheHits++;
        } else {
          this.options.onEvent?.({ kind: 'readjusted', symbol, reason: joined.error });
          readjusted.push(symbol);
        }
      }
      await this.keep(updated, known, source, store, window, cached);
    }

    if (readjusted.length > 0) {
      const fetched = await fetchWindow(readjusted, window.start);
      const updated = new Map(
        readjusted.map((symbol) => [symbol, { from: window.start, bars: barsInWindow(fetched.get(symbol) ?? [], window) }]),
      );
      await this.keep(updated, known, source, store, window, cached);
    }

    const bars = new Map<string, readonly Bar[]>();
    for (const symbol of symbols) {
      const inWindow = barsInWindow(known.get(symbol) ?? [], window);
      if (inWindow.length > 0) bars.set(symbol, inWindow);
    }
    return { bars, requests, cacheHits };
  }

  /** The source's file, or an empty one when there is none or it was discarded (reported). */
  private async read(source: SourceKey): Promise<BarFile> {
    const outcome = await readBarFile(this.options.cacheDir, source);
    if (outcome.kind === 'hit') return outcome.file;
    if (outcome.kind === 'discarded') this.options.onEvent?.({ kind: 'discarded', path: outcome.path, reason: outcome.reason });
    return BarFile.empty();
  }

  /** Records fetched histories as the answer and writes their complete part back, after each inner request. */
  private async keep(
    updated: ReadonlyMap<string, { readonly from: string; readonly bars: readonly Bar[] }>,
    known: Map<string, readonly Bar[]>,
    source: SourceKey,
    store: { file: BarFile },
    window: DayWindow,
    cached: ReadonlyMap<string, CachedSeries>,
  ): Promise<void> {
    const toWrite = new Map<string, CachedSeries>();
    for (const [symbol, history] of updated) {
      known.set(symbol, history.bars);
      const series = seriesToPersist(history.from, history.bars, window.end, this.options.incompleteFrom);
      const old = cached.get(symbol);
      // A top-up that brought only today's unfinished bar adds nothing to persist: leave the file as it is.
      const unchanged = old !== undefined && series !== undefined && series.from === old.from && series.to <= old.to;
      if (series !== undefined && !unchanged) toWrite.set(symbol, series);
    }
    if (toWrite.size === 0) return;
    // Kept even if the write fails, so that a later write of this run still carries these symbols.
    store.file = store.file.with(toWrite);
    try {
      await writeBarFile(this.options.cacheDir, source, store.file);
    } catch (e) {
      this.options.onEvent?.({ kind: 'write-failed', path: barFilePath(this.options.cacheDir, source), reason: (e as Error).message });
    }
  }
}
