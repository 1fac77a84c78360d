import type { Broker } from '../broker/port.js';
import type { MarketClock } from '../domain/index.js';
import { addDays, newYorkDate } from './read-snapshot.js';

/** The broker's sessions around today, and the dates a run reasons with. */
export interface TradingDays {
  /** Session dates from well before the lookback to a year ahead, ascending. */
  readonly sessions: readonly string[];
  readonly today: string;
  /** The latest session whose close is known: today's once it has closed, else the one before. */
  readonly lastCompleted: string | undefined;
  /** The last session before today: bars older than it are stale. */
  readonly previous: string | undefined;
  /** Bars on or after this date may still change (today's session is not over); undefined after the close. */
  readonly incompleteFrom: string | undefined;
}

export async function readTradingDays(broker: Broker, clock: MarketClock, lookbackCalendarDays: number): Promise<TradingDays> {
  const today = newYorkDate(clock.timestamp);
  const calendar = await broker.getCalendar(addDays(today, -lookbackCalendarDays - 40), addDays(today, 400));
  const sessions = calendar.map((s) => s.date);
  // Closed now and the next open is on a later date: every session up to today has closed.
  const horizon = clock.isOpen ? today : newYorkDate(clock.nextOpen);
  const lastCompleted = [...sessions].reverse().find((d) => d < horizon);
  const previous = [...sessions].reverse().find((d) => d < today);
  return { sessions, today, lastCompleted, previous, incompleteFrom: lastCompleted === today ? undefined : today };
}
