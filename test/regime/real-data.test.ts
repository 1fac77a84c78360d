import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectRegimes, type DailyClose, type RegimeDay } from '../../src/regime/detector.js';
import { readCsv } from '../support/read-csv.js';
import { sharedData } from '../support/run-cli.js';

/** Rows of a CSV under its header, after checking the header is the documented one. */
function csvRows(path: string, header: string): string[][] {
  const [head, ...rows] = readCsv(readFileSync(path, 'utf8'));
  expect(head?.join(',')).toBe(header);
  return rows;
}

const spy: DailyClose[] = csvRows(sharedData('adjclose', 'SPY.csv'), 'date,adj_close').map(([date, close]) => ({
  date: date as string,
  close: Number(close),
}));
const vix = new Map(
  csvRows(sharedData('daily', 'VIX.csv'), 'date,open,high,low,close,volume').map(([date, , , , close]) => [date as string, Number(close)]),
);
const days = detectRegimes(spy, vix);
const inMonth = (month: string) => days.filter((d) => d.date.startsWith(month));
const crashDays = (month: string) => inMonth(month).filter((d) => d.regime === 'CRASH').length;

describe('detectRegimes on real SPY (dividend-adjusted) and VIX closes, 1993-2025', () => {
  it('reads the whole files', () => {
    expect(spy.length).toBe(8222);
    expect(spy.every((c) => Number.isFinite(c.close) && c.close > 0)).toBe(true);
    expect(vix.get('2020-03-16')).toBe(82.69);
  });

  it('labels at least 20 of the 22 trading days of March 2020 CRASH', () => {
    expect(inMonth('2020-03')).toHaveLength(22);
    expect(crashDays('2020-03')).toBeGreaterThanOrEqual(20);
  });

  it('labels at least 20 of the 23 trading days of October 2008 CRASH', () => {
    expect(inMonth('2008-10')).toHaveLength(23);
    expect(crashDays('2008-10')).toBeGreaterThanOrEqual(20);
  });

  it('has the jump model in bear state through October 2008 and from mid-March 2020 (spec d.4 orderings)', () => {
    expect(inMonth('2008-10').every((d) => d.jm === 'bear')).toBe(true);
    expect(inMonth('2020-04').every((d) => d.jm === 'bear')).toBe(true);
    expect(inMonth('2020-02').every((d) => d.jm === 'bull')).toBe(true);
  });

  it('gives the first regime once 1000 feature rows precede a refit: UNKNOWN before July 1998', () => {
    const first = days.find((d) => d.regime !== 'UNKNOWN') as RegimeDay;
    expect(first.date).toBe('1998-07-01');
    expect(first.refitDate).toBe('1998-07-01');
  });

  it('does not look ahead: the series cut at 2020-03-16 gives the same days as the full run', () => {
    const cut = spy.findIndex((c) => c.date === '2020-03-16') + 1;
    expect(detectRegimes(spy.slice(0, cut), vix)).toEqual(days.slice(0, cut));
  });
});
