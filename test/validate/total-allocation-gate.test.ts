import { describe, expect, it } from 'vitest';
import { totalAllocationGate } from '../../src/validate/total-allocation-gate.js';
import { aPlanContext, aPosition, anOrderIntent } from '../builders.js';

const prices = new Map([
  ['AAPL', 100],
  ['MSFT', 100],
  ['KEEP', 100],
]);

describe('totalAllocationGate', () => {
  it('passes when selling first keeps the account within equity', () => {
    const result = totalAllocationGate(
      aPlanContext({
        positions: [aPosition({ symbol: 'AAPL', qty: 600, currentPrice: 100 })],
        orders: [anOrderIntent({ side: 'sell', symbol: 'AAPL', qty: 600 }), anOrderIntent({ symbol: 'MSFT', qty: 900 })],
        prices,
      }),
    );
    expect(result).toMatchObject({ id: 4, name: 'total allocation', status: 'pass' });
    expect(result.messages).toEqual(['positions after the plan $90,000.00 vs 100.0% of equity $100,000.00 ($100,000.00)']);
  });

  it('fails when held positions plus buys exceed the limit, and says by how much', () => {
    const result = totalAllocationGate(
      aPlanContext({
        positions: [aPosition({ symbol: 'AAPL', qty: 100 })],
        orders: [anOrderIntent({ symbol: 'MSFT', qty: 950 })],
        prices,
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.messages[0]).toMatch(/^over the limit by \$5,000\.00: positions after the plan \$105,000\.00/);
  });

  it('counts ignored positions in the total', () => {
    const result = totalAllocationGate(
      aPlanContext({
        positions: [aPosition({ symbol: 'KEEP', qty: 200 })],
        orders: [anOrderIntent({ symbol: 'MSFT', qty: 900 })],
        prices,
        ignoreSymbols: ['KEEP'],
      }),
    );
    expect(result.status).toBe('fail');
  });

  it('values positions at current prices, not at the broker snapshot', () => {
    const result = totalAllocationGate(
      aPlanContext({
        positions: [aPosition({ symbol: 'AAPL', qty: 900, currentPrice: 100 })],
        prices: new Map([['AAPL', 120]]),
        config: { maxPositionPct: 1, positionSizeFails: false, maxTotalAllocation: 1, minPrice: 5 },
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.messages[0]).toMatch(/\$108,000\.00/);
  });
});
