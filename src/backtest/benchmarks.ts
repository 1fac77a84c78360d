/**
 * The yardsticks a backtest is read against, on the same days, data and costs: SPY bought on the first day and
 * held (total return when its adjusted closes are known), and an equal-weight portfolio of the whole universe
 * rebalanced on the strategy's schedule. Both keep their books in the same Ledger, checked the same way.
 */
import type { Bar } from '../domain/index.js';
import { floorQty } from '../domain/index.js';
import { endIndexOnOrBefore, firstIndexOnOrAfter } from '../exchange/market.js';
import { isRebalanceDay, type ScheduleKind } from '../schedule/rebalance-schedule.js';
import { sessionsBetween } from '../exchange/calendar/index.js';
import { addDays } from '../time/calendar-date.js';
import { dividendPerShare, type AdjustedCloses } from './dividends.js';
import { Ledger } from './ledger.js';
import { ForwardBars } from './sim-market.js';
import { commissionOf, slippedPrice, type FillRules } from './sim-broker.js';
import type { TradingMetrics } from './types.js';

export interface BenchmarkCurve {
  /** Equity after each session's close, aligned with the sessions. */
  readonly values: readonly number[];
  readonly trading: TradingMetrics;
}

interface History {
  readonly bars: ReadonlyMap<string, readonly Bar[]>;
  readonly adjClose: ReadonlyMap<string, AdjustedCloses>;
}

const closeOnOrBefore = (bars: readonly Bar[] | undefined, date: string): number | undefined =>
  bars === undefined ? undefined : bars[endIndexOnOrBefore(bars, date) - 1]?.close;
const closeBefore = (bars: readonly Bar[] | undefined, date: string): number | undefined =>
  bars === undefined ? undefined : bars[firstIndexOnOrAfter(bars, date) - 1]?.close;

/**
 * SPY buy-and-hold: all capital into the index at the first session's fill price (slippage and commission paid),
 * dividends credited as cash when adjusted closes exist. Null when the data has no index bars over the span.
 */
export function spyCurve(sessions: readonly string[], history: History, symbol: string, capital: number, rules: FillRules): BenchmarkCurve | null {
  const bars = history.bars.get(symbol);
  const first = sessions[0];
  if (bars === undefined || first === undefined || closeOnOrBefore(bars, first) === undefined) return null;
  const adjusted = history.adjClose.get(symbol);
  if (adjusted !== undefined) return reinvested(sessions, bars, adjusted, capital, rules);
  return simulate(sessions, history, capital, rules, (date, i) => (i === 0 ? new Map([[symbol, 1]]) : null), [symbol]);
}

/**
 * Total return: the entry paid like any buy, then the value follows the adjusted close, dividends reinvested as the
 * index's total return does (days without an adjusted close keep the last one).
 */
function reinvested(sessions: readonly string[], bars: readonly Bar[], adjusted: AdjustedCloses, capital: number, rules: FillRules): BenchmarkCurve | null {
  const first = sessions[0] as string;
  const entryBar = bars[firstIndexOnOrAfter(bars, first)];
  const firstAdjusted = adjusted.get(first);
  if (entryBar?.date !== first || firstAdjusted === undefined) return null;
  const market = rules.fillPrice === 'open' ? entryBar.open : entryBar.close;
  const fill = slippedPrice(market, 'buy', rules.slippageBps);
  const commission = commissionOf(capital / fill, rules);
  const shares = (capital - commission) / fill;
  const costs = shares * (fill - market) + commission;
  let latest = firstAdjusted;
  const values = sessions.map((date) => {
    latest = adjusted.get(date) ?? latest;
    return shares * entryBar.close * (latest / firstAdjusted);
  });
  const years = Math.max(values.length - 1, 1) / 252;
  const avgEquity = values.reduce((s, v) => s + v, 0) / values.length;
  return { values, trading: { turnoverPerYear: (shares * market) / 2 / avgEquity / years, orders: 1, costs, dividends: 0, avgExposure: 1 } };
}

/** Equal weight over every universe symbol with a price, re-weighted on the first session and each rebalance day. */
export function equalWeightCurve(
  sessions: readonly string[],
  history: History,
  symbols: readonly string[],
  schedule: ScheduleKind,
  capital: number,
  rules: FillRules,
): BenchmarkCurve {
  const first = sessions[0] ?? '';
  const calendar = sessionsBetween(addDays(first, -40), addDays(sessions[sessions.length - 1] ?? first, 400)).map((s) => s.date);
  return simulate(
    sessions,
    history,
    capital,
    rules,
    (date, i) => {
      if (i > 0 && !isRebalanceDay(schedule, date, calendar)) return null;
      // Names the strategy could trade that day: a close before it (the run's data) and a bar to fill against.
      const priced = symbols.filter((s) => closeBefore(history.bars.get(s), date) !== undefined && closeOnOrBefore(history.bars.get(s), date) !== undefined);
      return new Map(priced.map((s) => [s, 1 / priced.length]));
    },
    symbols,
  );
}

/**
 * Trades to target weights (sells first, then buys within the cash there) at each session's close on the days
 * `weightsOn` names, fractional shares, the backtest's slippage and commission; marks and checks the book daily.
 */
function simulate(
  sessions: readonly string[],
  history: History,
  capital: number,
  rules: FillRules,
  weightsOn: (date: string, index: number) => ReadonlyMap<string, number> | null,
  symbols: readonly string[],
): BenchmarkCurve {
  const ledger = new Ledger(capital);
  const forward = new ForwardBars(history.bars);
  const values: number[] = [];
  let exposure = 0;
  sessions.forEach((date, i) => {
    forward.enter(date);
    const price = (s: string): number | undefined => {
      const bar = forward.today(s);
      if (bar !== undefined) return rules.fillPrice === 'open' ? bar.open : bar.close;
      return forward.closeBefore(s);
    };
    for (const symbol of ledger.positions().keys()) ledger.creditDividend(symbol, dividendPerShare(history, symbol, date));
    const weights = weightsOn(date, i);
    if (weights !== null) {
      const equity = ledger.cash + ledger.invested((s) => forward.closeBefore(s) ?? price(s), date);
      const target = (s: string): number => {
        const p = forward.closeBefore(s) ?? price(s);
        return p === undefined ? 0 : floorQty(((weights.get(s) ?? 0) * equity) / p);
      };
      for (const [symbol, held] of [...ledger.positions()]) {
        const sell = held.qty - target(symbol);
        const p = price(symbol);
        if (sell > 1e-9 && p !== undefined) ledger.book({ symbol, side: 'sell', qty: floorQty(Math.min(sell, held.qty)), marketPrice: p, fillPrice: slippedPrice(p, 'sell', rules.slippageBps), commission: commissionOf(sell, rules) });
      }
      const buys = symbols
        .map((s) => ({ symbol: s, qty: target(s) - ledger.qtyOf(s), p: price(s) }))
        .filter((b): b is { symbol: string; qty: number; p: number } => b.qty > 1e-9 && b.p !== undefined);
      const cost = buys.reduce((sum, b) => sum + b.qty * slippedPrice(b.p, 'buy', rules.slippageBps) + commissionOf(b.qty, rules), 0);
      // Bought at today's prices, sized at yesterday's: scale down when the cash does not stretch.
      const scale = cost > ledger.cash ? (ledger.cash / cost) * 0.9999 : 1;
      for (const b of buys) {
        const qty = floorQty(b.qty * scale);
        if (qty > 0) ledger.book({ symbol: b.symbol, side: 'buy', qty, marketPrice: b.p, fillPrice: slippedPrice(b.p, 'buy', rules.slippageBps), commission: commissionOf(qty, rules) });
      }
    }
    const marked = ledger.closeDay(date, (s) => forward.closeOnOrBefore(s));
    values.push(marked.equity);
    exposure += marked.equity > 0 ? marked.invested / marked.equity : 0;
  });
  const totals = ledger.running;
  const avgEquity = values.reduce((s, v) => s + v, 0) / Math.max(values.length, 1);
  const years = Math.max(values.length - 1, 1) / 252;
  return {
    values,
    trading: {
      turnoverPerYear: totals.traded / 2 / avgEquity / years,
      orders: totals.fills,
      costs: totals.costs,
      dividends: totals.dividends,
      avgExposure: exposure / Math.max(values.length, 1),
    },
  };
}
