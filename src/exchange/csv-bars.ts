import type { Bar, Result } from '../domain/index.js';
import { err, ok } from '../domain/index.js';
import { isIsoDateWithin } from '../time/calendar-date.js';

const HEADER = 'date,open,high,low,close,volume';
const FIELD_NAMES = ['open', 'high', 'low', 'close', 'volume'] as const;
const FIELDS = 6;
const CR = 13;
const DOT = 46;
const ZERO = 48;

/**
 * Parses one daily-bars CSV (`date,open,high,low,close,volume`, ascending dates).
 * Hand-written rather than a CSV library: the format is fixed and numeric, and 505 files (600k rows) must load
 * fast, so rows are read in place by index: no per-row slice, split or trim unless a row needs one.
 * `source` names the file in messages ("AAPL.csv:12: ...").
 */
export function parseDailyBarsCsv(text: string, source: string): Result<readonly Bar[], readonly string[]> {
  const firstBreak = text.indexOf('\n');
  const header = (firstBreak < 0 ? text : text.slice(0, firstBreak)).trim().replace(/^\uFEFF/, '');
  if (header !== HEADER) return err([`${source}:1: expected header "${HEADER}", got "${header}"`]);
  const bars: Bar[] = [];
  // Scratch space for parseRow, reused by every row.
  const commas = [0, 0, 0, 0, 0];
  const values = [0, 0, 0, 0, 0];
  let lineNo = 1;
  let pos = firstBreak < 0 ? text.length : firstBreak + 1;
  while (pos < text.length) {
    lineNo++;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let row: Bar | string | undefined;
    let last = end;
    if (last > pos && text.charCodeAt(last - 1) === CR) last--;
    if (last === pos) row = undefined;
    else if (isPlain(text.charCodeAt(pos)) && isPlain(text.charCodeAt(last - 1))) row = parseRow(text, pos, last, commas, values);
    else {
      // Whitespace at either end (a BOM, a tab, a stray space): the same row as trim() gives.
      const line = text.slice(pos, end).trim();
      row = line === '' ? undefined : parseRow(line, 0, line.length, commas, values);
    }
    pos = end + 1;
    if (row === undefined) continue;
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

/** Printable ASCII other than space: a character trim() would never remove. */
const isPlain = (code: number): boolean => code > 32 && code < 127;

/** The data row `s[start, end)` (already trimmed), or what is wrong with it. `commas` and `values` are scratch space. */
function parseRow(s: string, start: number, end: number, commas: number[], values: number[]): Bar | string {
  let count = 0;
  for (let i = s.indexOf(',', start); i >= 0 && i < end; i = s.indexOf(',', i + 1)) {
    if (count < FIELDS - 1) commas[count] = i;
    count++;
  }
  if (count !== FIELDS - 1) return `expected 6 fields (${HEADER}), got ${count + 1}`;
  const dateEnd = commas[0] as number;
  if (!isIsoDateWithin(s, start, dateEnd)) return `invalid date "${s.slice(start, dateEnd)}" (expected YYYY-MM-DD)`;
  for (let k = 0; k < 5; k++) {
    const from = (commas[k] as number) + 1;
    const to = k < 4 ? (commas[k + 1] as number) : end;
    let value = plainDecimal(s, from, to);
    if (Number.isNaN(value)) {
      const raw = s.slice(from, to);
      // Number('') and Number(' ') are 0, so a blank field needs its own check.
      value = raw.trim() === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) return `${FIELD_NAMES[k]} is not a number: "${raw}"`;
    }
    values[k] = value;
  }
  const open = values[0] as number;
  const high = values[1] as number;
  const low = values[2] as number;
  const close = values[3] as number;
  const volume = values[4] as number;
  if (open <= 0 || high <= 0 || low <= 0 || close <= 0) return 'prices must be positive';
  if (volume < 0 || !Number.isInteger(volume)) return `volume must be a whole number >= 0, got "${volume}"`;
  return { date: s.slice(start, dateEnd), open, high, low, close, volume };
}

// Literals, not 10 ** i: each is then the exact double, whatever Math.pow does.
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `s[from, to)` written as digits with at most one point and at most 15 digits, else NaN (then Number() decides).
 * Exactly Number()'s value: the digits form an integer below 2^53 and 10^k is exact, so their one correctly
 * rounded division is the correctly rounded decimal (Clinger's fast path).
 */
function plainDecimal(s: string, from: number, to: number): number {
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (let i = from; i < to; i++) {
    const code = s.charCodeAt(i);
    if (code === DOT && point < 0) point = i;
    else {
      const digit = code - ZERO;
      if (!(digit >= 0 && digit <= 9)) return Number.NaN;
      mantissa = mantissa * 10 + digit;
      digits++;
    }
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  return point < 0 ? mantissa : mantissa / (POWERS_OF_TEN[to - point - 1] as number);
}
