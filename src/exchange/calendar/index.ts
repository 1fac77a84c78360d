/**
 * The NYSE regular-hours calendar and an Alpaca-style market clock (GET /v2/clock semantics).
 * Pure: the instant is always passed in.
 */
import { newYorkDateOf, newYorkInstant, newYorkIso } from '../../time/new-york.js';
import { addDays, dateOfDayNumber, dayNumberOf, weekdayOfDayNumber, yearOf } from '../../time/calendar-date.js';
import { EARLY_CLOSE, REGULAR_CLOSE, REGULAR_OPEN, closuresOf, earlyClosesOf } from './nyse-rules.js';

/** One regular session: date YYYY-MM-DD, open and close "HH:MM" in New York time. */
export interface TradingSession {
  readonly date: string;
  readonly open: string;
  readonly close: string;
}

export interface ClockReading {
  readonly timestamp: string;
  readonly isOpen: boolean;
  readonly nextOpen: string;
  readonly nextClose: string;
}

interface YearSessions {
  readonly sessions: readonly TradingSession[];
  readonly byDate: ReadonlyMap<string, TradingSession>;
}

// Built once per year on first use: a 30-year span then costs a few array copies, not 11,000 rule evaluations.
const yearCache = new Map<number, YearSessions>();

function sessionsOfYear(year: number): YearSessions {
  const cached = yearCache.get(year);
  if (cached !== undefined) return cached;
  const closures = closuresOf(year);
  const earlyCloses = earlyClosesOf(year, closures);
  const first = Date.UTC(year, 0, 1) / 86_400_000;
  const last = Date.UTC(year, 11, 31) / 86_400_000;
  const sessions: TradingSession[] = [];
  for (let day = first; day <= last; day++) {
    const weekday = weekdayOfDayNumber(day);
    if (weekday === 0 || weekday === 6) continue;
    const date = dateOfDayNumber(day);
    if (closures.has(date)) continue;
    const close = earlyCloses.has(date) ? EARLY_CLOSE : REGULAR_CLOSE;
    sessions.push(Object.freeze({ date, open: REGULAR_OPEN, close }));
  }
  const built: YearSessions = { sessions, byDate: new Map(sessions.map((s) => [s.date, s])) };
  yearCache.set(year, built);
  return built;
}

/** The session on a date, or undefined when the exchange is closed that day. Throws on a malformed date. */
export function sessionOn(date: string): TradingSession | undefined {
  dayNumberOf(date);
  return sessionsOfYear(yearOf(date)).byDate.get(date);
}

export function isTradingDay(date: string): boolean {
  return sessionOn(date) !== undefined;
}

/** NYSE sessions from startDate to endDate, both inclusive, ascending. Empty when start > end. */
export function sessionsBetween(startDate: string, endDate: string): readonly TradingSession[] {
  dayNumberOf(startDate);
  dayNumberOf(endDate);
  if (startDate > endDate) return [];
  const result: TradingSession[] = [];
  for (let year = yearOf(startDate); year <= yearOf(endDate); year++) {
    for (const session of sessionsOfYear(year).sessions) {
      if (session.date >= startDate && session.date <= endDate) result.push(session);
    }
  }
  return result;
}

function nextSessionAfter(date: string): TradingSession {
  // The longest run of closed days in the rules is 6 (2001-09-11 to 09-16); 10 is a safe bound.
  for (let ahead = 1; ahead <= 10; ahead++) {
    const session = sessionOn(addDays(date, ahead));
    if (session !== undefined) return session;
  }
  throw new Error(`no NYSE session within 10 days after ${date}`);
}

function instantOf(date: string, time: string): Date {
  return newYorkInstant(date, time);
}

/** ISO 8601 with the New York offset, e.g. "2025-11-20T10:15:00-05:00"; milliseconds only when present. */
function formatNewYork(instant: Date): string {
  return newYorkIso(instant, 'when-present');
}

/**
 * The market clock at an instant, as Alpaca's GET /v2/clock reports it: open during 09:30 <= t < close of a session;
 * nextOpen is the first open strictly after t; nextClose is the close of the current session if t is before it,
 * otherwise the close of the next session.
 */
export function clockAt(instant: Date): ClockReading {
  if (Number.isNaN(instant.getTime())) throw new RangeError('clockAt needs a valid Date');
  const today = newYorkDateOf(instant);
  const session = sessionOn(today);
  const next = nextSessionAfter(today);
  const nextOpenOf = (s: TradingSession): string => formatNewYork(instantOf(s.date, s.open));
  const nextCloseOf = (s: TradingSession): string => formatNewYork(instantOf(s.date, s.close));
  const timestamp = formatNewYork(instant);

  if (session !== undefined) {
    const t = instant.getTime();
    const open = instantOf(session.date, session.open).getTime();
    const close = instantOf(session.date, session.close).getTime();
    if (t < open) return { timestamp, isOpen: false, nextOpen: nextOpenOf(session), nextClose: nextCloseOf(session) };
    if (t < close) return { timestamp, isOpen: true, nextOpen: nextOpenOf(next), nextClose: nextCloseOf(session) };
  }
  return { timestamp, isOpen: false, nextOpen: nextOpenOf(next), nextClose: nextCloseOf(next) };
}
