import { describe, expect, it } from 'vitest';
import type { Bar } from '../../src/domain/index.js';
import { parseDailyBarsCsv } from '../../src/exchange/csv-bars.js';
import { mulberry32 } from '../../src/random/prng.js';
import { isIsoDate } from '../../src/time/calendar-date.js';

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

  it.each([
    ['a BOM before the header', `\uFEFF${HEADER}\n2025-01-02,1,2,0.5,1.5,10\n`],
    ['blank and whitespace-only lines', `${HEADER}\n\n2025-01-02,1,2,0.5,1.5,10\r\n\r\n \t \n2025-01-03,1,2,0.5,1.5,10`],
    ['spaces and tabs around a row', `${HEADER}\n  2025-01-02,1,2,0.5,1.5,10\t\r\n`],
    ['spaces inside number fields', `${HEADER}\n2025-01-02, 1,2 ,0.5,1.5, 10\n`],
    ['numbers Number() reads in other spellings', `${HEADER}\n2025-01-02,+1,2e0,.5,1.50000,0x10\n`],
  ])('reads %s as Number() and trim() would', (_name, text) => {
    expect(parseDailyBarsCsv(text, 'X.csv')).toEqual({ ok: true, value: expect.any(Array) as unknown });
    expect(parseDailyBarsCsv(text, 'X.csv')).toEqual(referenceParse(text, 'X.csv'));
  });

  it.each([
    ['a bad date in row 3', `${HEADER}\n2025-01-02,1,2,0.5,1.5,10\n2025-1-03,1,2,0.5,1.5,10\n`, 'X.csv:3: invalid date "2025-1-03" (expected YYYY-MM-DD)'],
    ['a bad date after blank CRLF lines', `${HEADER}\r\n\r\n2025-01-02,1,2,0.5,1.5,10\r\n\r\n2025-02-30,1,2,0.5,1.5,10\r\n`, 'X.csv:5: invalid date "2025-02-30" (expected YYYY-MM-DD)'],
    ['a date with a space before its comma', `${HEADER}\n2025-01-02 ,1,2,0.5,1.5,10\n`, 'X.csv:2: invalid date "2025-01-02 " (expected YYYY-MM-DD)'],
    ['seven fields', `${HEADER}\n2025-01-02,1,2,0.5,1.5,10,3\n`, 'X.csv:2: expected 6 fields (date,open,high,low,close,volume), got 7'],
    ['a blank close', `${HEADER}\n2025-01-02,1,2,0.5, ,10\n`, 'X.csv:2: close is not a number: " "'],
    ['two points in a price', `${HEADER}\n2025-01-02,1,2.0.1,0.5,1.5,10\n`, 'X.csv:2: high is not a number: "2.0.1"'],
    ['an infinite low', `${HEADER}\n2025-01-02,1,2,Infinity,1.5,10\n`, 'X.csv:2: low is not a number: "Infinity"'],
    ['a negative volume', `${HEADER}\n2025-01-02,1,2,0.5,1.5,-1\n`, 'X.csv:2: volume must be a whole number >= 0, got "-1"'],
  ])('reports %s with its message and line unchanged', (_name, text, message) => {
    expect(parseDailyBarsCsv(text, 'X.csv')).toEqual({ ok: false, error: [message] });
    expect(parseDailyBarsCsv(text, 'X.csv')).toEqual(referenceParse(text, 'X.csv'));
  });

  it('agrees with the line-by-line reference parser on 5,000 random rows, good and bad', () => {
    const random = mulberry32(20_260_105);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const numbers = ['1', '12.5', '0.1', '132.52000427246094', '17.240000', '9007199254740993', '123456789012345.6', '1.', '.5', '0', '-2', '', ' ', '1e3', 'abc', '3.3.3', '000.250'];
    for (let file = 0; file < 500; file++) {
      const lines = [HEADER];
      for (let row = 0; row < 10; row++) {
        const day = 1 + file % 9 + row * 2 + (random() < 0.05 ? -3 : 0);
        const date = random() < 0.05 ? pick(['2025-02-30', '2025-1-01', ' 2025-01-01', 'x']) : `2025-01-${String(day).padStart(2, '0')}`;
        const fields = [date, ...Array.from({ length: random() < 0.03 ? 4 : 5 }, () => (random() < 0.85 ? `${(1 + random() * 500).toFixed(Math.floor(random() * 17))}` : pick(numbers)))];
        lines.push(pick(['', '', '', ' ', '\t']) + fields.join(',') + pick(['', '', '\r', ' ', '\u00a0']));
        if (random() < 0.05) lines.push(pick(['', '\r', '  ']));
      }
      const text = lines.join('\n');
      expect(parseDailyBarsCsv(text, 'R.csv'), text).toEqual(referenceParse(text, 'R.csv'));
    }
  });
});

/** The parser as first written, slicing and trimming every line: the fast one must give the same bars and messages. */
function referenceParse(text: string, source: string): ReturnType<typeof parseDailyBarsCsv> {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').trim();
  if (header !== HEADER) return { ok: false, error: [`${source}:1: expected header "${HEADER}", got "${header}"`] };
  const bars: Bar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const fields = line.split(',');
    const fail = (why: string): ReturnType<typeof parseDailyBarsCsv> => ({ ok: false, error: [`${source}:${i + 1}: ${why}`] });
    if (fields.length !== 6) return fail(`expected 6 fields (${HEADER}), got ${fields.length}`);
    const date = fields[0] as string;
    if (!isIsoDate(date)) return fail(`invalid date "${date}" (expected YYYY-MM-DD)`);
    const names = ['open', 'high', 'low', 'close', 'volume'];
    const values: number[] = [];
    for (let k = 0; k < 5; k++) {
      const raw = fields[k + 1] as string;
      const value = raw.trim() === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) return fail(`${names[k]} is not a number: "${raw}"`);
      values.push(value);
    }
    const [open, high, low, close, volume] = values as [number, number, number, number, number];
    if (open <= 0 || high <= 0 || low <= 0 || close <= 0) return fail('prices must be positive');
    if (volume < 0 || !Number.isInteger(volume)) return fail(`volume must be a whole number >= 0, got "${volume}"`);
    const previous = bars.at(-1);
    if (previous && date <= previous.date) {
      return fail(date === previous.date ? `duplicate date ${date}` : `dates must ascend, but ${date} follows ${previous.date}`);
    }
    bars.push({ date, open, high, low, close, volume });
  }
  return { ok: true, value: bars };
}
