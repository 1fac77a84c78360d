import { describe, expect, it } from 'vitest';
import { formatQty } from '../../../src/broker/alpaca/order-qty.js';

describe('formatQty', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [2.9999999999999996, '3'],
    [10, '10'],
    [100, '100'],
    [1e-7, '0.0000001'],
    [5.5, '5.5'],
    [0.123456789, '0.123456789'],
    [0.1234567894, '0.123456789'],
    [0.1234567896, '0.12345679'],
    [1234567.000000001, '1234567.000000001'],
  ])('sends %s as "%s"', (qty, text) => {
    expect(formatQty(qty)).toBe(text);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e-10, 1e21])('refuses %s instead of sending it', (qty) => {
    expect(() => formatQty(qty)).toThrow(RangeError);
  });
});
