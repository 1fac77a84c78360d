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
  return gateResult(2, 'buying power', 'pass', [summary]);
};
