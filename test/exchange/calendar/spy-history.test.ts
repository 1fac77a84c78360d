import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sessionsBetween } from '../../../src/exchange/calendar/index.js';

// The shared data folder sits beside the checkout (../shared from the repo root), locally and in CI.
const SHARED = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

function tradingDatesIn(relativePath: string): string[] {
  const path = `${SHARED}${relativePath}`;
  if (!existsSync(path)) throw new Error(`real SPY history missing at ${path}: the calendar cannot be verified`);
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  expect(header).toBe('date,open,high,low,close,volume');
  return rows.map((row) => row.slice(0, 10));
}

/** Every file date must be a session and every session between the file's first and last date must be in it. */
function calendarMismatches(dates: readonly string[]): { notSessions: string[]; missingFromFile: string[] } {
  const first = dates[0] ?? '';
  const last = dates.at(-1) ?? '';
  const sessions = new Set(sessionsBetween(first, last).map((s) => s.date));
  const inFile = new Set(dates);
  return {
    notSessions: dates.filter((d) => !sessions.has(d)),
    missingFromFile: [...sessions].filter((d) => !inFile.has(d)),
  };
}

describe('the calendar against real SPY trading history', () => {
  it('matches every trading day of daily/SPY.csv, 1993-01-29 to 2025-09-26', () => {
    const dates = tradingDatesIn('daily/SPY.csv');
    expect([dates[0], dates.at(-1), dates.length]).toEqual(['1993-01-29', '2025-09-26', 8222]);
    expect(calendarMismatches(dates)).toEqual({ notSessions: [], missingFromFile: [] });
  });

  it('matches every trading day of the newer SPY download, 2021-04-12 to 2026-04-10', () => {
    const dates = tradingDatesIn('recent-2021-2026/daily/SPY.csv');
    expect([dates[0], dates.at(-1)]).toEqual(['2021-04-12', '2026-04-10']);
    expect(calendarMismatches(dates)).toEqual({ notSessions: [], missingFromFile: [] });
  });
});
