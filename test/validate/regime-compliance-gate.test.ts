import { describe, expect, it } from 'vitest';
import { regimeComplianceGate } from '../../src/validate/regime-compliance-gate.js';
import { aPlanContext, aPosition, anOrderIntent } from '../builders.js';

const prices = new Map([
  ['AAPL', 100],
  ['MSFT', 100],
  ['KEEP', 100],
]);

describe('regimeComplianceGate', () => {
  it.each([
    { condition: 'managed positions land exactly on the allocation', buy: 500, status: 'pass' },
    { condition: 'managed positions exceed the allocation', buy: 501, status: 'fail' },
  ])('gives $status when $condition (50% of $100,000)', ({ buy, status }) => {
    const result = regimeComplianceGate(
      aPlanContext({ regime: 'TREND_BEAR', allocation: 0.5, orders: [anOrderIntent({ symbol: 'AAPL', qty: buy })], prices }),
    );
    expect(result).toMatchObject({ id: 7, name: 'regime compliance', status });
  });

  it('tolerates a cent of rounding above the allocation', () => {
    const result = regimeComplianceGate(
      aPlanContext({ allocation: 0.5, positions: [aPosition({ symbol: 'AAPL', qty: 1, currentPrice: 50_000.01 })], prices: new Map() }),
    );
    expect(result.status).toBe('pass');
  });

  it('leaves ignored positions out of the managed value', () => {
    const result = regimeComplianceGate(
      aPlanContext({
        allocation: 0.3,
        positions: [aPosition({ symbol: 'KEEP', qty: 600 })],
        orders: [anOrderIntent({ symbol: 'AAPL', qty: 300 })],
        ignoreSymbols: ['KEEP'],
        prices,
      }),
    );
    expect(result.status).toBe('pass');
  });

  it('fails any buy in CRASH and lists it', () => {
    const result = regimeComplianceGate(
      aPlanContext({
        regime: 'CRASH',
        allocation: 0.5,
        orders: [anOrderIntent({ symbol: 'AAPL', qty: 2 })],
        prices,
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.messages).toEqual(['regime is CRASH but the plan buys 2 AAPL']);
  });

  it('passes a CRASH plan that sells everything managed', () => {
    const result = regimeComplianceGate(
      aPlanContext({
        regime: 'CRASH',
        allocation: 0,
        positions: [aPosition({ symbol: 'AAPL', qty: 10 }), aPosition({ symbol: 'KEEP', qty: 10 })],
        orders: [anOrderIntent({ side: 'sell', symbol: 'AAPL', qty: 10 })],
        ignoreSymbols: ['KEEP'],
        prices,
      }),
    );
    expect(result.status).toBe('pass');
  });
});
