import { describe, expect, it } from 'vitest';
import type { MomentumPick, SizingMode, Target } from '../../src/domain/index.js';
import { sizeTargets, type SizingInput } from '../../src/sizing/size-targets.js';
import { aPick } from '../builders.js';

function picksAt(prices: Readonly<Record<string, number>>): MomentumPick[] {
  return Object.entries(prices).map(([symbol, price], i) => aPick({ rank: i + 1, symbol, price }));
}

interface SizeOptions extends Partial<Omit<SizingInput, 'budget'>> {
  readonly equity?: number;
  readonly allocation?: number;
  readonly cashBuffer?: number;
}

/** Sizes with a budget of equity × allocation × (1 − cashBuffer), as the planner does with nothing left untouched. */
function size(prices: Readonly<Record<string, number>>, options: SizeOptions = {}): readonly Target[] {
  const { equity = 10_000, allocation = 1, cashBuffer = 0, ...overrides } = options;
  return sizeTargets({
    picks: picksAt(prices),
    budget: equity * allocation * (1 - cashBuffer),
    mode: 'floor',
    isFractionable: () => true,
    ...overrides,
  });
}

const qtyBySymbol = (targets: readonly Target[]) => Object.fromEntries(targets.map((t) => [t.symbol, t.qty]));
const deployed = (targets: readonly Target[]) => targets.reduce((sum, t) => sum + t.value, 0);

describe('sizeTargets: floor', () => {
  it('buys whole shares of an equal share of equity × allocation × (1 − cashBuffer)', () => {
    // 100,000 × 0.7 × 0.98 = 68,600 over 4 picks = 17,150 each.
    const targets = size({ A: 100, B: 300, C: 17_150, D: 17_151 }, { equity: 100_000, allocation: 0.7, cashBuffer: 0.02 });
    expect(qtyBySymbol(targets)).toEqual({ A: 171, B: 57, C: 1, D: 0 });
  });

  it('gives 0 shares to a pick priced above its share of the budget', () => {
    const targets = size({ CHEAP: 100, DEAR: 2_700, MID1: 300, MID2: 300 });
    expect(targets.find((t) => t.symbol === 'DEAR')).toEqual({ symbol: 'DEAR', qty: 0, price: 2_700, value: 0 });
  });

  it('splits the budget over the picks given when fewer than N qualified', () => {
    const targets = size({ A: 100, B: 100 });
    expect(qtyBySymbol(targets)).toEqual({ A: 50, B: 50 });
  });

  it('reports value as quantity × price and keeps the picks in order', () => {
    const targets = size({ B: 30, A: 70 });
    expect(targets).toEqual([
      { symbol: 'B', qty: 166, price: 30, value: 4_980 },
      { symbol: 'A', qty: 71, price: 70, value: 4_970 },
    ]);
  });

  it('returns no targets when there are no picks', () => {
    expect(size({})).toEqual([]);
  });
});

describe('sizeTargets: fill', () => {
  it('gives an expensive pick a share when it fits the overall target', () => {
    // 2,500 each; floor: 8 × 300 = 2,400 ×3, DEAR 0; 2,800 left, so DEAR (furthest below target) gets one at 2,700.
    const targets = size({ DEAR: 2_700, B: 300, C: 300, D: 300 }, { mode: 'fill' });
    expect(qtyBySymbol(targets)).toEqual({ DEAR: 1, B: 8, C: 8, D: 8 });
    expect(deployed(targets)).toBe(9_900);
  });

  it('spends on the others when the expensive pick does not fit the overall target', () => {
    const targets = size({ DEAR: 2_900, B: 300, C: 300, D: 300 }, { mode: 'fill' });
    expect(qtyBySymbol(targets)).toEqual({ DEAR: 0, B: 11, C: 11, D: 11 });
  });

  it('gives the next share to the pick furthest below its target', () => {
    // 1,000 each; floor: A 600, B 700; A is 400 below, B 300 below → A gets the 600 share; 100 left.
    const targets = size({ A: 600, B: 700 }, { equity: 2_000, mode: 'fill' });
    expect(qtyBySymbol(targets)).toEqual({ A: 2, B: 1 });
  });

  it('breaks a tie in distance by the lower symbol, whatever the pick order', () => {
    const targets = size({ BBB: 300, AAA: 300 }, { equity: 1_000, mode: 'fill' });
    expect(qtyBySymbol(targets)).toEqual({ AAA: 2, BBB: 1 });
  });

  it.each([
    { equity: 10_000, prices: { A: 333.33, B: 71.07, C: 1_234.5 } },
    { equity: 25_000, prices: { A: 9.99, B: 4_999.99, C: 812.4, D: 0.37 } },
    { equity: 100_000, prices: { A: 187.21, B: 412.09, C: 55.55, D: 903.1, E: 12.01 } },
    { equity: 7_777.77, prices: { A: 7_000, B: 5_000 } },
  ])('leaves less than one share of the cheapest pick undeployed and never exceeds the budget (equity $equity)', ({ equity, prices }) => {
    const targets = size(prices, { equity, allocation: 0.7, cashBuffer: 0.02, mode: 'fill' });
    const budget = equity * 0.7 * 0.98;
    const cheapest = Math.min(...Object.values(prices));
    expect(deployed(targets)).toBeLessThanOrEqual(budget + 1e-6);
    expect(budget - deployed(targets)).toBeLessThan(cheapest);
    for (const t of targets) expect(Number.isInteger(t.qty)).toBe(true);
  });
});

describe('sizeTargets: fractional', () => {
  it('rounds fractionable picks down to 6 decimals and the others to whole shares', () => {
    const targets = size({ FRAC: 300, WHOLE: 300 }, { equity: 1_000, mode: 'fractional', isFractionable: (s) => s === 'FRAC' });
    expect(targets).toEqual([
      { symbol: 'FRAC', qty: 1.666666, price: 300, value: 499.9998 },
      { symbol: 'WHOLE', qty: 1, price: 300, value: 300 },
    ]);
  });

  it('buys a fraction of a pick priced above its share of the budget', () => {
    const targets = size({ DEAR: 4_000, B: 100 }, { equity: 1_000, mode: 'fractional' });
    expect(qtyBySymbol(targets)).toEqual({ DEAR: 0.125, B: 5 });
  });
});

describe('sizeTargets: CRASH (allocation 0)', () => {
  it.each<SizingMode>(['floor', 'fill', 'fractional'])('sizes every pick to 0 shares worth 0 in %s mode', (mode) => {
    const targets = size({ A: 10, B: 20, C: 0.5 }, { allocation: 0, mode });
    expect(targets).toEqual([
      { symbol: 'A', qty: 0, price: 10, value: 0 },
      { symbol: 'B', qty: 0, price: 20, value: 0 },
      { symbol: 'C', qty: 0, price: 0.5, value: 0 },
    ]);
  });
});

describe('sizeTargets: float safety', () => {
  it('buys the exact number of shares when the budget is a multiple of the price', () => {
    // 68,600 / 9.8 is 6999.999999999999 in floating point; the answer is 7,000.
    const targets = size({ A: 9.8 }, { equity: 100_000, allocation: 0.7, cashBuffer: 0.02 });
    expect(targets).toEqual([{ symbol: 'A', qty: 7_000, price: 9.8, value: 68_600 }]);
  });

  it('reports values without float artefacts (3 × 0.1 is 0.3)', () => {
    const targets = size({ A: 0.1 }, { equity: 0.3 });
    expect(targets).toEqual([{ symbol: 'A', qty: 3, price: 0.1, value: 0.3 }]);
  });

  it.each<SizingMode>(['floor', 'fill', 'fractional'])('keeps quantities exact and within budget for prices 0.1, 0.2, 33.33 in %s mode', (mode) => {
    const targets = size({ A: 0.1, B: 0.2, C: 33.33 }, { equity: 100, mode });
    for (const t of targets) {
      expect(t.qty).toBe(Number(t.qty.toFixed(6)));
      expect(t.value).toBe(Number((t.qty * t.price).toFixed(9)));
    }
    expect(deployed(targets)).toBeLessThanOrEqual(100 + 1e-9);
  });

  it('sizes 0.1, 0.2 and 33.33 to the hand-computed fractional quantities', () => {
    // 100 / 3 = 33.333333… each.
    const targets = size({ A: 0.1, B: 0.2, C: 33.33 }, { equity: 100, mode: 'fractional' });
    expect(qtyBySymbol(targets)).toEqual({ A: 333.333333, B: 166.666666, C: 1.0001 });
  });
});
