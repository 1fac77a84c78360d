/**
 * The trading dates a run reasons with, from the broker's sessions and clock: the one definition of "today", "the
 * latest completed trading day" and "the previous session". Pure.
 */
import type { MarketClock } from '../domain/index.js';
import { newYorkDateOf } from './new-york.js';

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

/** The New York date of a broker timestamp (ISO 8601 with offset): the trading date a run belongs to. */
export function newYorkDateOfTimestamp(timestamp: string): string {
  return newYorkDateOf(new Date(timestamp));
}

/** Where the clock stands among the sessions (ascending YYYY-MM-DD dates). */
export function tradingDaysAt(sessions: readonly string[], clock: MarketClock): TradingDays {
  const today = newYorkDateOfTimestamp(clock.timestamp);
  // Closed now and the next open is on a later date: every session up to today has closed.
  const horizon = clock.isOpen ? today : newYorkDateOfTimestamp(clock.nextOpen);
  const lastCompleted = latestBefore(sessions, horizon);
  const previous = latestBefore(sessions, today);
  return { sessions, today, lastCompleted, previous, incompleteFrom: lastCompleted === today ? undefined : today };
}

/** Calendar days that surely hold `tradingDays` NYSE sessions (252 a year, plus holidays and slack). */
export function calendarDaysFor(tradingDays: number): number {
  return Math.ceil((tradingDays * 365) / 252) + 14;
}

function latestBefore(sessions: readonly string[], date: string): string | undefined {
  for (let i = sessions.length - 1; i >= 0; i--) {
    const session = sessions[i];
    if (session !== undefined && session < date) return session;
  }
  return undefined;
}
