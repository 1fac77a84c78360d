import { describe, expect, it } from 'vitest';
import { calendarQuery } from '../../../src/broker/alpaca/calendar-range.js';

describe('calendarQuery', () => {
  it('asks for one day more on each side, as midnight UTC', () => {
    const { start, end } = calendarQuery('2025-01-01', '2025-01-31');
    expect(start.toISOString()).toBe('2024-12-31T00:00:00.000Z');
    expect(end.toISOString()).toBe('2025-02-01T00:00:00.000Z');
  });

  it.each(['2025-1-2', '2025-02-30', '20250102', '', '2025-01-02T00:00:00Z'])('refuses %j as a date', (date) => {
    expect(() => calendarQuery(date, '2025-03-01')).toThrow(RangeError);
  });
});
