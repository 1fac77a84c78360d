import type { BarsBySymbol } from '../domain/index.js';

export interface DailyBarsRequest {
  readonly symbols: readonly string[];
  /** First and last trading day wanted, YYYY-MM-DD, inclusive. */
  readonly start: string;
  readonly end: string;
  readonly adjustment: 'raw' | 'split' | 'dividend' | 'all';
  readonly feed?: 'iex' | 'sip';
}

export interface DailyBarsResult {
  readonly bars: BarsBySymbol;
  /** HTTP requests made to fetch them. */
  readonly requests: number;
  /** Symbols answered wholly or partly from a trusted on-disk cache; absent when no cache is in front. */
  readonly cacheHits?: number;
}

/** Daily bars for many symbols; symbols with no data are absent from the map. */
export interface MarketData {
  getDailyBars(request: DailyBarsRequest): Promise<DailyBarsResult>;
}
