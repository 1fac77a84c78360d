import { describe, expect, it } from 'vitest';
import { scaleHoldings } from '../../src/sizing/scale-holdings.js';

const holdings = [
  { symbol: 'AAA', qty: 100, price: 50 },
  { symbol: 'BBB', qty: 10, price: 300 },
  { symbol: 'CCC', qty: 1000, price: 3 },
];
const all = (): boolean => true;

describe('scaleHoldings', () => {
  it('keeps the names and their proportions, scaled to the budget, whole shares rounded down', () => {
    const targets = scaleHoldings({ holdings, budget: 5_000, mode: 'fill', isFractionable: all, isBuyable: all });
    expect(targets.map((t) => [t.symbol, t.qty])).toEqual([['AAA', 45], ['BBB', 4], ['CCC', 454]]);
    expect(targets.reduce((s, t) => s + t.value, 0)).toBeLessThanOrEqual(5_000);
  });

  it('a budget of 0 closes everything', () => {
    expect(scaleHoldings({ holdings, budget: 0, mode: 'fill', isFractionable: all, isBuyable: all }).map((t) => t.qty)).toEqual([0, 0, 0]);
  });

  it('fractional mode keeps fractions for fractionable names', () => {
    const [aaa] = scaleHoldings({ holdings: [holdings[0]!], budget: 2_525, mode: 'fractional', isFractionable: all, isBuyable: all });
    expect(aaa?.qty).toBe(50.5);
  });

  it('scaling up holds a name that may not be bought as it is and spreads the budget over the others', () => {
    const targets = scaleHoldings({ holdings, budget: 22_000, mode: 'fill', isFractionable: all, isBuyable: (s) => s !== 'CCC' });
    expect(targets.find((t) => t.symbol === 'CCC')?.qty).toBe(1000);
    // 22,000 - 3,000 kept = 19,000 over AAA and BBB (8,000 now): × 2.375.
    expect(targets.find((t) => t.symbol === 'AAA')?.qty).toBe(237);
    expect(targets.find((t) => t.symbol === 'BBB')?.qty).toBe(23);
  });

  it('scaling down sells a name that may not be bought like any other', () => {
    expect(scaleHoldings({ holdings, budget: 5_500, mode: 'fill', isFractionable: all, isBuyable: (s) => s !== 'CCC' }).find((t) => t.symbol === 'CCC')?.qty).toBe(500);
  });
});
