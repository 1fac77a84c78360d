import { QTY_DECIMALS, qtyText } from '../../domain/quantity.js';

/**
 * The decimal string sent as an order's qty: rounded to 9 decimals (so 0.1 + 0.2 goes out as "0.3" and
 * 2.9999999999999996 as "3"), trailing zeros dropped, never an exponent ("1e-7" would be refused).
 * A quantity that is not positive, or rounds to zero, is a bug upstream: it throws rather than send it.
 */
export function formatQty(qty: number): string {
  // toFixed switches to exponent notation from 1e21 on; no real order comes near.
  if (!Number.isFinite(qty) || qty <= 0 || qty >= 1e21) throw new RangeError(`invalid order quantity ${qty}`);
  const text = qtyText(qty);
  if (text === '0') throw new RangeError(`order quantity ${qty} rounds to 0 at ${QTY_DECIMALS} decimals`);
  return text;
}
