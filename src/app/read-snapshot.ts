import type { Logger } from 'pino';
import { addDays } from '../time/calendar-date.js';
import { calendarDaysFor, newYorkDateOfTimestamp } from '../time/trading-date.js';
import type { Config } from '../config/schema.js';
import type { Broker } from '../broker/port.js';
import type { MarketData } from '../market-data/port.js';
import { isManagedPosition, type MarketClock } from '../domain/index.js';
import type { MarketSnapshot } from './plan-rebalance.js';
import { checkBarQuality, DEFAULT_QUALITY_LIMITS } from '../market-data/quality/index.js';
import type { TradingDays } from './trading-days.js';

/**
 * Reads the account and the market: the only broker calls a plan needs. Bars pass the data-quality gate first;
 * a symbol that fails it is left out of the scan with its reason, and never traded on.
 */
export async function readSnapshot(
  source: { readonly broker: Broker; readonly marketData: MarketData },
  clock: MarketClock,
  days: TradingDays,
  universe: readonly string[],
  config: Config,
  logger: Logger,
): Promise<MarketSnapshot> {
  const log = logger.child({ stage: 'market-data' });
  const [account, positions, openOrders] = await Promise.all([
    source.broker.getAccount(),
    source.broker.getPositions(),
    source.broker.getOpenOrders(),
  ]);
  // Only stocks are looked up: an option or crypto position is never ordered, so its asset does not matter.
  const symbols = [...new Set([...universe, ...positions.filter(isManagedPosition).map((p) => p.symbol)])];
  const end = newYorkDateOfTimestamp(clock.timestamp);
  const tradingDays = Math.max(config.scanner.lookbackDays, config.scanner.minHistoryDays);
  const start = addDays(end, -calendarDaysFor(tradingDays));
  const [assets, bars] = await Promise.all([
    source.broker.getAssets(symbols),
    source.marketData.getDailyBars({ symbols: universe, start, end, adjustment: config.data.adjustment, feed: config.data.feed, brokerTime: clock.timestamp }),
  ]);
  log.info({ symbols: universe.length, barsSymbols: bars.bars.size, requests: bars.requests, start, end }, 'bars fetched');
  const quality = checkBarQuality(bars.bars, {
    ...DEFAULT_QUALITY_LIMITS,
    tradingDays: days.sessions.filter((d) => d >= start && d <= (days.previous ?? end)),
    previousTradingDay: days.previous ?? end,
    lookbackDays: config.scanner.lookbackDays,
  });
  for (const e of quality.excluded) log.warn({ symbol: e.symbol, reason: e.reason }, 'bars rejected by the data-quality gate');
  return { clock, account, positions, openOrders, assets, bars: quality.clean, rejectedData: quality.excluded };
}
