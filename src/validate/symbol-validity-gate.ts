import { gateResult, type Gate } from './plan-context.js';
import { priceOf, usd } from './plan-math.js';

/** Gate 6: every ordered symbol is a known, active, tradable asset; buys also meet the minimum price. */
export const symbolValidityGate: Gate = (ctx) => {
  const messages: string[] = [];
  for (const order of ctx.orders) {
    const { symbol } = order;
    const asset = ctx.assets.get(symbol);
    if (asset === undefined) messages.push(`${symbol}: unknown asset`);
    else if (asset.status !== 'active') messages.push(`${symbol}: asset is ${asset.status}`);
    else if (!asset.tradable) messages.push(`${symbol}: asset is not tradable`);
    if (order.side !== 'buy') continue;
    const price = priceOf(ctx, symbol);
    if (price === undefined) messages.push(`${symbol}: no current price to check against the minimum ${usd(ctx.config.minPrice)}`);
    else if (price < ctx.config.minPrice) {
      messages.push(`${symbol}: price ${usd(price)} is below the minimum ${usd(ctx.config.minPrice)} for a buy`);
    }
  }
  if (messages.length > 0) return gateResult(6, 'symbol validity', 'fail', messages);
  return gateResult(6, 'symbol validity', 'pass', [`${new Set(ctx.orders.map((o) => o.symbol)).size} symbol(s) active and tradable`]);
};
