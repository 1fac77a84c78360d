import type { Bar } from '../../../src/domain/index.js';
import type { DailyBarsRequest, DailyBarsResult, MarketData } from '../../../src/market-data/port.js';

/** A hand-written inner MarketData: serves `history` up to `availableThrough` and records every request. */
export class RecordingMarketData implements MarketData {
  readonly requests: DailyBarsRequest[] = [];
  /** Bars after this day do not exist yet, as if the market had not got there. */
  availableThrough: string | undefined;

  constructor(public history: ReadonlyMap<string, readonly Bar[]>) {}

  async getDailyBars(request: DailyBarsRequest): Promise<DailyBarsResult> {
    this.requests.push(request);
    const last = this.availableThrough ?? request.end;
    const bars = new Map<string, readonly Bar[]>();
    for (const symbol of request.symbols) {
      const served = (this.history.get(symbol) ?? []).filter(
        (bar) => bar.date >= request.start && bar.date <= request.end && bar.date <= last,
      );
      if (served.length > 0) bars.set(symbol, served);
    }
    // One HTTP request per call, as for a batch that fits one page.
    return { bars, requests: 1 };
  }

  /** The requests so far as "SYMBOLS start..end", in order. */
  windows(): string[] {
    return this.requests.map((r) => `${r.symbols.join(',')} ${r.start}..${r.end}`);
  }
}
