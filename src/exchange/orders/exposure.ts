import { newYorkDateOf as newYorkDate } from '../../time/new-york.js';
import { quoteAsOf } from '../market.js';
import type { MarketScenario } from '../scenario.js';
import type { ExchangeState } from '../state.js';
import type { StoredOrder } from './types.js';
import { isOpen } from './types.js';

/** The price an order would execute at now: the close of the latest bar on or before the date. */
export function currentPrice(scenario: MarketScenario, symbol: string, now: Date): number | undefined {
  return quoteAsOf(scenario.bars.get(symbol), newYorkDate(now))?.price;
}

/** Shares still to execute; a notional order's remaining dollars are turned into shares at `price`. */
export function remainingQty(order: StoredOrder, price: number): number {
  if (order.qty !== null) return Math.max(order.qty - order.filledQty, 0);
  const spent = order.filledQty * (order.filledAvgPrice ?? 0);
  return price > 0 ? Math.max((order.notional ?? 0) - spent, 0) / price : 0;
}

/** Dollars still to spend: a notional order's unspent amount, else remaining shares at `price`. */
export function remainingCost(order: StoredOrder, price: number): number {
  if (order.notional !== null) return Math.max(order.notional - order.filledQty * (order.filledAvgPrice ?? 0), 0);
  return remainingQty(order, price) * price;
}

function openOrders(state: ExchangeState, side: 'buy' | 'sell', symbol?: string): StoredOrder[] {
  return [...state.orders.values()].filter((o) => isOpen(o) && o.side === side && (symbol === undefined || o.symbol === symbol));
}

/** What open buys would cost at current prices: Alpaca holds that much buying power for them. */
export function openBuyCost(state: ExchangeState, scenario: MarketScenario, now: Date): number {
  return openOrders(state, 'buy').reduce((sum, o) => sum + remainingCost(o, currentPrice(scenario, o.symbol, now) ?? 0), 0);
}

/** Shares of a symbol locked by open sells (Alpaca's held_for_orders). */
export function heldForOrders(state: ExchangeState, scenario: MarketScenario, symbol: string, now: Date): number {
  const price = currentPrice(scenario, symbol, now) ?? 0;
  return openOrders(state, 'sell', symbol).reduce((sum, o) => sum + remainingQty(o, price), 0);
}

/** Open sell orders on a symbol, by id (Alpaca lists them as related_orders when a sell is refused). */
export function openSellIds(state: ExchangeState, symbol: string): string[] {
  return openOrders(state, 'sell', symbol).map((o) => o.id);
}

/** True when an order on the other side of the same symbol is still open (Alpaca's wash-trade check). */
export function hasOppositeOpenOrder(state: ExchangeState, symbol: string, side: 'buy' | 'sell'): boolean {
  return openOrders(state, side === 'buy' ? 'sell' : 'buy', symbol).length > 0;
}

/**
 * Buying power left for new buys: the account's (a fixed scenario figure, else cash × multiplier) less what open buys
 * hold. Sells do not add to it until they fill, as at Alpaca.
 */
export function buyingPowerLeft(state: ExchangeState, scenario: MarketScenario, now: Date): number {
  const base = scenario.account.buyingPower ?? Math.max(state.cash * scenario.account.multiplier, 0);
  return Math.max(base - openBuyCost(state, scenario, now), 0);
}
