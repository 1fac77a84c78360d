import { gateResult, type Gate } from './plan-context.js';
import { MONEY_EPSILON, pct, usd } from './plan-math.js';

/** Gate 3: no single target is worth more than maxPositionPct of equity. */
export const positionSizeGate: Gate = (ctx) => {
  const { maxPositionPct, positionSizeFails } = ctx.config;
  const limit = maxPositionPct * ctx.account.equity;
  const messages = ctx.targets
    .filter((target) => target.value > limit + MONEY_EPSILON)
    .map(
      (target) =>
        `${target.symbol} target ${usd(target.value)} exceeds ${pct(maxPositionPct)} of equity ${usd(ctx.account.equity)} (${usd(limit)})`,
    );
  if (messages.length > 0) return gateResult(3, 'position size', positionSizeFails ? 'fail' : 'warn', messages);
  return gateResult(3, 'position size', 'pass', [`every target within ${pct(maxPositionPct)} of equity (${usd(limit)})`]);
};
