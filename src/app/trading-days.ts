import type { Broker } from '../broker/port.js';
import type { MarketClock } from '../domain/index.js';
import { addDays } from '../time/calendar-date.js';
import { newYorkDateOfTimestamp, tradingDaysAt, type TradingDays } from '../time/trading-date.js';

export type { TradingDays } from '../time/trading-date.js';

/** The broker's sessions from before the lookback to a year ahead, and where its clock stands among them. */
export async function readTradingDays(broker: Broker, clock: MarketClock, lookbackCalendarDays: number): Promise<TradingDays> {
  const today = newYorkDateOfTimestamp(clock.timestamp);
  const calendar = await broker.getCalendar(addDays(today, -lookbackCalendarDays - 40), addDays(today, 400));
  return tradingDaysAt(calendar.map((s) => s.date), clock);
}
