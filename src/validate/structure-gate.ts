import type { OrderIntent } from '../domain/index.js';
import { gateResult, type Gate, type PlanContext } from './plan-context.js';
import { heldQty } from './plan-math.js';

/** Alpaca-style equity symbols: upper-case letters and digits, classes after a dot (BRK.B). */
const SYMBOL_PATTERN = /^[A-Z0-9]+(?:\.[A-Z0-9]+)*$/;
/** Alpaca accepts at most 9 decimals in a quantity. */
const MAX_QTY_DECIMALS = 9;
/** Float slack when comparing summed sell quantities to the position. */
const QTY_EPSILON = 1e-9;

/** Gate 1: every order is well formed, never shorts, and does not collide with a working order. */
export const structureGate: Gate = (ctx) => {
  const messages = [...ctx.orders.flatMap((order) => orderProblems(order, ctx)), ...sellProblems(ctx), ...duplicateProblems(ctx)];
  if (messages.length > 0) return gateResult(1, 'structure', 'fail', messages);
  return gateResult(1, 'structure', 'pass', [`${ctx.orders.length} order(s) well formed`]);
};

function orderProblems(order: OrderIntent, ctx: PlanContext): string[] {
  const problems: string[] = [];
  const label = `${String(order.side)} ${String(order.qty)} ${order.symbol}`;
  if (!SYMBOL_PATTERN.test(order.symbol)) problems.push(`${label}: "${order.symbol}" is not a valid symbol`);
  if (order.side !== 'buy' && order.side !== 'sell') problems.push(`${label}: side must be buy or sell`);
  else if (order.phase !== (order.side === 'sell' ? 1 : 2)) {
    problems.push(`${label}: a ${order.side} belongs in phase ${order.side === 'sell' ? 1 : 2}, not ${String(order.phase)}`);
  }
  problems.push(...qtyProblems(order, ctx).map((problem) => `${label}: ${problem}`));
  if (order.type !== 'market') problems.push(`${label}: type must be market, not ${String(order.type)}`);
  if (order.timeInForce !== 'day') problems.push(`${label}: time in force must be day, not ${String(order.timeInForce)}`);
  const working = ctx.openOrders.filter((open) => open.symbol === order.symbol);
  if (working.length > 0) {
    const ids = working.map((open) => `${open.side} ${open.qty} (${open.status}, id ${open.id})`).join(', ');
    problems.push(`${label}: the broker already has an open order for ${order.symbol}: ${ids}`);
  }
  return problems;
}

function qtyProblems(order: OrderIntent, ctx: PlanContext): string[] {
  const { qty } = order;
  if (!Number.isFinite(qty) || qty <= 0) return ['quantity must be a positive finite number'];
  const fractionalAllowed = ctx.sizingMode === 'fractional' && ctx.assets.get(order.symbol)?.fractionable === true;
  if (!Number.isInteger(qty) && !fractionalAllowed) {
    const why = ctx.sizingMode === 'fractional' ? `${order.symbol} is not fractionable` : `sizing mode is ${ctx.sizingMode}`;
    return [`quantity must be whole shares (${why})`];
  }
  if (Number(qty.toFixed(MAX_QTY_DECIMALS)) !== qty) return [`quantity has more than ${MAX_QTY_DECIMALS} decimals`];
  return [];
}

function sellProblems(ctx: PlanContext): string[] {
  const sells = new Map<string, number>();
  for (const order of ctx.orders) {
    if (order.side === 'sell') sells.set(order.symbol, (sells.get(order.symbol) ?? 0) + order.qty);
  }
  const problems: string[] = [];
  for (const [symbol, sold] of sells) {
    const held = heldQty(ctx, symbol);
    if (sold > held + QTY_EPSILON) {
      problems.push(`sell ${sold} ${symbol} exceeds the ${held} share(s) held (no short selling)`);
    }
  }
  return problems;
}

function duplicateProblems(ctx: PlanContext): string[] {
  const counts = new Map<string, number>();
  for (const order of ctx.orders) counts.set(order.symbol, (counts.get(order.symbol) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([symbol, count]) => `${count} orders for ${symbol}: a plan holds at most one order per symbol`);
}
