import type { AssetCatalog } from './assets.js';
import type { OrderEngine } from './orders/engine.js';
import type { MarketScenario } from './scenario.js';
import type { ExchangeState } from './state.js';

/** What a route handler may use: the fixed scenario, its asset list, the live state and the order engine. */
export interface ExchangeContext {
  readonly scenario: MarketScenario;
  readonly assets: AssetCatalog;
  readonly state: ExchangeState;
  /** Takes, cancels and fills orders; the only writer of `state.orders`. */
  readonly orders: OrderEngine;
}
