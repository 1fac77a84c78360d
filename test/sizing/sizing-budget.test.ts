import { describe, expect, it } from 'vitest';
import { sizingBudget, type BudgetInput } from '../../src/sizing/sizing-budget.js';

const input = (overrides: Partial<BudgetInput> = {}): BudgetInput => ({
  equity: 100_000,
  allocation: 1,
  cashBuffer: 0,
  untouched: [],
  spendable: 1_000_000,
  buyingPowerReserve: 0.01,
  marketBuyCollar: 0.04,
  ...overrides,
});

describe('sizingBudget', () => {
  it.each([
    ['equity × allocation when nothing else limits it', {}, 100_000],
    ['less the cash buffer', { allocation: 0.7, cashBuffer: 0.02 }, 68_600],
    ['less what the plan leaves untouched', { untouched: [{ symbol: 'AAPL', value: 30_000, reason: 'ignored' as const }] }, 70_000],
    ['never below zero', { allocation: 0.3, untouched: [{ symbol: 'AAPL', value: 30_001, reason: 'ignored' as const }] }, 0],
    ['capped by the collar: spendable / (1 + collar)', { spendable: 104_000 }, 100_000],
    ['capped by the reserve when it is the larger cut', { spendable: 100_000, buyingPowerReserve: 0.05 }, 95_000],
    ['zero in CRASH', { allocation: 0 }, 0],
  ])('is %s', (_, overrides, budget) => {
    expect(sizingBudget(input(overrides)).budget).toBeCloseTo(budget, 6);
  });

  it('reports what it subtracted and the room the buys have', () => {
    const untouched = [
      { symbol: 'AAPL', value: 10_000, reason: 'ignored' as const },
      { symbol: 'BTCUSD', value: 5_000, reason: 'not a stock' as const },
    ];
    expect(sizingBudget(input({ untouched, spendable: 52_000 }))).toEqual({
      allocated: 100_000,
      untouchedValue: 15_000,
      untouched,
      buyRoom: expect.closeTo(50_000, 6),
      budget: expect.closeTo(50_000, 6),
    });
  });
});
