import { gateResult, type Gate } from './plan-context.js';
import { MONEY_EPSILON, pct, usd, valueAfterPlan } from './plan-math.js';

/**
 * Gate 4: all positions after the plan (ignored and unmanaged ones included) stay within maxTotalAllocation of
 * equity. Unmanaged positions count at the broker's market value (an option's price is per share, its qty in contracts).
 */
export const totalAllocationGate: Gate = (ctx) => {
  const { maxTotalAllocation } = ctx.config;
  const limit = maxTotalAllocation * ctx.account.equity;
  const managed = valueAfterPlan(ctx);
  const { unpriced } = managed;
  const value = managed.value + ctx.unmanagedPositions.reduce((sum, p) => sum + Math.abs(p.marketValue), 0);
  const summary = `positions after the plan ${usd(value)} vs ${pct(maxTotalAllocation)} of equity ${usd(ctx.account.equity)} (${usd(limit)})`;
  const messages: string[] = [];
  if (unpriced.length > 0) messages.push(`no current price for position(s) held after the plan: ${unpriced.join(', ')}`);
  if (value > limit + MONEY_EPSILON) messages.push(`over the limit by ${usd(value - limit)}: ${summary}`);
  if (messages.length > 0) return gateResult(4, 'total allocation', 'fail', messages);
  return gateResult(4, 'total allocation', 'pass', [summary]);
};
