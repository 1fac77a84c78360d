import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate } from '../../src/time/calendar-date.js';

describe('isIsoDate', () => {
  it.each(['2025-02-28', '2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });
  it.each(['2025-02-30', '2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', ''])(
    'rejects %j',
    (d) => {
      expect(isIsoDate(d)).toBe(false);
    },
  );
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-09', 1, '2025-03-10'],
  ])('%s + %i = %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
  });
  it('throws on an impossible date rather than rolling it into the next month', () => {
    expect(() => addDays('2025-02-30', 0)).toThrow(RangeError);
  });
});
