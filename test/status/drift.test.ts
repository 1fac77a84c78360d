import { describe, expect, it } from 'vitest';
import { computeDrift, DEFAULT_STATUS_DRIFT_BAND, driftBandOf } from '../../src/status/drift.js';

const position = (symbol: string, qty: number, currentPrice: number) => ({ symbol, qty, currentPrice });

describe('computeDrift', () => {
  it('is zero when every position equals its target', () => {
    const drift = computeDrift({ targets: [{ symbol: 'AAPL', qty: 10, price: 100 }], orders: [], positions: [position('AAPL', 10, 101)], equity: 10_000 });
    expect(drift.total).toBe(0);
    expect(drift.rows).toEqual([{ symbol: 'AAPL', currentQty: 10, targetQty: 10, price: 100, diffQty: 0, diffValue: 0, pctOfTarget: 0 }]);
  });

  it('values each difference at the target price, as a share of the target and of equity in total', () => {
    const drift = computeDrift({
      targets: [{ symbol: 'AAPL', qty: 10, price: 100 }, { symbol: 'MSFT', qty: 4, price: 250 }],
      orders: [{ symbol: 'AAPL', toQty: 10 }],
      positions: [position('AAPL', 8, 99), position('MSFT', 5, 260)],
      equity: 5_000,
    });
    expect(drift.rows.map((r) => [r.symbol, r.diffQty, r.diffValue, r.pctOfTarget])).toEqual([
      ['MSFT', 1, 250, 0.25],
      ['AAPL', -2, -200, -0.2],
    ]);
    expect(drift.absValue).toBe(450);
    expect(drift.total).toBeCloseTo(0.09, 12);
  });

  it('counts a position the plan closes at its own price, with no share of a target', () => {
    const drift = computeDrift({ targets: [], orders: [{ symbol: 'INTC', toQty: 0 }], positions: [position('INTC', 100, 30)], equity: 10_000 });
    expect(drift.rows).toEqual([{ symbol: 'INTC', currentQty: 100, targetQty: 0, price: 30, diffQty: 100, diffValue: 3000, pctOfTarget: null }]);
    expect(drift.total).toBe(0.3);
  });

  it('leaves out positions the plan leaves alone (ignored symbols, bad data)', () => {
    const drift = computeDrift({ targets: [], orders: [], positions: [position('BRK.B', 5, 400)], equity: 10_000 });
    expect(drift.rows).toEqual([]);
    expect(drift.total).toBe(0);
  });

  it('is 0 of no equity rather than NaN', () => {
    expect(computeDrift({ targets: [{ symbol: 'A', qty: 1, price: 1 }], orders: [], positions: [], equity: 0 }).total).toBe(0);
  });
});

describe('driftBandOf', () => {
  it.each([
    ['a config with sizing.driftBand', { sizing: { driftBand: 0.02 } }, 0.02],
    ['a config without it', { sizing: { mode: 'fill' } }, DEFAULT_STATUS_DRIFT_BAND],
    ['no sizing section', {}, DEFAULT_STATUS_DRIFT_BAND],
    ['a band that is not a fraction', { sizing: { driftBand: 5 } }, DEFAULT_STATUS_DRIFT_BAND],
    ['a band that is not a number', { sizing: { driftBand: '0.02' } }, DEFAULT_STATUS_DRIFT_BAND],
  ])('reads %s', (_name, config, band) => {
    expect(driftBandOf(config)).toBe(band);
  });
});
