import { describe, expect, it } from 'vitest';
import { parseDailyBarsCsv } from '../../src/exchange/csv-bars.js';

const HEADER = 'date,open,high,low,close,volume';

describe('parseDailyBarsCsv', () => {
  it('reads the shared data format, including float32 strings, CRLF and a trailing newline', () => {
    const text = `${HEADER}\r\n2021-04-12,132.52000427246094,132.85000610351562,130.6300048828125,131.24000549316406,91420000\r\n2021-04-13,132.44,135.0,131.93,134.43,91266500\r\n`;
    expect(parseDailyBarsCsv(text, 'AAPL.csv')).toEqual({
      ok: true,
      value: [
        // Number(text) is what any reader of these strings gets; some are not shortest-form literals.
        { date: '2021-04-12', open: Number('132.52000427246094'), high: Number('132.85000610351562'), low: Number('130.6300048828125'), close: Number('131.24000549316406'), volume: 91420000 },
        { date: '2021-04-13', open: 132.44, high: 135, low: 131.93, close: 134.43, volume: 91266500 },
      ],
    });
  });

  it('accepts a header-only file as no bars', () => {
    expect(parseDailyBarsCsv(`${HEADER}\n`, 'X.csv')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['a wrong header', 'Date,Open,High,Low,Close,Volume\n', 'X.csv:1: expected header'],
    ['a missing field', `${HEADER}\n2025-01-02,1,2,0.5,1.5\n`, 'X.csv:2: expected 6 fields'],
    ['an impossible date', `${HEADER}\n2025-02-30,1,2,0.5,1.5,10\n`, 'X.csv:2: invalid date "2025-02-30"'],
    ['an empty price', `${HEADER}\n2025-01-02,,2,0.5,1.5,10\n`, 'X.csv:2: open is not a number'],
    ['a zero price', `${HEADER}\n2025-01-02,1,2,0,1.5,10\n`, 'X.csv:2: prices must be positive'],
    ['a fractional volume', `${HEADER}\n2025-01-02,1,2,0.5,1.5,10.5\n`, 'X.csv:2: volume must be a whole number'],
    ['a duplicate date', `${HEADER}\n2025-01-02,1,2,0.5,1.5,10\n2025-01-02,1,2,0.5,1.5,10\n`, 'X.csv:3: duplicate date 2025-01-02'],
    ['descending dates', `${HEADER}\n2025-01-03,1,2,0.5,1.5,10\n2025-01-02,1,2,0.5,1.5,10\n`, 'X.csv:3: dates must ascend, but 2025-01-02 follows 2025-01-03'],
  ])('rejects %s naming file and line', (_name, text, message) => {
    const result = parseDailyBarsCsv(text, 'X.csv');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error[0]).toContain(message);
  });
});
