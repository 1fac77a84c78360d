import { describe, expect, it } from 'vitest';
import { formatDecimal, formatMoney, formatQty } from '../../../src/exchange/json/decimal.js';

describe('decimal strings', () => {
  it.each([
    [0.1 + 0.2, '0.30'],
    [1234.5, '1234.50'],
    [-0.001, '0.00'],
    [-250.456, '-250.46'],
    [1e21, '1000000000000000000000.00'],
  ])('formatMoney(%s) is %s', (value, text) => {
    expect(formatMoney(value)).toBe(text);
  });

  it.each([
    [1e-7, '0.0000001'],
    [0.1 + 0.2, '0.3'],
    [12.345678901234, '12.345678901'],
    [10, '10'],
    [-1e-12, '0'],
  ])('formatQty(%s) is %s', (value, text) => {
    expect(formatQty(value)).toBe(text);
  });

  it('refuses to format a non-finite number rather than send it to a client', () => {
    expect(() => formatDecimal(Number.NaN, 2)).toThrow(/NaN/);
  });
});
