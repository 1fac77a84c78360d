import { BrokerError } from '../broker/port.js';
import type { BarsBySymbol } from '../domain/index.js';

export type Feed = 'iex' | 'sip';

export interface DailyBarsRequest {
  readonly symbols: readonly string[];
  /** First and last trading day wanted, YYYY-MM-DD, inclusive. */
  readonly start: string;
  readonly end: string;
  readonly adjustment: 'raw' | 'split' | 'dividend' | 'all';
  readonly feed?: Feed;
  /**
   * The broker's current time (its clock's timestamp): bars are asked for only up to 15 minutes before it, the
   * newest data Alpaca serves from SIP without a paid plan. Absent: the adapter's own clock.
   */
  readonly brokerTime?: string;
}

export interface DailyBarsResult {
  readonly bars: BarsBySymbol;
  /** HTTP requests made to fetch them. */
  readonly requests: number;
  /** Symbols answered wholly or partly from a trusted on-disk cache; absent when no cache is in front. */
  readonly cacheHits?: number;
  /** The feed that answered, when a layer chose it (see FeedFallbackMarketData); absent: the one asked for. */
  readonly feed?: Feed;
  /** Why `feed` is not the one asked for. */
  readonly feedFallback?: string;
}

/** Daily bars for many symbols; symbols with no data are absent from the map. */
export interface MarketData {
  getDailyBars(request: DailyBarsRequest): Promise<DailyBarsResult>;
}

/**
 * The market-data API refused a feed the account's plan does not include (Alpaca: HTTP 403, code 42210000,
 * "subscription does not permit querying recent SIP data").
 */
export class FeedNotPermittedError extends BrokerError {
  constructor(
    readonly feed: Feed,
    message: string,
  ) {
    super('rejected', message, 403);
    this.name = 'FeedNotPermittedError';
  }
}
