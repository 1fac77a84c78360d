/**
 * Deterministic client order ids: the same plan on the same trading day yields the same ids, so a rerun's
 * resubmission is refused by the broker as a duplicate instead of trading twice. Pure.
 */
import { createHash } from 'node:crypto';

const PREFIX = 'rb';
const MAX_LENGTH = 48;
// rb-YYYYMMDD-SYMBOL-b|s-hash8; the symbol may itself hold '-', which the anchored pattern still reads back.
const OWN_ID = /^rb-(\d{4})(\d{2})(\d{2})-[A-Za-z0-9.-]+-[bs]-[0-9a-f]{8}$/;

/** 8 hex digits of a sha256 over the plan's orders, the same whatever order they are listed in. */
export function planHash(orders: readonly { symbol: string; side: 'buy' | 'sell'; qty: number }[]): string {
  // Quantities at 9 decimals, so 0.1 + 0.2 and 0.3 name the same plan.
  const lines = orders.map((o) => JSON.stringify([o.symbol, o.side, o.qty.toFixed(9)])).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 8);
}

/** e.g. rb-20251120-AAPL-b-1a2b3c4d: at most 48 characters, only [A-Za-z0-9.-]. Throws on malformed input (a bug). */
export function clientOrderId(tradingDate: string, symbol: string, side: 'buy' | 'sell', hash: string): string {
  if (!isCalendarDate(tradingDate)) throw new RangeError(`trading date must be YYYY-MM-DD, got ${JSON.stringify(tradingDate)}`);
  if (!/^[0-9a-f]{8}$/.test(hash)) throw new RangeError(`plan hash must be 8 lower-case hex digits, got ${JSON.stringify(hash)}`);
  // Alpaca writes share classes with '.', crypto pairs with '/'; anything outside the id's alphabet becomes '.'.
  const safeSymbol = symbol.replace(/[^A-Za-z0-9.-]/g, '.');
  if (safeSymbol === '') throw new RangeError('symbol must not be empty');
  const head = `${PREFIX}-${tradingDate.replaceAll('-', '')}-`;
  const tail = `-${side === 'buy' ? 'b' : 's'}-${hash}`;
  // Over-long symbols (none among US stocks) are cut to fit; the hash and date still tell runs apart.
  return head + safeSymbol.slice(0, MAX_LENGTH - head.length - tail.length) + tail;
}

/** True for ids made by clientOrderId(), so the executor leaves other people's orders alone. */
export function isOwnOrder(clientOrderId: string): boolean {
  return tradingDateOf(clientOrderId) !== undefined;
}

/** The trading date an own id was made for ('2025-11-20'), or undefined for any other id. */
export function tradingDateOf(clientOrderId: string): string | undefined {
  const match = OWN_ID.exec(clientOrderId);
  if (match === null || clientOrderId.length > MAX_LENGTH) return undefined;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isCalendarDate(date) ? date : undefined;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}
