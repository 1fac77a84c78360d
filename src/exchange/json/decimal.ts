import { QTY_DECIMALS } from '../../domain/quantity.js';

/**
 * Alpaca sends money and quantities as decimal strings. These never show float artefacts
 * (0.30000000000000004) or exponent notation (1e-7), and never "-0".
 */
export function formatDecimal(value: number, maxDecimals: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot format ${value} as a decimal`);
  // toFixed switches to exponent notation from 1e21; numbers that large are whole, so BigInt prints them exactly.
  let text = Math.abs(value) >= 1e21 ? BigInt(value).toString() : value.toFixed(maxDecimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return /^-0(\.0*)?$/.test(text) ? '0' : text;
}

/** Dollar amounts: always two decimals ("1234.50"). */
export function formatMoney(value: number): string {
  const text = formatDecimal(value, 2);
  const [whole, cents = ''] = text.split('.');
  return `${whole}.${cents.padEnd(2, '0')}`;
}

/** Share prices: up to 4 decimals, like Alpaca's sub-dollar quotes. */
export const formatPrice = (value: number): string => formatDecimal(value, 4);

/** Share quantities: up to 9 decimals, Alpaca's fractional precision. */
export const formatQty = (value: number): string => formatDecimal(value, QTY_DECIMALS);

/** Ratios "by a factor of 1" (0.0123 = 1.23 %). */
export const formatRatio = (value: number): string => formatDecimal(value, 10);
