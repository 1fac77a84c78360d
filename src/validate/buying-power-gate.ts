import { gateResult, type Gate } from './plan-context.js';
import { MONEY_EPSILON, priceOf, usd } from './plan-math.js';

/** Gate 2: buys at current prices fit the buying power plus what the sells free up. */
export const buyingPowerGate: Gate = (ctx) => {
  let buyCost = 0;
  let sellProceeds = 0;
  const unpriced: string[] = [];
  for (const order of ctx.orders) {
    const price = priceOf(ctx, order.symbol);
    if (price === undefined) {
      // An unpriced sell only means less money freed; an unpriced buy cannot be checked at all.
      if (order.side === 'buy') unpriced.push(order.symbol);
      continue;
    }
    if (order.side === 'buy') buyCost += order.qty * price;
    else sellProceeds += order.qty * price;
  }
  const available = ctx.account.buyingPower + sellProceeds;
  const summary = `buys ${usd(buyCost)} vs buying power ${usd(ctx.account.buyingPower)} + sell proceeds ${usd(sellProceeds)} = ${usd(available)}`;
  const messages: string[] = [];
  if (unpriced.length > 0) messages.push(`no current price for buy order(s): ${unpriced.join(', ')}`);
  if (buyCost > available + MONEY_EPSILON) messages.push(`buys exceed the money available by ${usd(buyCost - available)}: ${summary}`);
  if (messages.length > 0) return gateResult(2, 'buying power', 'fail', messages);
  // The executor keeps a reserve back from the buying power it re-reads; buys beyond it will be shrunk.
  const reserve = ctx.config.buyingPowerReserve ?? 0;
  if (reserve > 0 && buyCost > available * (1 - reserve) + MONEY_EPSILON) {
    return gateResult(2, 'buying power', 'warn', [
      summary,
      `buys use more than ${usd(available * (1 - reserve))} (${((1 - reserve) * 100).toFixed(1)}% of what is available): ` +
        `execution keeps a ${(reserve * 100).toFixed(1)}% reserve and will shrink the buys; set sizing.cashBuffer to at least ${reserve} to avoid it`,
    ]);
  }
  return gateResult(2, 'buying power', 'pass', [summary]);
};
