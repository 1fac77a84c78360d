import { describe, expect, it } from 'vitest';
import { applyDriftBand, type DriftBandSettings } from '../../src/diff/drift-band.js';
import type { OrderIntent, Target } from '../../src/domain/index.js';
import { anOrderIntent, aTarget } from '../builders.js';

const DEFAULTS: DriftBandSettings = { minOrderValue: 100, driftBand: 0.05 };
const NO_BAND: DriftBandSettings = { minOrderValue: 0, driftBand: 0 };

/** The differ's order from `fromQty` to `toQty`: OPEN from 0, CLOSE to 0, ADJUST otherwise. */
function anOrder(symbol: string, fromQty: number, toQty: number): OrderIntent {
  const side = toQty > fromQty ? 'buy' : 'sell';
  const action = fromQty === 0 ? 'OPEN' : toQty === 0 ? 'CLOSE' : 'ADJUST';
  return { ...anOrderIntent({ side, symbol, fromQty, qty: Math.abs(toQty - fromQty) }), action, toQty };
}

function band(fromQty: number, toQty: number, price: number, settings: DriftBandSettings = DEFAULTS) {
  const target = aTarget({ symbol: 'AAPL', qty: toQty, price });
  return applyDriftBand([anOrder('AAPL', fromQty, toQty)], toQty === 0 ? [] : [target], new Map([['AAPL', price]]), settings);
}

describe('applyDriftBand', () => {
  // Target 100 shares at $100 ($10,000): the band is 5% of it, $500; the minimum order $100.
  it.each([
    ['a $100 buy (at the minimum, under the band)', 99, 100, 100, DEFAULTS, 'driftBand'],
    ['a $450 buy (under the band)', 95.5, 100, 100, DEFAULTS, 'driftBand'],
    ['a $400 sell (under the band)', 104, 100, 100, DEFAULTS, 'driftBand'],
    ['a $50 change (under both: the minimum is named)', 99.5, 100, 100, DEFAULTS, 'minOrderValue'],
    ['a $30 fractional change', 20.2, 20.5, 100, { minOrderValue: 100, driftBand: 0 }, 'minOrderValue'],
    ['a $99.99 change', 1, 1.9999, 100, { minOrderValue: 100, driftBand: 0 }, 'minOrderValue'],
  ] as const)('holds back %s', (_, fromQty, toQty, price, settings, rule) => {
    const result = band(fromQty, toQty, price, settings);
    expect(result.orders).toEqual([]);
    expect(result.withinBand).toEqual([
      { symbol: 'AAPL', fromQty, toQty, value: expect.closeTo(Math.abs(toQty - fromQty) * price, 6), rule },
    ]);
  });

  it.each([
    ['a $500 buy, exactly at the band', 95, 100, 100, DEFAULTS],
    ['a $500 sell, exactly at the band', 105, 100, 100, DEFAULTS],
    ['a $600 buy, over the band', 94, 100, 100, DEFAULTS],
    // 0.57 × 100 is 56.99999999999999 in floats: still exactly at the minimum.
    ['a fractional 0.57 share at $100 with a $57 minimum', 10, 10.57, 100, { minOrderValue: 57, driftBand: 0 }],
    ['any change with both rules at 0', 99.999, 100, 100, NO_BAND],
  ] as const)('sends %s', (_, fromQty, toQty, price, settings) => {
    const result = band(fromQty, toQty, price, settings);
    expect(result.orders).toHaveLength(1);
    expect(result.withinBand).toEqual([]);
  });

  it('never holds back an OPEN or a CLOSE, however small', () => {
    const orders = [anOrder('AMD', 0, 0.01), anOrder('INTC', 0.01, 0)];
    const targets = [aTarget({ symbol: 'AMD', qty: 0.01, price: 100 })];
    const result = applyDriftBand(orders, targets, new Map([['AMD', 100], ['INTC', 100]]), DEFAULTS);
    expect(result.orders).toEqual(orders);
    expect(result.withinBand).toEqual([]);
  });

  it("puts a held-back symbol's target at the quantity held and leaves the other targets and orders as they were", () => {
    const orders = [anOrder('MSFT', 10, 6), anOrder('AAPL', 99, 100)];
    const targets: Target[] = [aTarget({ symbol: 'AAPL', qty: 100, price: 100 }), aTarget({ symbol: 'MSFT', qty: 6, price: 400 })];
    const result = applyDriftBand(orders, targets, new Map(), DEFAULTS);
    expect(result.orders.map((o) => o.symbol)).toEqual(['MSFT']);
    expect(result.targets).toEqual([{ symbol: 'AAPL', qty: 99, price: 100, value: 9_900 }, targets[1]]);
  });

  it("values the change at the price map's price before the target's", () => {
    // At the target's $100 the one-share change is under a $500 minimum; at today's $1,000 it is over it.
    const orders = [anOrder('AAPL', 99, 100)];
    const targets = [aTarget({ symbol: 'AAPL', qty: 100, price: 100 })];
    const settings = { minOrderValue: 500, driftBand: 0 };
    expect(applyDriftBand(orders, targets, new Map(), settings).orders).toEqual([]);
    expect(applyDriftBand(orders, targets, new Map([['AAPL', 1_000]]), settings).orders).toEqual(orders);
  });

  it('sends an ADJUST it cannot value (no target, no price)', () => {
    const orders = [anOrder('AAPL', 99, 100)];
    expect(applyDriftBand(orders, [], new Map(), DEFAULTS).orders).toEqual(orders);
  });
});
