import { describe, expect, it } from 'vitest';
import { newYorkDateOf, newYorkFileStamp, newYorkIso } from '../../src/time/new-york.js';

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
});
