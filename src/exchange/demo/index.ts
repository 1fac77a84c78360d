/**
 * The built-in demo scenario: a deterministic synthetic market the package can ship (real prices cannot be).
 * ~3 years of NYSE daily bars for the technology universe (SPY from 2010, for the regime detector), a small account holding four names, and a
 * clock frozen during regular hours, so a default run shows OPEN, CLOSE and ADJUST orders.
 */
import type { Bar } from '../../domain/index.js';
import { sessionsBetween } from '../calendar/index.js';
import type { MarketScenario, ScenarioPosition } from '../scenario.js';
import { mulberry32, seedFor } from '../../random/prng.js';
import { MARKET_VOL, SYMBOL_PROFILES, marketDrifts } from './profiles.js';
import { marketReturns, walkBars } from './random-walk.js';
import { indexHistoryBefore } from './index-history.js';

const SEED = 20_251_120;
/** Thursday 2025-11-20, 10:15 in New York: a regular session is under way. */
const CLOCK = '2025-11-20T10:15:00-05:00';
const CLOCK_DATE = '2025-11-20';
/** Three years of sessions: a 252-day lookback plus a 200-day trend filter fit with room to spare. */
const TRADING_DAYS = 756;
const TARGET_EQUITY = 100_000;
/** The regime detector trains on ~12 years of its index: the index alone reaches back this far. */
const INDEX = 'SPY';
const INDEX_HISTORY_FROM = '2010-01-04';

/**
 * The holdings, each with a part to play in a TREND_NEUTRAL top-10 plan (7% of equity, about $7,000, per pick):
 * NVDA and AVGO are top picks (ADJUST: one under, one over target); NOW is a deep-momentum loser and INTC trades
 * under $5 (both CLOSE); the other picks are unheld (OPEN).
 */
const HOLDINGS: readonly { readonly symbol: string; readonly qty: number }[] = [
  { symbol: 'NVDA', qty: 20 },
  { symbol: 'AVGO', qty: 28 },
  { symbol: 'NOW', qty: 6 },
  { symbol: 'INTC', qty: 900 },
];
/** Positions were bought about six months before the clock. */
const ENTRY_DAYS_AGO = 126;

const round2 = (value: number): number => Math.round(value * 100) / 100;

function demoBars(dates: readonly string[]): Map<string, readonly Bar[]> {
  const market = marketReturns(marketDrifts(dates.length), MARKET_VOL, mulberry32(seedFor('market', SEED)));
  const bars = new Map<string, readonly Bar[]>();
  for (const profile of SYMBOL_PROFILES) {
    bars.set(profile.symbol, walkBars(dates, market, profile, mulberry32(seedFor(profile.symbol, SEED))));
  }
  const index = bars.get(INDEX);
  if (index !== undefined) {
    bars.set(INDEX, [...indexHistoryBefore(index, INDEX_HISTORY_FROM, mulberry32(seedFor('index-history', SEED))), ...index]);
  }
  return bars;
}

function closeAt(bars: readonly Bar[] | undefined, daysAgo: number): number {
  const bar = bars?.[bars.length - 1 - daysAgo];
  if (bar === undefined) throw new Error(`demo scenario has no bar ${daysAgo} days back`);
  return bar.close;
}

export function createDemoScenario(): MarketScenario {
  // A generous calendar window, trimmed to the last TRADING_DAYS sessions ending on the clock's date.
  const dates = sessionsBetween('2021-01-01', CLOCK_DATE)
    .slice(-TRADING_DAYS)
    .map((s) => s.date);
  const bars = demoBars(dates);
  const positions: ScenarioPosition[] = HOLDINGS.map(({ symbol, qty }) => ({
    symbol,
    qty,
    avgEntryPrice: closeAt(bars.get(symbol), ENTRY_DAYS_AGO),
  }));
  const invested = HOLDINGS.reduce((sum, { symbol, qty }) => sum + qty * closeAt(bars.get(symbol), 0), 0);
  return {
    name: 'demo',
    clock: new Date(CLOCK),
    bars,
    account: { cash: round2(TARGET_EQUITY - invested), multiplier: 1, buyingPower: null },
    positions,
    assets: { notTradable: [], notFractionable: [], inactive: [] },
  };
}
