import type { Result } from '../domain/index.js';
import { err, ok } from '../domain/index.js';
import { firstDateAtOrAfter, lastDateAtOrBefore } from './dates.js';
import { isIsoDate } from '../time/calendar-date.js';
import { newYorkDateOf as newYorkDate } from '../time/new-york.js';

export interface PageCursor {
  readonly symbol: string;
  /** Date of the last bar already served for `symbol`. */
  readonly date: string;
}

/** A validated bars request, in dates: the data is daily. */
export interface BarsQuery {
  /** Upper-case, unique, sorted: results come ordered by symbol. */
  readonly symbols: readonly string[];
  readonly startDate: string;
  readonly endDate: string;
  readonly limit: number;
  readonly sort: 'asc' | 'desc';
  readonly after?: PageCursor;
}

const TIMEFRAMES = new Set(['1Day', '1D']);
const FEEDS = new Set(['iex', 'sip', 'otc', 'boats']);
const ADJUSTMENTS = new Set(['raw', 'split', 'dividend', 'spin-off', 'all']);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 10_000;

/**
 * Checks the query of GET /v2/stocks/bars (symbols given separately for the single-symbol route).
 * `start`/`end` as dates are inclusive; as RFC 3339 instants they are compared with each bar's timestamp
 * (midnight New York), as Alpaca does. `end` is capped at the clock's date: later bars do not exist yet.
 */
export function parseBarsQuery(query: URLSearchParams, symbolsCsv: string | null, now: Date): Result<BarsQuery, string> {
  const symbols = [...new Set((symbolsCsv ?? '').split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== ''))].sort();
  if (symbols.length === 0) return err('missing symbols');
  const timeframe = query.get('timeframe');
  if (timeframe === null || timeframe === '') return err('missing timeframe');
  if (!TIMEFRAMES.has(timeframe)) return err(`invalid timeframe: ${timeframe} (the local exchange serves 1Day only)`);

  const today = newYorkDate(now);
  const start = parseBound(query.get('start'), 'start');
  const end = parseBound(query.get('end'), 'end');
  if (start === 'invalid') return err(`invalid start: ${query.get('start')} (expected RFC 3339 or YYYY-MM-DD)`);
  if (end === 'invalid') return err(`invalid end: ${query.get('end')} (expected RFC 3339 or YYYY-MM-DD)`);
  // Alpaca's default start is the beginning of the current day.
  const startDate = start ?? today;
  if (end !== undefined && end < startDate) return err('end should not be before start');
  const endDate = end === undefined || end > today ? today : end;

  const limitText = query.get('limit');
  const limit = limitText === null || limitText === '' ? DEFAULT_LIMIT : /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) return err(`invalid limit: ${limitText} (expected 1 to ${MAX_LIMIT})`);

  const feed = query.get('feed');
  if (feed !== null && !FEEDS.has(feed)) return err(`invalid feed: ${feed}`);
  const adjustment = query.get('adjustment');
  if (adjustment !== null && !adjustment.split(',').every((a) => ADJUSTMENTS.has(a.trim())))
    return err(`invalid adjustment: ${adjustment}`);
  const sort = query.get('sort') ?? 'asc';
  if (sort !== 'asc' && sort !== 'desc') return err(`invalid sort: ${sort}`);

  const tokenText = query.get('page_token');
  let after: PageCursor | undefined;
  if (tokenText !== null && tokenText !== '') {
    after = decodePageToken(tokenText);
    if (!after) return err('invalid page_token');
  }
  return ok({ symbols, startDate, endDate, limit, sort, ...(after ? { after } : {}) });
}

/** A bound as a date: the first (start) or last (end) date whose bar timestamp falls inside it. */
function parseBound(raw: string | null, which: 'start' | 'end'): string | undefined | 'invalid' {
  if (raw === null || raw === '') return undefined;
  if (isIsoDate(raw)) return raw;
  if (!RFC3339.test(raw)) return 'invalid';
  const instant = new Date(raw);
  if (Number.isNaN(instant.getTime())) return 'invalid';
  return which === 'start' ? firstDateAtOrAfter(instant) : lastDateAtOrBefore(instant);
}

/** Opaque to clients: base64 of "SYMBOL|D|<timestamp of the last bar served>". */
export function encodePageToken(symbol: string, timestamp: string): string {
  return Buffer.from(`${symbol}|D|${timestamp}`, 'utf8').toString('base64');
}

function decodePageToken(token: string): PageCursor | undefined {
  const parts = Buffer.from(token, 'base64').toString('utf8').split('|');
  if (parts.length !== 3 || parts[1] !== 'D' || !parts[0]) return undefined;
  const instant = new Date(parts[2] ?? '');
  if (!RFC3339.test(parts[2] ?? '') || Number.isNaN(instant.getTime())) return undefined;
  return { symbol: parts[0], date: newYorkDate(instant) };
}
