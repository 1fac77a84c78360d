import { describe, expect, it } from 'vitest';
import { clockAt, isTradingDay, sessionOn, sessionsBetween } from '../../../src/exchange/calendar/index.js';

describe('isTradingDay', () => {
  it.each([
    ['2025-11-22', 'Saturday'],
    ['2025-11-23', 'Sunday'],
    ['2025-01-01', "New Year's Day"],
    ['2023-01-02', "New Year's Day on a Sunday, observed Monday"],
    ['2025-01-20', 'Martin Luther King Jr. Day'],
    ['2025-02-17', "Washington's Birthday"],
    ['2025-04-18', 'Good Friday'],
    ['2024-03-29', 'Good Friday in March'],
    ['2025-05-26', 'Memorial Day'],
    ['2025-06-19', 'Juneteenth'],
    ['2022-06-20', 'Juneteenth on a Sunday, observed Monday'],
    ['2027-06-18', 'Juneteenth on a Saturday, observed Friday'],
    ['2025-07-04', 'Independence Day'],
    ['2020-07-03', 'Independence Day on a Saturday, observed Friday'],
    ['2021-07-05', 'Independence Day on a Sunday, observed Monday'],
    ['2025-09-01', 'Labor Day'],
    ['2025-11-27', 'Thanksgiving'],
    ['2025-12-25', 'Christmas'],
    ['2021-12-24', 'Christmas on a Saturday, observed Friday'],
    ['2022-12-26', 'Christmas on a Sunday, observed Monday'],
    ['1994-04-27', 'Nixon day of mourning'],
    ['2001-09-11', 'September 11'],
    ['2001-09-14', 'September 11, fourth day'],
    ['2004-06-11', 'Reagan day of mourning'],
    ['2007-01-02', 'Ford day of mourning'],
    ['2012-10-29', 'Hurricane Sandy'],
    ['2012-10-30', 'Hurricane Sandy, second day'],
    ['2018-12-05', 'G. H. W. Bush day of mourning'],
    ['2025-01-09', 'Carter day of mourning'],
  ])('is false on %s (%s)', (date) => {
    expect(isTradingDay(date)).toBe(false);
  });

  it.each([
    ['2025-11-20', 'an ordinary Thursday'],
    ['2021-12-31', "the Friday before a Saturday New Year's Day (no holiday moved back a year)"],
    ['1997-01-20', 'the third Monday of January before MLK Day became an NYSE holiday in 1998'],
    ['2021-06-18', 'June 18 2021, before Juneteenth became an NYSE holiday in 2022'],
    ['2001-09-17', 'the reopening after September 11'],
    ['2020-07-02', 'the Thursday before an observed Friday Independence Day'],
  ])('is true on %s (%s)', (date) => {
    expect(isTradingDay(date)).toBe(true);
  });

  it.each(['2025-02-30', '2025-1-5', '20251120', ''])('throws a RangeError on the malformed date "%s"', (date) => {
    expect(() => isTradingDay(date)).toThrow(RangeError);
  });
});

describe('session hours', () => {
  it.each([
    ['2024-11-29', 'the day after Thanksgiving'],
    ['2024-12-24', 'Christmas Eve'],
    ['2025-07-03', 'July 3 before a Friday Independence Day'],
    ['2019-07-03', 'July 3 before a Thursday Independence Day'],
    ['2018-12-24', 'Christmas Eve on a Monday'],
  ])('closes early at 13:00 on %s (%s)', (date) => {
    expect(sessionOn(date)).toEqual({ date, open: '09:30', close: '13:00' });
  });

  it.each([
    ['2020-07-02', 'July 2 when July 3 is itself the observed holiday'],
    ['2015-07-02', 'July 2 when July 3 is itself the observed holiday'],
    ['2021-07-02', 'the Friday before a Monday-observed Independence Day'],
    ['2025-11-20', 'an ordinary day'],
    ['2025-12-26', 'the day after Christmas'],
  ])('runs full hours to 16:00 on %s (%s)', (date) => {
    expect(sessionOn(date)).toEqual({ date, open: '09:30', close: '16:00' });
  });

  it('has no session on a holiday', () => {
    expect(sessionOn('2025-11-27')).toBeUndefined();
  });
});

describe('sessionsBetween', () => {
  it('includes both ends when they are trading days', () => {
    const dates = sessionsBetween('2025-11-17', '2025-11-21').map((s) => s.date);
    expect(dates).toEqual(['2025-11-17', '2025-11-18', '2025-11-19', '2025-11-20', '2025-11-21']);
  });

  it('skips the weekend and Thanksgiving across a holiday week', () => {
    const dates = sessionsBetween('2025-11-22', '2025-12-01').map((s) => s.date);
    expect(dates).toEqual(['2025-11-24', '2025-11-25', '2025-11-26', '2025-11-28', '2025-12-01']);
  });

  it('crosses a year boundary in order, skipping New Year', () => {
    const dates = sessionsBetween('2024-12-30', '2025-01-03').map((s) => s.date);
    expect(dates).toEqual(['2024-12-30', '2024-12-31', '2025-01-02', '2025-01-03']);
  });

  it('returns nothing for a weekend-only span', () => {
    expect(sessionsBetween('2025-11-22', '2025-11-23')).toEqual([]);
  });

  it('returns nothing when start is after end', () => {
    expect(sessionsBetween('2025-11-21', '2025-11-17')).toEqual([]);
  });

  it.each([
    [2019, 252],
    [2022, 251],
    [2023, 250],
    [2024, 252],
    [2026, 251],
  ])('counts the published number of NYSE sessions in %i (%i)', (year, count) => {
    expect(sessionsBetween(`${year}-01-01`, `${year}-12-31`)).toHaveLength(count);
  });

  it('answers a 30-year span in a few milliseconds once its years are built', () => {
    sessionsBetween('1995-01-01', '2025-12-31');
    const started = performance.now();
    for (let i = 0; i < 20; i++) sessionsBetween('1995-01-01', '2025-12-31');
    expect((performance.now() - started) / 20).toBeLessThan(10);
  });

  it('throws a RangeError on a malformed bound', () => {
    expect(() => sessionsBetween('2025-01-01', '2025-13-01')).toThrow(RangeError);
  });
});

describe('clockAt', () => {
  const at = (iso: string) => clockAt(new Date(iso));

  it('reports open during the session, with tomorrow as next open and today as next close', () => {
    expect(at('2025-11-20T10:15:00-05:00')).toEqual({
      timestamp: '2025-11-20T10:15:00-05:00',
      isOpen: true,
      nextOpen: '2025-11-21T09:30:00-05:00',
      nextClose: '2025-11-20T16:00:00-05:00',
    });
  });

  it('reports closed one millisecond before the open, with today as next open and next close', () => {
    expect(at('2025-11-20T09:29:59.999-05:00')).toEqual({
      timestamp: '2025-11-20T09:29:59.999-05:00',
      isOpen: false,
      nextOpen: '2025-11-20T09:30:00-05:00',
      nextClose: '2025-11-20T16:00:00-05:00',
    });
  });

  it('reports open exactly at 09:30', () => {
    expect(at('2025-11-20T09:30:00-05:00').isOpen).toBe(true);
  });

  it('reports closed exactly at 16:00, pointing at the next session', () => {
    expect(at('2025-11-20T16:00:00-05:00')).toMatchObject({
      isOpen: false,
      nextOpen: '2025-11-21T09:30:00-05:00',
      nextClose: '2025-11-21T16:00:00-05:00',
    });
  });

  it('points a Friday evening at Monday', () => {
    expect(at('2025-11-21T18:00:00-05:00')).toMatchObject({
      isOpen: false,
      nextOpen: '2025-11-24T09:30:00-05:00',
      nextClose: '2025-11-24T16:00:00-05:00',
    });
  });

  it('reports closed on a Saturday', () => {
    expect(at('2025-11-22T12:00:00-05:00')).toMatchObject({ isOpen: false, nextOpen: '2025-11-24T09:30:00-05:00' });
  });

  it('reports closed on Thanksgiving, pointing at the early-closing Friday', () => {
    expect(at('2025-11-27T11:00:00-05:00')).toEqual({
      timestamp: '2025-11-27T11:00:00-05:00',
      isOpen: false,
      nextOpen: '2025-11-28T09:30:00-05:00',
      nextClose: '2025-11-28T13:00:00-05:00',
    });
  });

  it('reports open before 13:00 on an early-close day and closed after it', () => {
    expect(at('2024-11-29T12:59:00-05:00')).toMatchObject({ isOpen: true, nextClose: '2024-11-29T13:00:00-05:00' });
    expect(at('2024-11-29T13:30:00-05:00')).toMatchObject({
      isOpen: false,
      nextOpen: '2024-12-02T09:30:00-05:00',
      nextClose: '2024-12-02T16:00:00-05:00',
    });
  });

  it('uses New York time, not UTC, to decide the day (an evening that is already tomorrow in UTC)', () => {
    expect(at('2025-11-21T04:30:00Z')).toEqual({
      timestamp: '2025-11-20T23:30:00-05:00',
      isOpen: false,
      nextOpen: '2025-11-21T09:30:00-05:00',
      nextClose: '2025-11-21T16:00:00-05:00',
    });
  });

  it('gives the daylight-time offset to the open after the spring DST change', () => {
    expect(at('2025-03-07T17:00:00-05:00')).toEqual({
      timestamp: '2025-03-07T17:00:00-05:00',
      isOpen: false,
      nextOpen: '2025-03-10T09:30:00-04:00',
      nextClose: '2025-03-10T16:00:00-04:00',
    });
  });

  it('opens at 13:30 UTC on the first daylight-time Monday', () => {
    expect(at('2025-03-10T13:29:59Z').isOpen).toBe(false);
    expect(at('2025-03-10T13:30:00Z')).toMatchObject({ isOpen: true, timestamp: '2025-03-10T09:30:00-04:00' });
  });

  it('gives the standard-time offset to the open after the autumn DST change', () => {
    expect(at('2025-10-31T16:30:00-04:00')).toEqual({
      timestamp: '2025-10-31T16:30:00-04:00',
      isOpen: false,
      nextOpen: '2025-11-03T09:30:00-05:00',
      nextClose: '2025-11-03T16:00:00-05:00',
    });
  });

  it('opens at 14:30 UTC on the first standard-time Monday', () => {
    expect(at('2025-11-03T14:29:59Z').isOpen).toBe(false);
    expect(at('2025-11-03T14:30:00Z').isOpen).toBe(true);
  });

  it('skips the four September 11 closure days', () => {
    expect(at('2001-09-10T17:00:00-04:00')).toMatchObject({ isOpen: false, nextOpen: '2001-09-17T09:30:00-04:00' });
  });

  it('throws a RangeError on an invalid Date', () => {
    expect(() => clockAt(new Date('not a date'))).toThrow(RangeError);
  });
});
