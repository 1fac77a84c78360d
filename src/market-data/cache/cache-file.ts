import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Bar, Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';

/** What one cache file is for: a symbol's daily bars from one feed with one price adjustment. */
export interface SeriesKey {
  readonly symbol: string;
  readonly feed: 'iex' | 'sip' | undefined;
  readonly adjustment: 'raw' | 'split' | 'dividend' | 'all';
}

/**
 * A symbol's cached history. `from`..`to` (inclusive) is the span that was fetched and is trusted as complete: every
 * day in it that had a bar is in `bars`, so a day without a bar there is a day the symbol did not trade.
 */
export interface CachedSeries {
  readonly from: string;
  readonly to: string;
  readonly bars: readonly Bar[];
}

const FORMAT = 'regime-rebalancer-bars';
const VERSION = 1;
const COLUMNS = 'date,open,high,low,close,volume';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const headerSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  symbol: z.string(),
  feed: z.enum(['iex', 'sip', 'default']),
  adjustment: z.enum(['raw', 'split', 'dividend', 'all']),
  from: z.string().regex(ISO_DAY),
  to: z.string().regex(ISO_DAY),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Why a file could not be used. `other-series`: a valid file for another key (e.g. an older format): not corrupt. */
export interface UnusableFile {
  readonly kind: 'corrupt' | 'other-series';
  readonly message: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * One JSON header line (key, covered span, row count and the SHA-256 of everything after it), then compact CSV.
 * The count and checksum make a truncated or altered file detectable; numbers are written with String(), which
 * reads back to the identical double.
 */
export function encodeSeries(key: SeriesKey, series: CachedSeries): string {
  const body = `${COLUMNS}\n${series.bars
    .map((b) => `${b.date},${b.open},${b.high},${b.low},${b.close},${b.volume}\n`)
    .join('')}`;
  const header = {
    format: FORMAT,
    version: VERSION,
    symbol: key.symbol,
    feed: key.feed ?? 'default',
    adjustment: key.adjustment,
    from: series.from,
    to: series.to,
    rows: series.bars.length,
    sha256: sha256(body),
  };
  return `${JSON.stringify(header)}\n${body}`;
}

/** Reads a file written by encodeSeries for `key`; anything else (truncated, edited, another key) is refused. */
export function decodeSeries(key: SeriesKey, text: string): Result<CachedSeries, UnusableFile> {
  const corrupt = (message: string): Result<never, UnusableFile> => err({ kind: 'corrupt', message });
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0) return corrupt('no header line (file truncated?)');
  let rawHeader: unknown;
  try {
    rawHeader = JSON.parse(text.slice(0, headerEnd));
  } catch {
    return corrupt('the header line is not JSON');
  }
  const parsed = headerSchema.safeParse(rawHeader);
  if (!parsed.success) {
    // A readable header of another format version is stale, not damaged.
    const version = (rawHeader as { format?: unknown; version?: unknown } | null)?.version;
    const isOurs = (rawHeader as { format?: unknown } | null)?.format === FORMAT;
    if (isOurs && version !== VERSION) return err({ kind: 'other-series', message: `format version ${String(version)}` });
    return corrupt(`unexpected header: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(', ')}`);
  }
  const header = parsed.data;
  const body = text.slice(headerEnd + 1);
  if (sha256(body) !== header.sha256) return corrupt(`checksum mismatch (file truncated or altered)`);
  const wanted = { symbol: key.symbol, feed: key.feed ?? 'default', adjustment: key.adjustment };
  if (header.symbol !== wanted.symbol || header.feed !== wanted.feed || header.adjustment !== wanted.adjustment) {
    return err({
      kind: 'other-series',
      message: `holds ${header.symbol}/${header.feed}/${header.adjustment}, not ${wanted.symbol}/${wanted.feed}/${wanted.adjustment}`,
    });
  }
  if (header.to < header.from) return corrupt(`covered span ends (${header.to}) before it starts (${header.from})`);
  const bars = parseRows(body, header.from, header.to);
  if (typeof bars === 'string') return corrupt(bars);
  if (bars.length !== header.rows) return corrupt(`${bars.length} rows, header says ${header.rows}`);
  return ok({ from: header.from, to: header.to, bars });
}

/** The CSV body: rows inside [from, to], dates strictly ascending, every number finite; or what is wrong. */
function parseRows(body: string, from: string, to: string): Bar[] | string {
  if (!body.startsWith(`${COLUMNS}\n`)) return `expected the columns "${COLUMNS}"`;
  if (!body.endsWith('\n')) return 'the last row is not terminated (file truncated?)';
  // A hand-rolled scan: this runs for every cached symbol on every run, so no per-row arrays or closures.
  const bars: Bar[] = [];
  const cells: number[] = [0, 0, 0, 0, 0];
  let previous = '';
  let row = 0;
  for (let start = COLUMNS.length + 1; start < body.length; ) {
    row++;
    const end = body.indexOf('\n', start);
    const date = body.slice(start, start + 10);
    let at = start + 10;
    let ok = body.charCodeAt(at) === 44 && ISO_DAY.test(date);
    for (let c = 0; ok && c < 5; c++) {
      const next = c < 4 ? body.indexOf(',', at + 1) : end;
      if (next < 0 || next > end || next === at + 1) ok = false;
      else {
        const value = Number(body.slice(at + 1, next));
        ok = Number.isFinite(value);
        cells[c] = value;
        at = next;
      }
    }
    if (!ok || at !== end) return `row ${row} is not "${COLUMNS}"`;
    if (date < from || date > to || date <= previous) return `row ${row} (${date}) is out of order or outside ${from}..${to}`;
    bars.push({ date, open: cells[0] ?? 0, high: cells[1] ?? 0, low: cells[2] ?? 0, close: cells[3] ?? 0, volume: cells[4] ?? 0 });
    previous = date;
    start = end + 1;
  }
  return bars;
}
