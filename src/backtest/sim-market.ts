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

export class SimulatedMarket {
  private day = '';
  private instant = new Date(0);
  private reading: MarketClock | undefined;

  constructor(
    readonly bars: BarsBySymbol,
    /** New York wall-clock time of the daily run, "HH:MM". */
    private readonly runTime: string,
  ) {}

  /** Moves the simulation to `day` at the run time. */
  enter(day: string): void {
    this.day = day;
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
    const bars = this.bars.get(symbol);
    if (bars === undefined) return undefined;
    const bar = bars[firstIndexOnOrAfter(bars, this.day)];
    return bar?.date === this.day ? bar : undefined;
  }

  /** The latest close strictly before today: the price a run at the run time values holdings at. */
  previousClose(symbol: string): number | undefined {
    const bars = this.bars.get(symbol);
    if (bars === undefined) return undefined;
    return bars[firstIndexOnOrAfter(bars, this.day) - 1]?.close;
  }

  /** The latest close on or before today (a symbol that did not trade today keeps its last close). */
  closeOnOrBefore(symbol: string): number | undefined {
    const bars = this.bars.get(symbol);
    if (bars === undefined) return undefined;
    return bars[endIndexOnOrBefore(bars, this.day) - 1]?.close;
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
