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

/** The New York wall clock at an instant, with the offset in force then (EST or EDT). */
function wallClock(instant: Date): WallClock {
  const wall = toZonedTime(instant, NEW_YORK);
  const asUtc = Date.UTC(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes(), wall.getSeconds(), wall.getMilliseconds());
  const offsetMinutes = Math.round((asUtc - instant.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return {
    date: `${wall.getFullYear()}-${pad(wall.getMonth() + 1)}-${pad(wall.getDate())}`,
    time: `${pad(wall.getHours())}:${pad(wall.getMinutes())}:${pad(wall.getSeconds())}`,
    ms: wall.getMilliseconds(),
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
