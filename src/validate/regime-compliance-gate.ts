import { gateResult, type Gate } from './plan-context.js';
import { pct, usd, valueAfterPlan } from './plan-math.js';

/** One cent of slack: targets are sized from the same equity, so rounding may land a hair above. */
const ALLOCATION_SLACK = 0.01;

/** Gate 7: managed positions after the plan respect the regime's allocation; CRASH allows no buys. */
export const regimeComplianceGate: Gate = (ctx) => {
  const limit = ctx.allocation * ctx.account.equity;
  const { value, unpriced } = valueAfterPlan(ctx, new Set(ctx.ignoreSymbols));
  const summary = `managed positions after the plan ${usd(value)} vs ${ctx.regime} allocation ${pct(ctx.allocation)} of equity (${usd(limit)})`;
  const messages: string[] = [];
  if (unpriced.length > 0) messages.push(`no current price for managed position(s) after the plan: ${unpriced.join(', ')}`);
  if (value > limit + ALLOCATION_SLACK) messages.push(`over the regime allocation by ${usd(value - limit)}: ${summary}`);
  if (ctx.regime === 'CRASH') {
    const buys = ctx.orders.filter((o) => o.side === 'buy').map((o) => `${o.qty} ${o.symbol}`);
    if (buys.length > 0) messages.push(`regime is CRASH but the plan buys ${buys.join(', ')}`);
  }
  if (messages.length > 0) return gateResult(7, 'regime compliance', 'fail', messages);
  return gateResult(7, 'regime compliance', 'pass', [summary]);
};
