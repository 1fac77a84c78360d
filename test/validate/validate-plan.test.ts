import { describe, expect, it } from 'vitest';
import { validatePlan } from '../../src/validate/validate-plan.js';
import { aClock, aPlanContext, aPosition, aTarget, activeAssets, anOrderIntent } from '../builders.js';

/** A healthy rebalance: sell MSFT, buy 200 AAPL at $100 into a $100,000 account. */
const healthy = aPlanContext({
  positions: [aPosition({ symbol: 'MSFT', qty: 50 })],
  targets: [aTarget({ symbol: 'AAPL', qty: 200, price: 100 })],
  orders: [anOrderIntent({ side: 'sell', symbol: 'MSFT', qty: 50 }), anOrderIntent({ symbol: 'AAPL', qty: 200 })],
  prices: new Map([
    ['AAPL', 100],
    ['MSFT', 100],
  ]),
  assets: activeAssets(['AAPL', 'MSFT']),
});

describe('validatePlan', () => {
  it('passes a healthy plan and reports all 7 gates in id order', () => {
    const result = validatePlan(healthy);
    expect(result.passed).toBe(true);
    expect(result.gates.map((g) => [g.id, g.name, g.status])).toEqual([
      [1, 'structure', 'pass'],
      [2, 'buying power', 'pass'],
      [3, 'position size', 'pass'],
      [4, 'total allocation', 'pass'],
      [5, 'market hours', 'pass'],
      [6, 'symbol validity', 'pass'],
      [7, 'regime compliance', 'pass'],
    ]);
  });

  it('fails the plan when one gate fails, still reporting every gate', () => {
    const result = validatePlan({ ...healthy, clock: aClock({ isOpen: false }) });
    expect(result.passed).toBe(false);
    expect(result.gates.map((g) => g.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'fail', 'pass', 'pass']);
  });

  it('passes the plan when gates only warn', () => {
    const result = validatePlan({ ...healthy, clock: aClock({ isOpen: false }), dryRun: true });
    expect(result.passed).toBe(true);
    expect(result.gates[4]?.status).toBe('warn');
  });

  it('reports several failing gates at once', () => {
    const result = validatePlan({ ...healthy, regime: 'CRASH', allocation: 0, assets: activeAssets(['MSFT']) });
    expect(result.passed).toBe(false);
    expect(result.gates.filter((g) => g.status === 'fail').map((g) => g.id)).toEqual([6, 7]);
  });
});
