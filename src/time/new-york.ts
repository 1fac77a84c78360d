// The subpath import loads only the conversion (~40 ms); date-fns-tz's formatInTimeZone pulls in date-fns' whole
// format module (~220 ms at start-up), which a CLI run pays on every invocation.
import { toZonedTime } from 'date-fns-tz/toZonedTime';

export const NEW_YORK = 'America/New_York';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface WallClock {
  readonly date: string;
  readonly time: string;
  readonly ms: number;
  /** e.g. "-05:00" */
  readonly offset: string;
}

const HOUR_MS = 3_600_000;
// New York's UTC offset by UTC hour. DST switches at 2:00 local, a whole UTC hour, so the offset is constant within
// one: the time-zone database is asked once per hour seen, not on every call (a backtest asks ~10 times a day).
const offsetByHour = new Map<number, number>();

function offsetMinutesAt(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const wall = toZonedTime(instant, NEW_YORK);
  const asUtc = Date.UTC(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes(), wall.getSeconds(), wall.getMilliseconds());
  const offset = Math.round((asUtc - instant.getTime()) / 60_000);
  if (offsetByHour.size >= 100_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);
  return offset;
}

/** The New York wall clock at an instant, with the offset in force then (EST or EDT). */
function wallClock(instant: Date): WallClock {
  const offsetMinutes = offsetMinutesAt(instant);
  const wall = new Date(instant.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return {
    date: `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`,
    ms: wall.getUTCMilliseconds(),
    offset: `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
  };
}

/** The New York date of an instant, YYYY-MM-DD. */
export function newYorkDateOf(instant: Date): string {
  return wallClock(instant).date;
}

/**
 * ISO 8601 in New York time with its offset: "2025-11-20T10:15:00-05:00". Milliseconds: always ("…:01.123-05:00"),
 * never, or only when the instant has them.
 */
export function newYorkIso(instant: Date, milliseconds: 'always' | 'never' | 'when-present' = 'never'): string {
  const w = wallClock(instant);
  const showMs = milliseconds === 'always' || (milliseconds === 'when-present' && w.ms !== 0);
  return `${w.date}T${w.time}${showMs ? `.${pad(w.ms, 3)}` : ''}${w.offset}`;
}

/** A file-name-safe New York timestamp: 2025-11-20T15-45-01-123. */
export function newYorkFileStamp(instant: Date): string {
  const w = wallClock(instant);
  return `${w.date}T${w.time.replaceAll(':', '-')}-${pad(w.ms, 3)}`;
}

/**
 * The instant of a New York wall-clock time, date YYYY-MM-DD and time HH:MM. Times in the spring-forward gap do not
 * exist; trading hours never fall there.
 */
export function newYorkInstant(date: string, time: string): Date {
  const wallMs = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(wallMs)) throw new RangeError(`not a date and time: ${date} ${time}`);
  const first = wallMs - offsetMinutesAt(new Date(wallMs)) * 60_000;
  // The offset at the wall time read as UTC can differ from the offset at the instant near a switch: ask again.
  return new Date(wallMs - offsetMinutesAt(new Date(first)) * 60_000);
}
