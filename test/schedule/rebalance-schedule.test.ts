import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRebalanceDay, nextRebalanceDay, type ScheduleKind } from '../../src/schedule/rebalance-schedule.js';
import { sharedData } from '../support/run-cli.js';

/** Real NYSE sessions 2021-04-12 .. 2026-04-10: the dates SPY traded, so every real holiday is absent. */
const SESSIONS: readonly string[] = readFileSync(sharedData('recent-2021-2026', 'daily', 'SPY.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.slice(0, 10));

describe('the real session list', () => {
  it('lacks the holidays these tests rely on and holds the sessions around them', () => {
    for (const holiday of ['2025-09-01', '2026-01-01', '2026-01-19', '2026-02-16']) expect(SESSIONS).not.toContain(holiday);
    for (const session of ['2025-08-01', '2025-09-02', '2026-01-02', '2026-01-20', '2026-02-02']) expect(SESSIONS).toContain(session);
  });
});

describe('isRebalanceDay on the real NYSE calendar', () => {
  it.each<{ kind: ScheduleKind; date: string; expected: boolean; why: string }>([
    { kind: 'semiannual', date: '2026-02-02', expected: true, why: '1 Feb 2026 is a Sunday, so Monday 2 Feb opens the half-year' },
    { kind: 'semiannual', date: '2026-01-30', expected: false, why: 'the last session before 1 Feb' },
    { kind: 'semiannual', date: '2026-02-03', expected: false, why: 'the second session on or after 1 Feb' },
    { kind: 'semiannual', date: '2025-08-01', expected: true, why: '1 Aug 2025 is a Friday session' },
    { kind: 'semiannual', date: '2025-08-04', expected: false, why: 'the Monday after 1 Aug' },
    { kind: 'semiannual', date: '2025-02-03', expected: true, why: '1 Feb 2025 is a Saturday' },
    { kind: 'semiannual', date: '2026-01-02', expected: false, why: 'January belongs to the half-year opened in August' },
    { kind: 'monthly', date: '2026-01-02', expected: true, why: '1 Jan 2026 is New Year, a Thursday holiday' },
    { kind: 'monthly', date: '2025-09-02', expected: true, why: '1 Sep 2025 is Labor Day' },
    { kind: 'monthly', date: '2025-09-03', expected: false, why: 'the second session of September' },
    { kind: 'monthly', date: '2025-11-03', expected: true, why: '1 Nov 2025 is a Saturday' },
    { kind: 'monthly', date: '2025-12-01', expected: true, why: 'a Monday 1st' },
    { kind: 'weekly', date: '2026-01-20', expected: true, why: 'Monday 19 Jan 2026 is Martin Luther King Jr. Day' },
    { kind: 'weekly', date: '2026-01-21', expected: false, why: 'the Wednesday after the MLK Tuesday' },
    { kind: 'weekly', date: '2026-02-17', expected: true, why: 'Monday 16 Feb 2026 is Presidents Day' },
    { kind: 'weekly', date: '2026-01-12', expected: true, why: 'an ordinary Monday' },
    { kind: 'weekly', date: '2026-01-13', expected: false, why: 'an ordinary Tuesday' },
    { kind: 'weekly', date: '2025-12-29', expected: true, why: 'the Monday opening ISO week 1 of 2026' },
    { kind: 'weekly', date: '2026-01-02', expected: false, why: 'a new month and year, but still the ISO week opened on 29 Dec' },
    { kind: 'daily', date: '2026-01-20', expected: true, why: 'every session' },
    { kind: 'daily', date: '2026-01-19', expected: false, why: 'MLK Day is no session' },
    { kind: 'daily', date: '2026-01-17', expected: false, why: 'a Saturday is no session' },
    { kind: 'semiannual', date: '2026-02-01', expected: false, why: 'the Sunday 1 Feb itself is no session' },
    { kind: 'quarterly', date: '2025-05-01', expected: true, why: 'quarters open in Feb, May, Aug and Nov: 1 May 2025 is a Thursday session' },
    { kind: 'quarterly', date: '2025-11-03', expected: true, why: '1 Nov 2025 is a Saturday, so Monday 3 Nov opens the quarter' },
    { kind: 'quarterly', date: '2026-01-02', expected: false, why: 'January sits in the quarter opened in November' },
    { kind: 'quarterly', date: '2026-02-02', expected: true, why: 'every semi-annual day opens a quarter too' },
    { kind: 'monthly', date: '2026-01-01', expected: false, why: 'the New Year holiday itself is no session' },
  ])('$kind $date is $expected: $why', ({ kind, date, expected }) => {
    expect(isRebalanceDay(kind, date, SESSIONS)).toBe(expected);
  });

  it.each<ScheduleKind>(['semiannual', 'quarterly', 'monthly', 'weekly', 'daily'])('finds the %s rebalance days in a year as their definition counts them', (kind) => {
    const year = SESSIONS.filter((d) => d >= '2025-01-01' && d <= '2025-12-31');
    const picked = year.filter((d) => isRebalanceDay(kind, d, SESSIONS));
    // 2025's 52 ISO weeks open from Mon 6 Jan to Mon 29 Dec; 1-3 Jan sit in the week opened on 30 Dec 2024.
    const expectedCount = { semiannual: 2, quarterly: 4, monthly: 12, weekly: 52, daily: year.length }[kind];
    expect(picked).toHaveLength(expectedCount);
  });
});

describe('nextRebalanceDay on the real NYSE calendar', () => {
  it.each<{ kind: ScheduleKind; after: string; expected: string | undefined }>([
    { kind: 'semiannual', after: '2025-11-20', expected: '2026-02-02' },
    { kind: 'semiannual', after: '2025-07-31', expected: '2025-08-01' },
    { kind: 'semiannual', after: '2025-08-01', expected: '2026-02-02' },
    { kind: 'semiannual', after: '2026-02-02', expected: undefined },
    { kind: 'monthly', after: '2025-12-15', expected: '2026-01-02' },
    { kind: 'monthly', after: '2025-08-30', expected: '2025-09-02' },
    { kind: 'weekly', after: '2026-01-16', expected: '2026-01-20' },
    { kind: 'weekly', after: '2026-01-17', expected: '2026-01-20' },
    { kind: 'weekly', after: '2026-01-20', expected: '2026-01-26' },
    { kind: 'daily', after: '2026-01-16', expected: '2026-01-20' },
    { kind: 'daily', after: '2026-04-10', expected: undefined },
    { kind: 'daily', after: '2019-01-01', expected: '2021-04-12' },
  ])('the next $kind rebalance day after $after is $expected', ({ kind, after, expected }) => {
    expect(nextRebalanceDay(kind, after, SESSIONS)).toBe(expected);
  });
});

describe('a session list that starts inside a period', () => {
  it('counts its first session when only a weekend comes before it in the period', () => {
    const fromMonday = ['2026-02-02', '2026-02-03', '2026-02-04'];
    expect(isRebalanceDay('semiannual', '2026-02-02', fromMonday)).toBe(true);
    expect(isRebalanceDay('monthly', '2026-02-02', fromMonday)).toBe(true);
    expect(isRebalanceDay('weekly', '2026-02-02', fromMonday)).toBe(true);
  });

  it('does not count its first session when weekdays before it in the period are unknown', () => {
    const fromJan2 = ['2026-01-02', '2026-01-05', '2026-01-06'];
    expect(isRebalanceDay('monthly', '2026-01-02', fromJan2)).toBe(false);
    expect(isRebalanceDay('semiannual', '2026-01-02', fromJan2)).toBe(false);
    expect(isRebalanceDay('weekly', '2026-01-05', fromJan2)).toBe(true);
    expect(isRebalanceDay('monthly', '2026-01-02', ['2025-12-31', ...fromJan2])).toBe(true);
  });

  it('finds nothing in an empty list', () => {
    expect(isRebalanceDay('daily', '2026-01-02', [])).toBe(false);
    expect(nextRebalanceDay('daily', '2026-01-02', [])).toBeUndefined();
  });
});
