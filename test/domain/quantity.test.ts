import { describe, expect, it } from 'vitest';
import { formatQty as auditQty } from '../../src/audit/audit-row.js';
import { formatQty as orderQty } from '../../src/broker/alpaca/order-qty.js';
import { floorQty, qtyText, roundQty, sameQty } from '../../src/domain/quantity.js';
import { formatQty as exchangeQty } from '../../src/exchange/json/decimal.js';
import { mulberry32 } from '../../src/random/prng.js';

describe('quantities at 9 decimals', () => {
  it('rounds away float artefacts and never yields -0', () => {
    expect(roundQty(0.1 + 0.2)).toBe(0.3);
    expect(roundQty(2.9999999999999996)).toBe(3);
    expect(roundQty(1.0000000004)).toBe(1);
    expect(roundQty(1.0000000006)).toBe(1.000000001);
    expect(Object.is(roundQty(-1e-12), 0)).toBe(true);
  });

  it('floors without losing a representable 9-decimal value', () => {
    expect(floorQty(0.57)).toBe(0.57);
    expect(floorQty(0.5699999999)).toBe(0.569999999);
    expect(floorQty(12.3456789129)).toBe(12.345678912);
  });

  it('compares at 9 decimals', () => {
    expect(sameQty(3, 2.9999999999999996)).toBe(true);
    expect(sameQty(0.3, 0.1 + 0.2)).toBe(true);
    expect(sameQty(1, 1.000000001)).toBe(false);
  });

  it('prints plain decimals: no exponent, no trailing zeros, no -0', () => {
    expect(qtyText(1e-7)).toBe('0.0000001');
    expect(qtyText(2)).toBe('2');
    expect(qtyText(0.1 + 0.2)).toBe('0.3');
    expect(qtyText(-1e-12)).toBe('0');
    expect(qtyText(-1.5)).toBe('-1.5');
    expect(() => qtyText(Number.NaN)).toThrow(RangeError);
  });

  it('is printed alike by the order adapter, the exchange and the audit trail', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 2000; i += 1) {
      const scale = 10 ** Math.floor(random() * 8 - 3);
      const qty = random() * scale + 1e-9;
      const text = qtyText(qty);
      expect(orderQty(qty)).toBe(text);
      expect(exchangeQty(qty)).toBe(text);
      expect(auditQty(qty)).toBe(text);
      expect(Number(text)).toBe(roundQty(qty));
    }
  });
});
