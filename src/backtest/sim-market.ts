/**
 * The simulated market of a backtest: every bar of the run, and the simulated day and time. What the strategy may
 * see is cut at the day before "today" (the run sees data up to the latest completed session); only the simulated
 * exchange's fills look at today's bar.
 */
import type { Bar, BarsBySymbol, MarketClock } from '../domain/index.js';
import { clockAt } from '../exchange/calendar/index.js';
import { endIndexOnOrBefore, firstIndexOnOrAfter } from '../exchange/market.js';
import type { DailyBarsRequest, DailyBarsResult, MarketData } from '../market-data/port.js';
import { newYorkInstant } from '../time/new-york.js';

/**
 * Each symbol's bars as of a day that only moves forward: the position of "today" in every symbol's bars is kept
 * and advanced, so a lookup costs O(1) over a forward walk instead of a search per call.
 */
export class ForwardBars {
  private day = '';
  /** Per symbol: its bars and the index of the first one dated on or after `day` (one map lookup per call). */
  private readonly cursors = new Map<string, { readonly bars: readonly Bar[]; at: number }>();

  constructor(readonly bars: BarsBySymbol) {
    for (const [symbol, list] of bars) this.cursors.set(symbol, { bars: list, at: 0 });
  }

  enter(day: string): void {
    // Going back (never in a replay) starts the walk again.
    if (day < this.day) for (const cursor of this.cursors.values()) cursor.at = 0;
    this.day = day;
  }

  private cursor(symbol: string): { readonly bars: readonly Bar[]; at: number } | undefined {
    const cursor = this.cursors.get(symbol);
    if (cursor === undefined) return undefined;
    const { bars } = cursor;
    while (cursor.at < bars.length && (bars[cursor.at] as Bar).date < this.day) cursor.at++;
    return cursor;
  }

  /** Today's bar, when the symbol traded today. */
  today(symbol: string): Bar | undefined {
    const c = this.cursor(symbol);
    const bar = c?.bars[c.at];
    return bar?.date === this.day ? bar : undefined;
  }

  /** The latest close strictly before today. */
  closeBefore(symbol: string): number | undefined {
    const c = this.cursor(symbol);
    return c === undefined ? undefined : c.bars[c.at - 1]?.close;
  }

  /** The latest close on or before today (a symbol that did not trade today keeps its last close). */
  closeOnOrBefore(symbol: string): number | undefined {
    const c = this.cursor(symbol);
    if (c === undefined) return undefined;
    const bar = c.bars[c.at];
    return bar?.date === this.day ? bar.close : c.bars[c.at - 1]?.close;
  }
}

export class SimulatedMarket {
  private day = '';
  private readonly forward: ForwardBars;
  private instant = new Date(0);
  private reading: MarketClock | undefined;

  constructor(
    readonly bars: BarsBySymbol,
    /** New York wall-clock time of the daily run, "HH:MM". */
    private readonly runTime: string,
  ) {
    this.forward = new ForwardBars(bars);
  }

  /** Moves the simulation to `day` at the run time. */
  enter(day: string): void {
    this.day = day;
    this.forward.enter(day);
    this.instant = newYorkInstant(day, this.runTime);
    this.reading = undefined;
  }

  get today(): string {
    return this.day;
  }

  get now(): Date {
    return this.instant;
  }

  /** The exchange's clock at the run time (read once per day: the pipeline asks several times). */
  clock(): MarketClock {
    this.reading ??= clockAt(this.instant);
    return this.reading;
  }

  /** Today's bar of a symbol, when it traded today. */
  barToday(symbol: string): Bar | undefined {
    return this.forward.today(symbol);
  }

  /** The latest close strictly before today: the price a run at the run time values holdings at. */
  previousClose(symbol: string): number | undefined {
    return this.forward.closeBefore(symbol);
  }

  /** The latest close on or before today (a symbol that did not trade today keeps its last close). */
  closeOnOrBefore(symbol: string): number | undefined {
    return this.forward.closeOnOrBefore(symbol);
  }
}

/**
 * The strategy's market data in a backtest: the same port as a live run's, answering from memory with the bars
 * of completed sessions only (dated before the simulated today), whatever end is asked for.
 */
export class SimulatedMarketData implements MarketData {
  constructor(private readonly market: SimulatedMarket) {}

  getDailyBars(request: DailyBarsRequest): Promise<DailyBarsResult> {
    const out = new Map<string, readonly Bar[]>();
    const today = this.market.today;
    for (const symbol of request.symbols) {
      const bars = this.market.bars.get(symbol);
      if (bars === undefined) continue;
      const from = firstIndexOnOrAfter(bars, request.start);
      const to = Math.min(endIndexOnOrBefore(bars, request.end), firstIndexOnOrAfter(bars, today));
      if (to > from) out.set(symbol, bars.slice(from, to));
    }
    return Promise.resolve({ bars: out, requests: 0 });
  }
}
