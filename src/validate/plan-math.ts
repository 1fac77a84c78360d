import { roundQty, type OrderIntent } from '../domain/index.js';
import type { PlanContext } from './plan-context.js';

/** Sub-cent slack for comparing sums of float money values. */
export const MONEY_EPSILON = 1e-6;

/** Current price: the price map first, then the broker's position price, then the sizing price. */
export function priceOf(ctx: PlanContext, symbol: string): number | undefined {
  const candidates = [
    ctx.prices.get(symbol),
    ctx.positions.find((p) => p.symbol === symbol)?.currentPrice,
    ctx.targets.find((t) => t.symbol === symbol)?.price,
  ];
  return candidates.find((price): price is number => price !== undefined && Number.isFinite(price) && price > 0);
}

export function heldQty(ctx: PlanContext, symbol: string): number {
  return ctx.positions.filter((p) => p.symbol === symbol).reduce((sum, p) => sum + p.qty, 0);
}

export function signedQty(order: OrderIntent): number {
  return order.side === 'buy' ? order.qty : -order.qty;
}

/** Quantity per symbol once every order has filled (held ± orders), rounded to 9 decimals. */
export function qtyAfterPlan(ctx: PlanContext): ReadonlyMap<string, number> {
  const after = new Map<string, number>();
  for (const p of ctx.positions) after.set(p.symbol, (after.get(p.symbol) ?? 0) + p.qty);
  for (const o of ctx.orders) after.set(o.symbol, (after.get(o.symbol) ?? 0) + signedQty(o));
  for (const [symbol, qty] of after) after.set(symbol, roundQty(qty));
  return after;
}

export interface Valuation {
  readonly value: number;
  /** Symbols still held after the plan whose value could not be priced. */
  readonly unpriced: readonly string[];
}

/** Gross value (|qty| × price) of the positions after the plan, optionally skipping symbols. */
export function valueAfterPlan(ctx: PlanContext, skip: ReadonlySet<string> = new Set()): Valuation {
  let value = 0;
  const unpriced: string[] = [];
  for (const [symbol, qty] of qtyAfterPlan(ctx)) {
    if (qty === 0 || skip.has(symbol)) continue;
    const price = priceOf(ctx, symbol);
    if (price === undefined) unpriced.push(symbol);
    else value += Math.abs(qty) * price;
  }
  return { value, unpriced: unpriced.sort() };
}

// One formatter for every call: toLocaleString builds a new one each time, which a backtest's thousands of plans feel.
const DOLLARS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function usd(value: number): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}$${DOLLARS.format(Math.abs(value))}`;
}

export function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
