import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/domain/index.js';
import { parseDailyBarsCsv } from '../../../src/exchange/csv-bars.js';
import { inconsistentOhlc } from '../../../src/market-data/quality/bar-rules.js';
import { checkBarQuality, DEFAULT_QUALITY_LIMITS } from '../../../src/market-data/quality/index.js';
import { sharedData } from '../../support/run-cli.js';

function loadBars(path: string): readonly Bar[] {
  const parsed = parseDailyBarsCsv(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  return parsed.value;
}

/** The days of a file whose row the OHLC rule rejects on its own. */
const inconsistentDays = (bars: readonly Bar[]): string[] =>
  bars.filter((bar) => inconsistentOhlc([bar], DEFAULT_QUALITY_LIMITS.tolerance) !== undefined).map((bar) => bar.date);

/** NYSE sessions in [start, end], read off the real SPY history. */
const sessions = (start: string, end: string): string[] =>
  loadBars(sharedData('daily', 'SPY.csv')).map((b) => b.date).filter((d) => d >= start && d <= end);

const inWindow = (bars: readonly Bar[], start: string, end: string): Bar[] => bars.filter((b) => b.date >= start && b.date <= end);

describe('the data-quality gate on real market data (../shared/data)', () => {
  it('finds exactly the 12 OHLC-inconsistent rows PROVENANCE lists among the 505 S&P 500 files, 2013-2018', () => {
    const dir = sharedData('sp500-2013-2018');
    const found: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
      for (const date of inconsistentDays(loadBars(join(dir, file)))) found.push(`${file.slice(0, -4)} ${date}`);
    }
    expect(found.sort()).toEqual([
      'AOS 2014-05-19',
      'BBY 2016-03-14',
      'CHD 2014-05-19',
      'CHK 2014-06-30',
      'DHR 2014-11-06',
      'IP 2014-07-01',
      'LNT 2016-05-19',
      'O 2014-08-27',
      'O 2014-11-06',
      'SPG 2014-05-28',
      'UA 2016-06-10',
      'WRK 2016-05-13',
    ]);
  });

  it("finds the VIX's 47 rows whose open lies outside the day's range, all before 2007", () => {
    const days = inconsistentDays(loadBars(sharedData('daily', 'VIX.csv')));
    expect(days).toHaveLength(47);
    expect([days[0], days.at(-1)]).toEqual(['1992-02-11', '2006-02-08']);
  });

  it('excludes LNT over spring 2016 for its 17.87 close of 2016-05-19, naming the row twice', () => {
    const tradingDays = sessions('2016-03-01', '2016-06-30');
    const lnt = inWindow(loadBars(sharedData('sp500-2013-2018', 'LNT.csv')), '2016-03-01', '2016-06-30');
    const report = checkBarQuality(new Map([['LNT', lnt]]), {
      tradingDays,
      previousTradingDay: '2016-06-30',
      lookbackDays: tradingDays.length,
      ...DEFAULT_QUALITY_LIMITS,
    });
    expect(report.clean.size).toBe(0);
    expect(report.excluded).toEqual([
      {
        symbol: 'LNT',
        reason:
          'inconsistent OHLC on 2016-05-19: close 17.87 outside low–high 35.085–35.785; ' +
          'close fell 49.4% from 35.35 on 2016-05-18 to 17.87 on 2016-05-19 (limit -45.0%): an unadjusted split or a bad print',
        kind: 'bad-data',
      },
    ]);
  });

  it('keeps five large caps over all of 2017: no gaps, no bad rows, no extreme moves', () => {
    const tradingDays = sessions('2017-01-03', '2017-12-29');
    const bars = new Map(
      ['AAPL', 'MSFT', 'JPM', 'XOM', 'KO'].map((s) => [s, inWindow(loadBars(sharedData('sp500-2013-2018', `${s}.csv`)), '2017-01-03', '2017-12-29')]),
    );
    const report = checkBarQuality(bars, {
      tradingDays,
      previousTradingDay: '2017-12-29',
      lookbackDays: 252,
      ...DEFAULT_QUALITY_LIMITS,
    });
    expect(tradingDays).toHaveLength(251);
    expect(report.excluded).toEqual([]);
    expect([...report.clean.keys()]).toEqual(['AAPL', 'MSFT', 'JPM', 'XOM', 'KO']);
  });
});
