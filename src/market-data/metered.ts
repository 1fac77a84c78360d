import type { DailyBarsRequest, DailyBarsResult, MarketData } from './port.js';

export interface DataUsage {
  readonly symbols: number;
  readonly bars: number;
  readonly requests: number;
  readonly cacheHits: number;
  /** The feeds that answered, in the order first used ("iex", "sip", or "sip+iex" when a fallback came mid-run). */
  readonly feed?: string;
  /** Why a feed other than the configured one answered. */
  readonly feedFallback?: string;
}

/** Adds up what every fetch of a run cost, for the report's `data` section. */
export class MeteredMarketData implements MarketData {
  private readonly symbols = new Set<string>();
  private readonly feeds = new Set<string>();
  private feedFallback: string | undefined;
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
    const feed = result.feed ?? request.feed;
    if (feed !== undefined) this.feeds.add(feed);
    this.feedFallback ??= result.feedFallback;
    return result;
  }

  usage(): DataUsage {
    return {
      symbols: this.symbols.size,
      bars: this.bars,
      requests: this.requests,
      cacheHits: this.cacheHits,
      ...(this.feeds.size > 0 ? { feed: [...this.feeds].join('+') } : {}),
      ...(this.feedFallback !== undefined ? { feedFallback: this.feedFallback } : {}),
    };
  }
}
