import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVixCsv } from '../../../src/regime/inputs/index.js';

describe('parseVixCsv', () => {
  it("reads CBOE's DATE,OPEN,HIGH,LOW,CLOSE with MM/DD/YYYY dates into closes by ISO date", () => {
    const text = 'DATE,OPEN,HIGH,LOW,CLOSE\n03/13/2020,57.00,60.00,48.00,57.83\n03/16/2020,63.00,83.56,55.00,82.69\n';
    expect(parseVixCsv(text, 'VIX_History.csv')).toEqual({
      ok: true,
      value: new Map([
        ['2020-03-13', 57.83],
        ['2020-03-16', 82.69],
      ]),
    });
  });

  it('reads the daily-bars format', () => {
    const text = 'date,open,high,low,close,volume\n2024-08-05,23.39,65.73,23.39,38.57,0\n';
    expect(parseVixCsv(text, 'VIX.csv')).toEqual({ ok: true, value: new Map([['2024-08-05', 38.57]]) });
  });

  it('ignores a bad open (CBOE source errors) but rejects a bad close', () => {
    const text = 'DATE,OPEN,HIGH,LOW,CLOSE\n11/08/2004,2.58,14.00,13.00,13.50\n11/09/2004,13,14,13,n/a\n';
    expect(parseVixCsv(text, 'v.csv')).toEqual({ ok: false, error: ['v.csv:3: CLOSE must be a positive number, got "n/a"'] });
  });

  it.each([
    ['an ISO date in the CBOE layout', 'DATE,OPEN,HIGH,LOW,CLOSE\n2020-03-16,1,1,1,1\n', 'v.csv:2: invalid date "2020-03-16" (expected MM/DD/YYYY)'],
    ['a 13th month', 'DATE,OPEN,HIGH,LOW,CLOSE\n13/01/2020,1,1,1,1\n', 'v.csv:2: invalid date "13/01/2020" (expected MM/DD/YYYY)'],
    ['descending dates', 'DATE,OPEN,HIGH,LOW,CLOSE\n03/16/2020,1,1,1,1\n03/13/2020,1,1,1,1\n', 'v.csv:3: dates must ascend, but 2020-03-13 follows 2020-03-16'],
    ['an HTML error page', '<html><body>Access denied</body></html>\n', 'v.csv:1: unrecognised header "<html><body>Access denied</body></html>"; expected "DATE,OPEN,HIGH,LOW,CLOSE" or "date,open,high,low,close,volume"'],
  ])('rejects %s', (_name, text, message) => {
    expect(parseVixCsv(text, 'v.csv')).toEqual({ ok: false, error: [message] });
  });

  it('reads the shared VIX file in full', () => {
    const file = join(process.cwd(), '..', 'shared', 'data', 'daily', 'VIX.csv');
    expect(existsSync(file), `${file} is missing: tests need ../shared beside the checkout`).toBe(true);
    const result = parseVixCsv(readFileSync(file, 'utf8'), file);
    if (!result.ok) throw new Error(result.error.join('; '));
    // PROVENANCE.md: 9,235 rows from 1990-01-02; spec d.5: record close 82.69 on 2020-03-16.
    expect(result.value.size).toBe(9235);
    expect(result.value.get('1990-01-02')).toBe(17.24);
    expect(result.value.get('2020-03-16')).toBe(82.69);
  });
});
