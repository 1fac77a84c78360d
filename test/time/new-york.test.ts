import { describe, expect, it } from 'vitest';
import { fromZonedTime } from 'date-fns-tz/fromZonedTime';
import { toZonedTime } from 'date-fns-tz/toZonedTime';
import { NEW_YORK, newYorkDateOf, newYorkFileStamp, newYorkInstant, newYorkIso } from '../../src/time/new-york.js';

describe('New York time', () => {
  it.each([
    ['2025-11-20T15:15:00.000Z', '2025-11-20T10:15:00-05:00', '2025-11-20'], // EST
    ['2025-07-03T17:00:00.000Z', '2025-07-03T13:00:00-04:00', '2025-07-03'], // EDT
    ['2025-11-21T03:30:00.000Z', '2025-11-20T22:30:00-05:00', '2025-11-20'], // UTC is already tomorrow
    ['2025-03-09T07:30:00.000Z', '2025-03-09T03:30:00-04:00', '2025-03-09'], // just after the spring change
    ['2025-11-02T05:30:00.000Z', '2025-11-02T01:30:00-04:00', '2025-11-02'], // the first 1:30 of the autumn change
    ['2025-11-02T06:30:00.000Z', '2025-11-02T01:30:00-05:00', '2025-11-02'], // the second
  ])('%s is %s', (utc, iso, date) => {
    expect(newYorkIso(new Date(utc))).toBe(iso);
    expect(newYorkDateOf(new Date(utc))).toBe(date);
  });

  it('shows milliseconds as asked, and makes file-name stamps', () => {
    const at = new Date('2025-11-20T20:45:01.123Z');
    expect(newYorkIso(at, 'always')).toBe('2025-11-20T15:45:01.123-05:00');
    expect(newYorkIso(at, 'when-present')).toBe('2025-11-20T15:45:01.123-05:00');
    expect(newYorkIso(new Date('2025-11-20T20:45:01Z'), 'when-present')).toBe('2025-11-20T15:45:01-05:00');
    expect(newYorkFileStamp(at)).toBe('2025-11-20T15-45-01-123');
  });

  it('agrees with the time-zone database every 37 minutes over 1999-2026 (the offset is cached per UTC hour)', () => {
    const start = Date.parse('1999-01-01T00:00:00Z');
    const end = Date.parse('2026-12-31T00:00:00Z');
    for (let t = start; t < end; t += 37 * 60_000) {
      const wall = toZonedTime(new Date(t), NEW_YORK);
      const expected = `${wall.getFullYear()}-${String(wall.getMonth() + 1).padStart(2, '0')}-${String(wall.getDate()).padStart(2, '0')}`;
      if (newYorkDateOf(new Date(t)) !== expected) throw new Error(`${new Date(t).toISOString()}: ${newYorkDateOf(new Date(t))} vs ${expected}`);
    }
  });

  it.each(['09:30', '13:00', '15:45', '16:00', '00:00', '23:59'])('newYorkInstant(date, %s) is the database\'s instant on every day of 2000-2026', (time) => {
    for (let day = Date.parse('2000-01-01T00:00:00Z'); day < Date.parse('2026-12-31T00:00:00Z'); day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      const expected = fromZonedTime(`${date}T${time}:00`, NEW_YORK).getTime();
      if (newYorkInstant(date, time).getTime() !== expected) throw new Error(`${date} ${time}`);
    }
  });
});
