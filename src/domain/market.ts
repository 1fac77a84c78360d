/** One daily bar, split-adjusted. `date` is the trading day in New York (YYYY-MM-DD). */
export interface Bar {
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export type BarsBySymbol = ReadonlyMap<string, readonly Bar[]>;

export interface Asset {
  readonly symbol: string;
  readonly status: 'active' | 'inactive';
  readonly tradable: boolean;
  readonly fractionable: boolean;
}

export interface MarketClock {
  /** The broker's current time, ISO 8601. */
  readonly timestamp: string;
  readonly isOpen: boolean;
  readonly nextOpen: string;
  readonly nextClose: string;
}
