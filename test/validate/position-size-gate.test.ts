import { describe, expect, it } from 'vitest';
import type { GatesConfig } from '../../src/validate/validate-plan.js';
import { positionSizeGate } from '../../src/validate/position-size-gate.js';
import { aPlanContext, aTarget } from '../builders.js';

const config: GatesConfig = { maxPositionPct: 0.25, positionSizeFails: false, maxTotalAllocation: 1, minPrice: 5 };

describe('positionSizeGate', () => {
  it.each([
    { condition: 'every target is at most 25% of equity', value: 25_000, fails: false, status: 'pass' },
    { condition: 'a target exceeds 25% of equity', value: 25_001, fails: false, status: 'warn' },
    { condition: 'a target exceeds 25% of equity and oversize fails', value: 25_001, fails: true, status: 'fail' },
  ])('gives $status when $condition', ({ value, fails, status }) => {
    const ctx = aPlanContext({
      targets: [aTarget({ symbol: 'SMALL', qty: 10, price: 100 }), aTarget({ symbol: 'BIG', qty: 1, price: value })],
      config: { ...config, positionSizeFails: fails },
    });
    expect(positionSizeGate(ctx)).toMatchObject({ id: 3, name: 'position size', status });
  });

  it('names the oversized target with its value and the limit', () => {
    const ctx = aPlanContext({ targets: [aTarget({ symbol: 'BIG', qty: 300, price: 100 })], config });
    expect(positionSizeGate(ctx).messages).toEqual([
      'BIG target $30,000.00 exceeds 25.0% of equity $100,000.00 ($25,000.00)',
    ]);
  });
});
