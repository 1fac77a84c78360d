import type { Bar, Result } from '../domain/index.js';
import { err, ok } from '../domain/index.js';
import { isIsoDate } from './dates.js';

const HEADER = 'date,open,high,low,close,volume';

/**
 * Parses one daily-bars CSV (`date,open,high,low,close,volume`, ascending dates).
 * Hand-written rather than a CSV library: the format is fixed and numeric, and 505 files must load fast.
 * `source` names the file in messages ("AAPL.csv:12: ...").
 */
export function parseDailyBarsCsv(text: string, source: string): Result<readonly Bar[], readonly string[]> {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').trim().replace(/^\uFEFF/, '');
  if (header !== HEADER) return err([`${source}:1: expected header "${HEADER}", got "${header}"`]);
  const bars: Bar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const lineNo = i + 1;
    const row = parseRow(line);
    if (typeof row === 'string') return err([`${source}:${lineNo}: ${row}`]);
    const previous = bars[bars.length - 1];
    if (previous && row.date <= previous.date) {
      return err([
        row.date === previous.date
          ? `${source}:${lineNo}: duplicate date ${row.date}`
          : `${source}:${lineNo}: dates must ascend, but ${row.date} follows ${previous.date}`,
      ]);
    }
    bars.push(row);
  }
  return ok(bars);
}

/** One data row, or what is wrong with it. */
function parseRow(line: string): Bar | string {
  const fields = line.split(',');
  if (fields.length !== 6) return `expected 6 fields (${HEADER}), got ${fields.length}`;
  const [date, ...rest] = fields as [string, string, string, string, string, string];
  if (!isIsoDate(date)) return `invalid date "${date}" (expected YYYY-MM-DD)`;
  const numbers: number[] = [];
  const names = ['open', 'high', 'low', 'close', 'volume'];
  for (let k = 0; k < rest.length; k++) {
    const raw = rest[k] as string;
    // Number('') is 0, so an empty field needs its own check.
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value)) return `${names[k]} is not a number: "${raw}"`;
    numbers.push(value);
  }
  const [open, high, low, close, volume] = numbers as [number, number, number, number, number];
  if (open <= 0 || high <= 0 || low <= 0 || close <= 0) return 'prices must be positive';
  if (volume < 0 || !Number.isInteger(volume)) return `volume must be a whole number >= 0, got "${rest[4]}"`;
  return { date, open, high, low, close, volume };
}
