import { describe, expect, it } from 'vitest';
import { closuresOf, earlyClosesOf, easterSunday } from '../../../src/exchange/calendar/nyse-rules.js';

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
  ])('falls in %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('closuresOf', () => {
  it("lists NYSE's published 2025 holidays plus the Carter day of mourning", () => {
    expect([...closuresOf(2025)].sort()).toEqual([
      '2025-01-01',
      '2025-01-09',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ]);
  });

  it("lists NYSE's published 2027 holidays, with Saturday holidays moved to Friday and Sunday to Monday", () => {
    expect([...closuresOf(2027)].sort()).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-03-26',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-11-25',
      '2027-12-24',
    ]);
  });

  it("has no New Year's closure in a year whose January 1 is a Saturday (2022)", () => {
    const closures = [...closuresOf(2022)];
    expect(closures.filter((d) => d.startsWith('2022-01-0'))).toEqual([]);
    expect(closures).not.toContain('2021-12-31');
  });
});

describe('earlyClosesOf', () => {
  it('has July 3, the day after Thanksgiving and Christmas Eve in 2024', () => {
    expect([...earlyClosesOf(2024, closuresOf(2024))].sort()).toEqual(['2024-07-03', '2024-11-29', '2024-12-24']);
  });

  it('has only the day after Thanksgiving in 2021, when July 3 and December 24 are not weekday sessions', () => {
    expect([...earlyClosesOf(2021, closuresOf(2021))]).toEqual(['2021-11-26']);
  });

  it('has no July early close in 2026, when July 3 is the observed Independence Day', () => {
    expect([...earlyClosesOf(2026, closuresOf(2026))].sort()).toEqual(['2026-11-27', '2026-12-24']);
  });
});
