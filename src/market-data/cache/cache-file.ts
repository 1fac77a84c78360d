import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import * as z from 'zod';
import type { Bar, Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';

/** What one cache file is for: daily bars from one feed with one price adjustment, for any number of symbols. */
export interface SourceKey {
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

/** Why a file could not be used. `other-source`: a valid file for another key (e.g. an older format): not corrupt. */
export interface UnusableFile {
  readonly kind: 'corrupt' | 'other-source';
  readonly message: string;
}

const FORMAT = 'regime-rebalancer-bars';
const VERSION = 2;
/** Bytes per row: open, high, low, close and volume as float64, then the day as int32. */
const ROW_BYTES = 5 * 8 + 4;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const BYTE_ORDER = endianness();

const day = z.string().regex(ISO_DAY);
const headerSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  feed: z.enum(['iex', 'sip', 'default']),
  adjustment: z.enum(['raw', 'split', 'dividend', 'all']),
  byteOrder: z.enum(['LE', 'BE']),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** [symbol, from, to, rows] in the order of the rows. */
  series: z.array(z.tuple([z.string().min(1), day, day, z.number().int().nonnegative()])),
});

/** Where one symbol's rows are in the columns. */
interface Segment {
  readonly symbol: string;
  readonly from: string;
  readonly to: string;
  readonly start: number;
  readonly rows: number;
}

/** The columns every row of a file is spread over (a struct of arrays: no object per bar until one is asked for). */
interface Columns {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Days since 1970-01-01. */
  readonly day: Int32Array;
}

/**
 * The decoded file of one source: every cached symbol's history, kept as columns. A symbol's bars are built only
 * when asked for, so a run that wants 30 symbols of a 500-symbol file pays for 30.
 */
export class BarFile {
  private readonly segments: ReadonlyMap<string, Segment>;

  private constructor(
    segments: readonly Segment[],
    private readonly columns: Columns,
  ) {
    this.segments = new Map(segments.map((s) => [s.symbol, s]));
  }

  static empty(): BarFile {
    return new BarFile([], columnsOfRows(0));
  }

  get symbols(): readonly string[] {
    return [...this.segments.keys()];
  }

  series(symbol: string): CachedSeries | undefined {
    const segment = this.segments.get(symbol);
    if (segment === undefined) return undefined;
    const { open, high, low, close, volume, day } = this.columns;
    const bars: Bar[] = new Array<Bar>(segment.rows);
    for (let i = 0; i < segment.rows; i++) {
      const at = segment.start + i;
      bars[i] = { date: isoDay(day[at] ?? 0), open: open[at] ?? 0, high: high[at] ?? 0, low: low[at] ?? 0, close: close[at] ?? 0, volume: volume[at] ?? 0 };
    }
    return { from: segment.from, to: segment.to, bars };
  }

  /**
   * This file with `replaced` symbols' histories put in (added or replacing theirs); the others are copied as they
   * are, without building their bars.
   */
  with(replaced: ReadonlyMap<string, CachedSeries>): BarFile {
    const kept = [...this.segments.values()].filter((s) => !replaced.has(s.symbol));
    const order = [...kept.map((s) => s.symbol), ...replaced.keys()].sort();
    const total = kept.reduce((n, s) => n + s.rows, 0) + [...replaced.values()].reduce((n, s) => n + s.bars.length, 0);
    const columns = columnsOfRows(total);
    const segments: Segment[] = [];
    let at = 0;
    for (const symbol of order) {
      const fresh = replaced.get(symbol);
      if (fresh !== undefined) {
        fresh.bars.forEach((bar, i) => {
          columns.open[at + i] = bar.open;
          columns.high[at + i] = bar.high;
          columns.low[at + i] = bar.low;
          columns.close[at + i] = bar.close;
          columns.volume[at + i] = bar.volume;
          columns.day[at + i] = epochDay(bar.date);
        });
        segments.push({ symbol, from: fresh.from, to: fresh.to, start: at, rows: fresh.bars.length });
        at += fresh.bars.length;
        continue;
      }
      const old = this.segments.get(symbol) as Segment;
      for (const name of COLUMN_NAMES) columns[name].set(this.columns[name].subarray(old.start, old.start + old.rows), at);
      segments.push({ ...old, start: at });
      at += old.rows;
    }
    return new BarFile(segments, columns);
  }

  /**
   * One JSON header line (key, byte order, every symbol's span and row count, and the SHA-256 of the body), then the
   * columns as raw little- or big-endian numbers: nothing to parse on the way back, and a truncated or altered file
   * fails the length or checksum test. Float64 holds every price and volume exactly as it came.
   */
  encode(source: SourceKey): Buffer {
    const rows = this.columns.day.length;
    const body = Buffer.alloc(rows * ROW_BYTES);
    let offset = 0;
    for (const name of COLUMN_NAMES) {
      const column = this.columns[name];
      body.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
      offset += column.byteLength;
    }
    const header = {
      format: FORMAT,
      version: VERSION,
      feed: source.feed ?? 'default',
      adjustment: source.adjustment,
      byteOrder: BYTE_ORDER,
      rows,
      sha256: sha256(body),
      series: [...this.segments.values()].sort((a, b) => a.start - b.start).map((s) => [s.symbol, s.from, s.to, s.rows]),
    };
    return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]);
  }

  /** Reads a file written by encode() for `source`; anything else (truncated, edited, another source) is refused. */
  static decode(source: SourceKey, bytes: Uint8Array): Result<BarFile, UnusableFile> {
    const corrupt = (message: string): Result<never, UnusableFile> => err({ kind: 'corrupt', message });
    const headerEnd = bytes.indexOf(0x0a);
    if (headerEnd < 0) return corrupt('no header line (file truncated?)');
    let rawHeader: unknown;
    try {
      rawHeader = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, headerEnd).toString('utf8'));
    } catch {
      return corrupt('the header line is not JSON');
    }
    const parsed = headerSchema.safeParse(rawHeader);
    if (!parsed.success) {
      // A readable header of another format version is stale, not damaged.
      const { format, version } = (rawHeader ?? {}) as { format?: unknown; version?: unknown };
      if (format === FORMAT && version !== VERSION) return err({ kind: 'other-source', message: `format version ${String(version)}` });
      return corrupt(`unexpected header: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(', ')}`);
    }
    const header = parsed.data;
    const wanted = { feed: source.feed ?? 'default', adjustment: source.adjustment };
    if (header.feed !== wanted.feed || header.adjustment !== wanted.adjustment) {
      return err({ kind: 'other-source', message: `holds ${header.feed}/${header.adjustment}, not ${wanted.feed}/${wanted.adjustment}` });
    }
    if (header.byteOrder !== BYTE_ORDER) return err({ kind: 'other-source', message: `written on a ${header.byteOrder} machine` });
    const body = bytes.subarray(headerEnd + 1);
    if (body.length !== header.rows * ROW_BYTES) {
      return corrupt(`${body.length} bytes of rows, header says ${header.rows} rows of ${ROW_BYTES} (file truncated?)`);
    }
    if (sha256(body) !== header.sha256) return corrupt('checksum mismatch (file truncated or altered)');
    // A copy on a fresh buffer: typed-array views need aligned offsets, which the header's length does not give.
    const aligned = new Uint8Array(body.length);
    aligned.set(body);
    const columns = columnsOver(aligned.buffer, header.rows);
    const segments = segmentsOf(header.series, header.rows, columns);
    if (typeof segments === 'string') return corrupt(segments);
    return ok(new BarFile(segments, columns));
  }
}

const COLUMN_NAMES = ['open', 'high', 'low', 'close', 'volume', 'day'] as const;

function columnsOfRows(rows: number): Columns {
  return columnsOver(new ArrayBuffer(rows * ROW_BYTES), rows);
}

/** The float64 columns first, so every view starts on a multiple of 8. */
function columnsOver(buffer: ArrayBufferLike, rows: number): Columns {
  const float = (i: number): Float64Array => new Float64Array(buffer, i * rows * 8, rows);
  return { open: float(0), high: float(1), low: float(2), close: float(3), volume: float(4), day: new Int32Array(buffer, 5 * rows * 8, rows) };
}

/**
 * The header's spans laid over the rows, checked: spans cover the rows exactly, days ascend inside each span.
 * Prices are not judged here (the checksum says they are what was written; the data-quality gate judges them).
 */
function segmentsOf(
  series: readonly (readonly [string, string, string, number])[],
  rows: number,
  columns: Columns,
): Segment[] | string {
  const segments: Segment[] = [];
  const seen = new Set<string>();
  let start = 0;
  for (const [symbol, from, to, count] of series) {
    if (seen.has(symbol)) return `${symbol} is listed twice`;
    seen.add(symbol);
    if (to < from) return `${symbol}: covered span ends (${to}) before it starts (${from})`;
    const [first, last] = [epochDay(from), epochDay(to)];
    let previous = first - 1;
    for (let at = start; at < start + count && at < rows; at++) {
      const d = columns.day[at] ?? 0;
      if (d <= previous || d > last) return `${symbol}: row ${at - start + 1} (${isoDay(d)}) is out of order or outside ${from}..${to}`;
      previous = d;
    }
    segments.push({ symbol, from, to, start, rows: count });
    start += count;
  }
  if (start !== rows) return `the symbols' rows add up to ${start}, header says ${rows}`;
  return segments;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Days since 1970-01-01 of a YYYY-MM-DD day, memoised: a cold run converts every bar's day. */
const epochDays = new Map<string, number>();
function epochDay(iso: string): number {
  let days = epochDays.get(iso);
  if (days === undefined) {
    days = Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
    epochDays.set(iso, days);
  }
  return days;
}

/** True for a real YYYY-MM-DD calendar day, the only kind a file can store (2024-02-30 is not one). */
export function isCalendarDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const days = epochDay(text);
  return Number.isFinite(days) && isoDay(days) === text;
}

/** YYYY-MM-DD of a day number; one string per distinct day, shared by every bar of that day. */
const isoDays = new Map<number, string>();
function isoDay(days: number): string {
  let text = isoDays.get(days);
  if (text === undefined) {
    text = new Date(days * DAY_MS).toISOString().slice(0, 10);
    isoDays.set(days, text);
  }
  return text;
}
