import type { Account, Asset, MarketClock, OpenOrder, Position } from '../domain/index.js';

/** What the pipeline needs from a brokerage account. Adapters live beside this file. */
export interface Broker {
  getAccount(): Promise<Account>;
  getPositions(): Promise<readonly Position[]>;
  getClock(): Promise<MarketClock>;
  /** Assets by symbol; a symbol the broker does not know is absent from the map. */
  getAssets(symbols: readonly string[]): Promise<ReadonlyMap<string, Asset>>;
  getOpenOrders(): Promise<readonly OpenOrder[]>;
}

/** How a broker failure should be treated, decided once at the adapter edge. */
export type BrokerErrorKind = 'auth' | 'retryable' | 'rejected' | 'fatal';

export class BrokerError extends Error {
  constructor(
    readonly kind: BrokerErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'BrokerError';
  }
}
