import type { DailyBarsRequest, DailyBarsResult, MarketData } from './port.js';

export interface DataUsage {
  readonly symbols: number;
  readonly bars: number;
  readonly requests: number;
  readonly cacheHits: number;
}

/** Adds up what every fetch of a run cost, for the report's `data` section. */
export class MeteredMarketData implements MarketData {
  private readonly symbols = new Set<string>();
  private bars = 0;
  private requests = 0;
  private cacheHits = 0;

  constructor(private readonly inner: MarketData) {}

  async getDailyBars(request: DailyBarsRequest): Promise<DailyBarsResult> {
    const result = await this.inner.getDailyBars(request);
    for (const symbol of request.symbols) this.symbols.add(symbol);
    for (const bars of result.bars.values()) this.bars += bars.length;
    this.requests += result.requests;
    this.cacheHits += result.cacheHits ?? 0;
    return result;
  }

  usage(): DataUsage {
    return { symbols: this.symbols.size, bars: this.bars, requests: this.requests, cacheHits: this.cacheHits };
  }
}
