import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCloseHistory, readCloseHistory } from '../../../src/regime/inputs/index.js';
import { useTempDir } from '../../support/temp-dir.js';

const SHARED = join(process.cwd(), '..', 'shared', 'data');

describe('parseCloseHistory', () => {
  it.each([
    ['date,close', 'date,close\n2024-01-02,470.5\n2024-01-03,468.8\n'],
    ['OHLCV (uses close)', 'date,open,high,low,close,volume\n2024-01-02,1,2,0.5,470.5,100\n2024-01-03,1,2,0.5,468.8,0\n'],
    ['date,adj_close', 'date,adj_close\n2024-01-02,470.5\n2024-01-03,468.8\n'],
    ['CRLF, BOM and upper-case header', '\uFEFFDATE,CLOSE\r\n2024-01-02,470.5\r\n2024-01-03,468.8\r\n'],
  ])('reads the %s layout as closes by date', (_name, text) => {
    expect(parseCloseHistory(text, 'h.csv')).toEqual({
      ok: true,
      value: [
        { date: '2024-01-02', close: 470.5 },
        { date: '2024-01-03', close: 468.8 },
      ],
    });
  });

  it.each([
    ['descending dates', 'date,close\n2024-01-03,1\n2024-01-02,1\n', 'h.csv:3: dates must ascend, but 2024-01-02 follows 2024-01-03'],
    ['a duplicate date', 'date,close\n2024-01-02,1\n2024-01-02,1\n', 'h.csv:3: duplicate date 2024-01-02'],
    ['a zero close', 'date,close\n2024-01-02,0\n', 'h.csv:2: close must be a positive number, got "0"'],
    ['a negative close', 'date,close\n2024-01-02,-3\n', 'h.csv:2: close must be a positive number, got "-3"'],
    ['a blank close', 'date,close\n2024-01-02,5\n2024-01-03,\n', 'h.csv:3: close must be a positive number, got ""'],
    ['a non-numeric close', 'date,close\n2024-01-02,abc\n', 'h.csv:2: close must be a positive number, got "abc"'],
    ['an infinite close', 'date,adj_close\n2024-01-02,Infinity\n', 'h.csv:2: adj_close must be a positive number, got "Infinity"'],
    ['an impossible date', 'date,close\n2025-02-29,1\n', 'h.csv:2: invalid date "2025-02-29" (expected YYYY-MM-DD)'],
    ['a US-style date', 'date,close\n01/02/2024,1\n', 'h.csv:2: invalid date "01/02/2024" (expected YYYY-MM-DD)'],
    ['a short row', 'date,open,high,low,close,volume\n2024-01-02,1,1,1,1\n', 'h.csv:2: expected 6 fields (date,open,high,low,close,volume), got 5'],
    ['no data rows', 'date,close\n\n', 'h.csv: no data rows under the header'],
  ])('rejects %s, naming the file and line', (_name, text, message) => {
    expect(parseCloseHistory(text, 'h.csv')).toEqual({ ok: false, error: [message] });
  });

  it.each([
    ['a year before 1000, written without its leading zero as before', 'date,close\n0999-03-04,2\n', '999-03-04'],
    ['a leap day', 'date,close\n2024-02-29,2\n', '2024-02-29'],
    ['a date after blank and CRLF lines', 'date,close\r\n\r\n 2024-01-02 ,2\r\n', '2024-01-02'],
  ])('reads %s', (_name, text, date) => {
    expect(parseCloseHistory(text, 'h.csv')).toEqual({ ok: true, value: [{ date, close: 2 }] });
  });

  it('reports a bad date on the third line as line 3, after a blank line', () => {
    expect(parseCloseHistory('date,close\n\n2024-13-01,2\n', 'h.csv')).toEqual({ ok: false, error: ['h.csv:3: invalid date "2024-13-01" (expected YYYY-MM-DD)'] });
  });

  it('rejects an unknown header and lists the accepted ones', () => {
    const result = parseCloseHistory('day,price\n2024-01-02,1\n', 'h.csv');
    expect(result).toEqual({
      ok: false,
      error: [
        'h.csv:1: unrecognised header "day,price"; expected "date,close" or "date,open,high,low,close,volume" or "date,adj_close"',
      ],
    });
  });
});

describe('readCloseHistory', () => {
  const temp = useTempDir();

  it('reads a file and reports errors with its path and line', () => {
    const good = temp.write('good.csv', 'date,close\n2024-01-02,470.5\n');
    const bad = temp.write('bad.csv', 'date,close\n2024-01-02,470.5\n2024-01-02,471\n');
    expect(readCloseHistory(good)).toEqual({ ok: true, value: [{ date: '2024-01-02', close: 470.5 }] });
    expect(readCloseHistory(bad)).toEqual({ ok: false, error: [`${bad}:3: duplicate date 2024-01-02`] });
  });

  it('reports a missing file as an error naming it', () => {
    const missing = join(temp.path(), 'nope.csv');
    const result = readCloseHistory(missing);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]).toMatch(new RegExp(`^${missing}: cannot read the close history: ENOENT`));
  });

  it('reads the shared SPY adjusted-close and OHLCV files in full', () => {
    const adj = join(SHARED, 'adjclose', 'SPY.csv');
    const daily = join(SHARED, 'daily', 'SPY.csv');
    expect(existsSync(adj), `${adj} is missing: tests need ../shared beside the checkout`).toBe(true);
    const adjCloses = readCloseHistory(adj);
    const dailyCloses = readCloseHistory(daily);
    if (!adjCloses.ok || !dailyCloses.ok) throw new Error(`shared SPY files did not parse: ${JSON.stringify([adjCloses, dailyCloses])}`);
    // PROVENANCE.md: 8,222 rows from 1993-01-29 to 2025-09-26; the 1993 first close is 43.9375 unadjusted.
    expect(adjCloses.value).toHaveLength(8222);
    expect(adjCloses.value.at(-1)?.date).toBe('2025-09-26');
    expect(dailyCloses.value[0]).toEqual({ date: '1993-01-29', close: 43.9375 });
    expect(dailyCloses.value.map((c) => c.date)).toEqual(adjCloses.value.map((c) => c.date));
  });
});
