import type { Result } from '../../domain/index.js';
import { ok } from '../../domain/index.js';
import type { CsvLayout } from './dated-series-csv.js';
import { parseDatedSeries } from './dated-series-csv.js';

const VIX_LAYOUTS: readonly CsvLayout[] = [
  // CBOE's VIX_History.csv.
  { header: ['DATE', 'OPEN', 'HIGH', 'LOW', 'CLOSE'], valueColumn: 'CLOSE', dates: 'mdy' },
  // The daily-bars format (../shared/data/daily/VIX.csv).
  { header: ['date', 'open', 'high', 'low', 'close', 'volume'], valueColumn: 'close', dates: 'iso' },
];

/** VIX closes by ISO date, from CBOE's CSV or the daily-bars format. Only the close is read (CBOE opens have errors). */
export function parseVixCsv(text: string, source: string): Result<Map<string, number>> {
  const parsed = parseDatedSeries(text, source, VIX_LAYOUTS);
  if (!parsed.ok) return parsed;
  return ok(new Map(parsed.value.map(({ date, value }) => [date, value])));
}
