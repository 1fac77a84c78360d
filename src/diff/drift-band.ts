import type { OrderIntent, Target, WithinBand } from '../domain/index.js';

export interface DriftBandSettings {
  /** Dollars: an ADJUST worth less is not sent. */
  readonly minOrderValue: number;
  /** Fraction of the target's value: an ADJUST worth less is not sent. */
  readonly driftBand: number;
}

export interface DriftBandResult {
  /** The orders to send: every OPEN and CLOSE, and the ADJUSTs big enough to be worth sending. */
  readonly orders: readonly OrderIntent[];
  /** The targets the plan stands for: a within-band symbol's target becomes what is held, so nobody expects the change. */
  readonly targets: readonly Target[];
  readonly withinBand: readonly WithinBand[];
}

// Float products (0.1 × 3) must not push a change that is exactly at a threshold under it.
const MONEY_EPSILON = 1e-9;

/**
 * Holds back the ADJUST orders too small to be worth sending (dust a rerun or a small price move would send): worth
 * less than minOrderValue dollars, or less than driftBand × the target's value. OPEN and CLOSE are always sent; an
 * ADJUST exactly at a threshold is sent. Prices: the price map first, then the target's.
 */
export function applyDriftBand(
  orders: readonly OrderIntent[],
  targets: readonly Target[],
  prices: ReadonlyMap<string, number>,
  settings: DriftBandSettings,
): DriftBandResult {
  const targetOf = new Map(targets.map((t) => [t.symbol, t]));
  const sent: OrderIntent[] = [];
  const withinBand: WithinBand[] = [];
  for (const order of orders) {
    const target = targetOf.get(order.symbol);
    const price = usablePrice(prices.get(order.symbol)) ?? usablePrice(target?.price);
    // Without a target or a price the change cannot be valued: it is sent, never silently dropped.
    if (order.action !== 'ADJUST' || target === undefined || price === undefined) {
      sent.push(order);
      continue;
    }
    const value = order.qty * price;
    const rule = ruleHolding(value, target.qty * price, settings);
    if (rule === undefined) sent.push(order);
    else withinBand.push({ symbol: order.symbol, fromQty: order.fromQty, toQty: order.toQty, value, rule });
  }
  const held = new Map(withinBand.map((w) => [w.symbol, w.fromQty]));
  return {
    orders: sent,
    targets: targets.map((t) => {
      const qty = held.get(t.symbol);
      return qty === undefined ? t : { ...t, qty, value: qty * t.price };
    }),
    withinBand,
  };
}

function ruleHolding(value: number, targetValue: number, settings: DriftBandSettings): WithinBand['rule'] | undefined {
  if (value + MONEY_EPSILON < settings.minOrderValue) return 'minOrderValue';
  if (value + MONEY_EPSILON < settings.driftBand * Math.abs(targetValue)) return 'driftBand';
  return undefined;
}

const usablePrice = (price: number | undefined): number | undefined =>
  price !== undefined && Number.isFinite(price) && price > 0 ? price : undefined;
