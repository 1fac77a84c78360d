import type { MarketScenario } from './scenario.js';

/** A holding at the exchange. Mutable on purpose: fills (a later issue) change it in place. */
export interface HeldPosition {
  qty: number;
  avgEntryPrice: number;
}

/**
 * Everything about the exchange that changes while it runs, in one place, so orders, fills and an
 * advancing clock can be added without touching the route handlers' signatures.
 */
export interface ExchangeState {
  /** The exchange's current time; "today" is its New York date. */
  now: Date;
  /** May go negative (margin). */
  cash: number;
  /** Keyed by upper-case symbol. */
  readonly positions: Map<string, HeldPosition>;
}

export function createExchangeState(scenario: MarketScenario): ExchangeState {
  return {
    now: new Date(scenario.clock.getTime()),
    cash: scenario.account.cash,
    positions: new Map(scenario.positions.map((p) => [p.symbol.toUpperCase(), { qty: p.qty, avgEntryPrice: p.avgEntryPrice }])),
  };
}
