import type { ExchangeContext } from './context.js';
import type { OtherPosition } from './scenario.js';
import { newYorkDateOf as newYorkDate } from '../time/new-york.js';
import { quoteAsOf } from './market.js';
import { buyingPowerLeft, heldForOrders, openBuyCost } from './orders/exposure.js';

export interface PositionValuation {
  readonly symbol: string;
  readonly assetClass: 'us_equity' | 'us_option' | 'crypto';
  readonly qty: number;
  /** Shares locked by open sell orders (Alpaca's held_for_orders). */
  readonly heldForOrders: number;
  readonly avgEntryPrice: number;
  readonly price: number;
  readonly lastdayPrice: number;
  readonly marketValue: number;
  readonly costBasis: number;
  readonly lastdayValue: number;
}

export interface AccountValuation {
  readonly cash: number;
  readonly longMarketValue: number;
  readonly equity: number;
  readonly lastEquity: number;
  readonly buyingPower: number;
  readonly nonMarginableBuyingPower: number;
  readonly multiplier: 1 | 2 | 4;
}

/** Open stock positions valued at the close of the clock's date, sorted by symbol; then the scenario's other holdings. */
export function valuePositions(ctx: ExchangeContext): readonly PositionValuation[] {
  const date = newYorkDate(ctx.state.now);
  const stocks = [...ctx.state.positions]
    .filter(([, held]) => held.qty !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, held]) => {
      // Without a bar yet the entry price is the best mark there is (the loader rejects such scenarios).
      const quote = quoteAsOf(ctx.scenario.bars.get(symbol), date) ?? {
        price: held.avgEntryPrice,
        lastdayPrice: held.avgEntryPrice,
      };
      return {
        symbol,
        assetClass: 'us_equity' as const,
        qty: held.qty,
        heldForOrders: heldForOrders(ctx.state, ctx.scenario, symbol, ctx.state.now),
        avgEntryPrice: held.avgEntryPrice,
        price: quote.price,
        lastdayPrice: quote.lastdayPrice,
        marketValue: held.qty * quote.price,
        costBasis: held.qty * held.avgEntryPrice,
        lastdayValue: held.qty * quote.lastdayPrice,
      };
    });
  return [...stocks, ...(ctx.scenario.otherPositions ?? []).map(valueOtherPosition)];
}

/** An option contract stands for 100 shares: its prices are per share, its value per contract. */
const OPTION_MULTIPLIER = 100;

function valueOtherPosition(p: OtherPosition): PositionValuation {
  const size = p.qty * (p.assetClass === 'us_option' ? OPTION_MULTIPLIER : 1);
  return {
    symbol: p.symbol,
    assetClass: p.assetClass,
    qty: p.qty,
    heldForOrders: 0,
    avgEntryPrice: p.avgEntryPrice,
    price: p.currentPrice,
    lastdayPrice: p.currentPrice,
    marketValue: size * p.currentPrice,
    costBasis: size * p.avgEntryPrice,
    lastdayValue: size * p.currentPrice,
  };
}

export function valueAccount(ctx: ExchangeContext, positions: readonly PositionValuation[]): AccountValuation {
  const { cash } = ctx.state;
  const { multiplier } = ctx.scenario.account;
  const longMarketValue = positions.reduce((sum, p) => sum + p.marketValue, 0);
  const lastdayValue = positions.reduce((sum, p) => sum + p.lastdayValue, 0);
  return {
    cash,
    longMarketValue,
    equity: cash + longMarketValue,
    lastEquity: cash + lastdayValue,
    // Open buys hold buying power until they fill or are canceled.
    buyingPower: buyingPowerLeft(ctx.state, ctx.scenario, ctx.state.now),
    nonMarginableBuyingPower: Math.max(cash - openBuyCost(ctx.state, ctx.scenario, ctx.state.now), 0),
    multiplier,
  };
}
