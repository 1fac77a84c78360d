import type { AssetCatalog } from './assets.js';
import type { MarketScenario } from './scenario.js';
import type { ExchangeState } from './state.js';

/** What a route handler may read: the fixed scenario, its asset list, and the live state. */
export interface ExchangeContext {
  readonly scenario: MarketScenario;
  readonly assets: AssetCatalog;
  readonly state: ExchangeState;
}
