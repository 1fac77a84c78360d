import { floorQty, roundQty } from '../../domain/quantity.js';
import type { FillRules } from '../scenario.js';
import type { ExchangeState } from '../state.js';
import { remainingQty } from './exposure.js';
import type { StoredOrder } from './types.js';

/** A scenario without fill rules trades plainly: full fills at the current price shortly after routing. */
export const DEFAULT_FILL_RULES: FillRules = { delayMs: 50, slippageBps: 0, partial: {}, reject: [], neverFill: [] };


/** Execution prices are in cents from $1 up and in hundredths of a cent below, as US equities quote. */
function tickRound(price: number): number {
  const scale = price >= 1 ? 100 : 10_000;
  return Math.round(price * scale) / scale;
}

/** What happens when an order's execution time comes. */
export type ExecutionPlan =
  | { readonly kind: 'reject' }
  /** Nothing executes now: a never-fill symbol, a partial fraction that rounds to no shares, or a limit not reached. */
  | { readonly kind: 'wait'; readonly forever: boolean }
  | { readonly kind: 'execute'; readonly qty: number; readonly price: number; readonly final: boolean };

/**
 * Decides an order's single execution at the current price. Buys pay the slippage, sells give it up; a limit order
 * executes only when the market is at or through its limit, and never beyond it.
 */
export function planExecution(order: StoredOrder, marketPrice: number, rules: FillRules): ExecutionPlan {
  if (rules.reject.includes(order.symbol)) return { kind: 'reject' };
  if (rules.neverFill.includes(order.symbol)) return { kind: 'wait', forever: true };
  const limit = order.limitPrice;
  if (limit !== null && (order.side === 'buy' ? marketPrice > limit : marketPrice < limit)) return { kind: 'wait', forever: false };

  const slip = (rules.slippageBps / 10_000) * (order.side === 'buy' ? 1 : -1);
  let price = tickRound(marketPrice * (1 + slip));
  if (limit !== null) price = order.side === 'buy' ? Math.min(price, limit) : Math.max(price, limit);

  // A notional order buys what its dollars buy, never more; a qty order executes exactly what is left.
  const wanted = order.qty === null ? floorQty(remainingQty(order, price)) : roundQty(remainingQty(order, price));
  const fraction = rules.partial[order.symbol];
  if (fraction === undefined || fraction >= 1) {
    return wanted > 0 ? { kind: 'execute', qty: wanted, price, final: true } : { kind: 'wait', forever: true };
  }
  // A whole-share order stays whole; a fractional one (odd qty or notional) keeps 9 decimals.
  const fractional = order.notional !== null || !Number.isInteger(order.qty);
  const part = fractional ? floorQty(wanted * fraction) : Math.floor(wanted * fraction + 1e-9);
  return part > 0 ? { kind: 'execute', qty: part, price, final: false } : { kind: 'wait', forever: true };
}

/**
 * Books an execution: cash, the position (average entry price on buys; removed when it reaches zero) and the
 * order's filled quantity and average price. Returns the position's quantity afterwards.
 */
export function bookExecution(state: ExchangeState, order: StoredOrder, qty: number, price: number): number {
  const signed = order.side === 'buy' ? qty : -qty;
  state.cash -= signed * price;
  const held = state.positions.get(order.symbol);
  const before = held?.qty ?? 0;
  const after = roundQty(before + signed);
  if (after === 0) state.positions.delete(order.symbol);
  else if (held === undefined) state.positions.set(order.symbol, { qty: after, avgEntryPrice: price });
  else {
    if (order.side === 'buy') held.avgEntryPrice = (before * held.avgEntryPrice + qty * price) / after;
    held.qty = after;
  }
  const filledBefore = order.filledQty;
  order.filledQty = roundQty(filledBefore + qty);
  order.filledAvgPrice = ((order.filledAvgPrice ?? 0) * filledBefore + price * qty) / order.filledQty;
  return after;
}
