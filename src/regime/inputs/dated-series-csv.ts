import type { Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';
import { isIsoDate } from '../../time/calendar-date.js';

/** One accepted CSV layout: its header, the column holding the value, and how its dates are written. */
export interface CsvLayout {
  readonly header: readonly string[];
  readonly valueColumn: string;
  readonly dates: 'iso' | 'mdy';
}

export interface DatedValue {
  readonly date: string;
  readonly value: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MDY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ZERO = 48;

/**
 * Parses a dated price series in one of `layouts` (header matched case-insensitively): ascending unique dates,
 * positive finite values. Stops at the first bad row; `source` names the file in messages ("SPY.csv:12: ...").
 */
export function parseDatedSeries(
  text: string,
  source: string,
  layouts: readonly CsvLayout[],
): Result<DatedValue[]> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const headerText = (lines[0] ?? '').trim();
  const header = headerText.toLowerCase().split(',').map((c) => c.trim());
  const layout = layouts.find((l) => l.header.join(',').toLowerCase() === header.join(','));
  if (!layout) {
    const expected = layouts.map((l) => `"${l.header.join(',')}"`).join(' or ');
    return err([`${source}:1: unrecognised header "${headerText}"; expected ${expected}`]);
  }
  const valueIndex = layout.header.findIndex((c) => c.toLowerCase() === layout.valueColumn.toLowerCase());
  const rows: DatedValue[] = [];
  const width = layout.header.length;
  // Where the commas of a row are: the row is cut into only the two fields read, not split into all of them.
  const commas: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    let count = 0;
    for (let c = line.indexOf(','); c >= 0; c = line.indexOf(',', c + 1)) commas[count++] = c;
    if (count + 1 !== width) {
      return err([`${source}:${i + 1}: expected ${width} fields (${layout.header.join(',')}), got ${count + 1}`]);
    }
    const rawDate = field(line, commas, count, 0).trim();
    const date = layout.dates === 'iso' ? isoDate(rawDate) : mdyDate(rawDate);
    if (date === undefined) {
      return err([`${source}:${i + 1}: invalid date "${rawDate}" (expected ${layout.dates === 'iso' ? 'YYYY-MM-DD' : 'MM/DD/YYYY'})`]);
    }
    const raw = field(line, commas, count, valueIndex).trim();
    // Number('') is 0, so a blank field is caught by the positivity check rather than passing as a price.
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value <= 0) {
      return err([`${source}:${i + 1}: ${layout.valueColumn} must be a positive number, got "${raw}"`]);
    }
    const previous = rows[rows.length - 1];
    if (previous && date <= previous.date) {
      return err([
        date === previous.date
          ? `${source}:${i + 1}: duplicate date ${date}`
          : `${source}:${i + 1}: dates must ascend, but ${date} follows ${previous.date}`,
      ]);
    }
    rows.push({ date, value });
  }
  if (rows.length === 0) return err([`${source}: no data rows under the header`]);
  return ok(rows);
}

/** Field `k` of a row whose `count` commas are at `commas`: what `line.split(',')[k]` would be. */
function field(line: string, commas: readonly number[], count: number, k: number): string {
  return line.slice(k === 0 ? 0 : (commas[k - 1] as number) + 1, k < count ? commas[k] : line.length);
}

function isoDate(text: string): string | undefined {
  // The usual row: a real date from year 1000 on is already in the form validDate would write.
  if (isIsoDate(text) && text.charCodeAt(0) !== ZERO) return text;
  const m = ISO_DATE.exec(text);
  return m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function mdyDate(text: string): string | undefined {
  const m = MDY_DATE.exec(text);
  return m ? validDate(Number(m[3]), Number(m[1]), Number(m[2])) : undefined;
}

/** The ISO form of a real calendar date (rejects 2025-02-30), else undefined. */
function validDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day > daysInMonth) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
