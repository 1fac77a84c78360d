/**
 * Client order ids: the trading day, symbol, side, plan and attempt. Alpaca refuses a reused id forever (even of a
 * cancelled order), so each run of a trading day is a new attempt with new ids, while a retry of one submission
 * within a run reuses its id and is refused as a duplicate instead of trading twice. Pure.
 */
import { createHash } from 'node:crypto';
import { qtyText } from '../domain/quantity.js';
import { isIsoDate } from '../time/calendar-date.js';

const PREFIX = 'rb';
const MAX_LENGTH = 48;
/** Four digits keep the id within 48 characters; no trading day sees thousands of runs. */
export const MAX_ATTEMPT = 9999;
// rb-YYYYMMDD-SYMBOL-b|s-hash8-aN; the symbol may itself hold '-', which the anchored pattern still reads back.
// Ids without '-aN' were made before attempts existed: still the tool's own, read as attempt 0.
const OWN_ID = /^rb-(\d{4})(\d{2})(\d{2})-[A-Za-z0-9.-]+-[bs]-[0-9a-f]{8}(?:-a([1-9]\d{0,3}))?$/;

/** 8 hex digits of a sha256 over the plan's orders, the same whatever order they are listed in. */
export function planHash(orders: readonly { symbol: string; side: 'buy' | 'sell'; qty: number }[]): string {
  // Quantities at 9 decimals, so 0.1 + 0.2 and 0.3 name the same plan.
  const lines = orders.map((o) => JSON.stringify([o.symbol, o.side, qtyText(o.qty)])).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 8);
}

/** e.g. rb-20251120-AAPL-b-1a2b3c4d-a2: at most 48 characters, only [A-Za-z0-9.-]. Throws on malformed input (a bug). */
export function clientOrderId(tradingDate: string, symbol: string, side: 'buy' | 'sell', hash: string, attempt: number): string {
  if (!isIsoDate(tradingDate)) throw new RangeError(`trading date must be YYYY-MM-DD, got ${JSON.stringify(tradingDate)}`);
  if (!/^[0-9a-f]{8}$/.test(hash)) throw new RangeError(`plan hash must be 8 lower-case hex digits, got ${JSON.stringify(hash)}`);
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_ATTEMPT) {
    throw new RangeError(`attempt must be an integer in 1..${MAX_ATTEMPT}, got ${attempt}`);
  }
  // Alpaca writes share classes with '.', crypto pairs with '/'; anything outside the id's alphabet becomes '.'.
  const safeSymbol = symbol.replace(/[^A-Za-z0-9.-]/g, '.');
  if (safeSymbol === '') throw new RangeError('symbol must not be empty');
  const head = `${PREFIX}-${tradingDate.replaceAll('-', '')}-`;
  const tail = `-${side === 'buy' ? 'b' : 's'}-${hash}-a${attempt}`;
  // Over-long symbols (none among US stocks) are cut to fit; the hash, date and attempt still tell runs apart.
  return head + safeSymbol.slice(0, MAX_LENGTH - head.length - tail.length) + tail;
}

/** True for ids made by clientOrderId(), so the executor leaves other people's orders alone. */
export function isOwnOrder(clientOrderId: string): boolean {
  return tradingDateOf(clientOrderId) !== undefined;
}

/** The trading date an own id was made for ('2025-11-20'), or undefined for any other id. */
export function tradingDateOf(clientOrderId: string): string | undefined {
  return parseOwnId(clientOrderId)?.tradingDate;
}

/** The attempt an own id belongs to (0 for ids made before attempts existed), or undefined for any other id. */
export function attemptOf(clientOrderId: string): number | undefined {
  return parseOwnId(clientOrderId)?.attempt;
}

/** The attempt a new run of `tradingDate` takes: one after the highest among the tool's own ids of that day. */
export function nextAttempt(clientOrderIds: readonly string[], tradingDate: string): number {
  let highest = 0;
  for (const id of clientOrderIds) {
    const own = parseOwnId(id);
    if (own !== undefined && own.tradingDate === tradingDate) highest = Math.max(highest, own.attempt);
  }
  return highest + 1;
}

function parseOwnId(clientOrderId: string): { tradingDate: string; attempt: number } | undefined {
  const match = OWN_ID.exec(clientOrderId);
  if (match === null || clientOrderId.length > MAX_LENGTH) return undefined;
  const tradingDate = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(tradingDate) ? { tradingDate, attempt: match[4] === undefined ? 0 : Number(match[4]) } : undefined;
}
