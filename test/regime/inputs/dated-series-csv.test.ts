import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../src/domain/index.js';
import { parseDatedSeries, type CsvLayout, type DatedValue } from '../../../src/regime/inputs/dated-series-csv.js';
import { mulberry32 } from '../../../src/random/prng.js';

const LAYOUTS: readonly CsvLayout[] = [
  { header: ['DATE', 'OPEN', 'HIGH', 'LOW', 'CLOSE'], valueColumn: 'CLOSE', dates: 'mdy' },
  { header: ['date', 'open', 'high', 'low', 'close', 'volume'], valueColumn: 'close', dates: 'iso' },
  { header: ['date', 'adj_close'], valueColumn: 'adj_close', dates: 'iso' },
];

describe('parseDatedSeries', () => {
  it.each([
    ['spaces around fields', 'date,adj_close\n 2024-01-02 , 5.5 \n', ok([{ date: '2024-01-02', value: 5.5 }])],
    ['a row with a field too many', 'date,adj_close\n2024-01-02,5,6\n', err(['s.csv:2: expected 2 fields (date,adj_close), got 3'])],
    ['a CBOE date', 'DATE,OPEN,HIGH,LOW,CLOSE\n1/2/1990,1,1,1,17.24\n', ok([{ date: '1990-01-02', value: 17.24 }])],
    ['the close, not the open, of an OHLCV row', 'date,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,0\n', ok([{ date: '2024-01-02', value: 1.5 }])],
  ])('reads %s as split() and trim() would', (_name, text, expected) => {
    expect(parseDatedSeries(text, 's.csv', LAYOUTS)).toEqual(expected);
    expect(parseDatedSeries(text, 's.csv', LAYOUTS)).toEqual(referenceParse(text, 's.csv', LAYOUTS));
  });

  it('agrees with the split-every-row reference on 3,000 random files, good and bad', () => {
    const random = mulberry32(20_261_205);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const values = ['1', '24.313047409057617', '0.846127', '', ' ', '0', '-1', 'abc', 'Infinity', '1e2', ' 7 '];
    for (let file = 0; file < 3000; file++) {
      const layout = pick(LAYOUTS);
      const lines = [pick([layout.header.join(','), layout.header.join(',').toLowerCase(), `\uFEFF${layout.header.join(', ')}`])];
      for (let row = 0; row < 6; row++) {
        const day = 1 + row * 3 + (random() < 0.05 ? -4 : 0);
        const iso = `2024-02-${String(day).padStart(2, '0')}`;
        const date = random() < 0.1 ? pick(['2024-02-30', '0999-01-02', '2/30/2024', '02/03/2024', 'x', ' 2024-02-01', '']) : layout.dates === 'iso' ? iso : `2/${day}/2024`;
        const width = random() < 0.04 ? layout.header.length + pick([-1, 1]) : layout.header.length;
        const fields = [date, ...Array.from({ length: width - 1 }, () => (random() < 0.9 ? (1 + random() * 100).toFixed(Math.floor(random() * 17)) : pick(values)))];
        lines.push(pick(['', '', ' ']) + fields.join(pick([',', ',', ', '])) + pick(['', '\r', ' \r']));
        if (random() < 0.05) lines.push(pick(['', '\r', ' ']));
      }
      const text = lines.join('\n');
      expect(parseDatedSeries(text, 'R.csv', LAYOUTS), text).toEqual(referenceParse(text, 'R.csv', LAYOUTS));
    }
  });
});

/** The parser as first written, splitting every row into all its fields: the faster one must say the same. */
function referenceParse(text: string, source: string, layouts: readonly CsvLayout[]): Result<DatedValue[]> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const headerText = (lines[0] ?? '').trim();
  const header = headerText.toLowerCase().split(',').map((c) => c.trim());
  const layout = layouts.find((l) => l.header.join(',').toLowerCase() === header.join(','));
  if (!layout) return err([`${source}:1: unrecognised header "${headerText}"; expected ${layouts.map((l) => `"${l.header.join(',')}"`).join(' or ')}`]);
  const valueIndex = layout.header.findIndex((c) => c.toLowerCase() === layout.valueColumn.toLowerCase());
  const rows: DatedValue[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const where = `${source}:${i + 1}`;
    const fields = line.split(',');
    if (fields.length !== layout.header.length) return err([`${where}: expected ${layout.header.length} fields (${layout.header.join(',')}), got ${fields.length}`]);
    const rawDate = (fields[0] as string).trim();
    const m = layout.dates === 'iso' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(rawDate) : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(rawDate);
    const date = m ? (layout.dates === 'iso' ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : validDate(Number(m[3]), Number(m[1]), Number(m[2]))) : undefined;
    if (date === undefined) return err([`${where}: invalid date "${rawDate}" (expected ${layout.dates === 'iso' ? 'YYYY-MM-DD' : 'MM/DD/YYYY'})`]);
    const raw = (fields[valueIndex] as string).trim();
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value <= 0) return err([`${where}: ${layout.valueColumn} must be a positive number, got "${raw}"`]);
    const previous = rows.at(-1);
    if (previous && date <= previous.date) {
      return err([date === previous.date ? `${where}: duplicate date ${date}` : `${where}: dates must ascend, but ${date} follows ${previous.date}`]);
    }
    rows.push({ date, value });
  }
  if (rows.length === 0) return err([`${source}: no data rows under the header`]);
  return ok(rows);
}

function validDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
