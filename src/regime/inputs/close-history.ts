import { readFileSync } from 'node:fs';
import type { Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';
import type { DailyClose } from '../types.js';
import type { CsvLayout } from './dated-series-csv.js';
import { parseDatedSeries } from './dated-series-csv.js';

const HISTORY_LAYOUTS: readonly CsvLayout[] = [
  { header: ['date', 'close'], valueColumn: 'close', dates: 'iso' },
  { header: ['date', 'open', 'high', 'low', 'close', 'volume'], valueColumn: 'close', dates: 'iso' },
  { header: ['date', 'adj_close'], valueColumn: 'adj_close', dates: 'iso' },
];

/** Parses a close-history CSV: `date,close`, `date,open,high,low,close,volume` or `date,adj_close`. */
export function parseCloseHistory(text: string, source: string): Result<DailyClose[]> {
  const parsed = parseDatedSeries(text, source, HISTORY_LAYOUTS);
  if (!parsed.ok) return parsed;
  return ok(parsed.value.map(({ date, value }) => ({ date, close: value })));
}

/** Reads the `regime.historyFile` CSV; an unreadable or invalid file is an error naming the file (and line). */
export function readCloseHistory(path: string): Result<DailyClose[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err([`${path}: cannot read the close history: ${(e as Error).message}`]);
  }
  return parseCloseHistory(text, path);
}
