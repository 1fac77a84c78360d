import { describe, expect, it } from 'vitest';
import { planDifferences } from '../../src/approval/compare-plans.js';
import { hashOf, readPlanFile, sealPlan, writePlanFile, type PlanContent } from '../../src/approval/plan-file.js';
import { useTempDir } from '../support/temp-dir.js';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const approved: PlanContent = {
  version: 1,
  createdAt: '2025-11-20T15:00:00.000Z',
  tradingDate: '2025-11-20',
  venue: 'local',
  account: { equity: 100_000, cash: 20_000, key: 'abc' },
  regime: 'TREND_NEUTRAL',
  configHash: 'c1',
  universe: 'technology',
  orders: [
    { action: 'CLOSE', side: 'sell', symbol: 'INTC', qty: 900 },
    { action: 'OPEN', side: 'buy', symbol: 'AMD', qty: 100 },
  ],
  targets: [{ symbol: 'AMD', qty: 100, price: 200 }],
};

describe('planDifferences', () => {
  it('matches the same plan, and quantities within the tolerance', () => {
    expect(planDifferences(approved, approved, 0.05)).toEqual([]);
    const moved = { ...approved, orders: [approved.orders[0]!, { ...approved.orders[1]!, qty: 105 }] };
    expect(planDifferences(approved, moved, 0.05)).toEqual([]);
    expect(planDifferences(approved, { ...moved, orders: [approved.orders[0]!, { ...approved.orders[1]!, qty: 106 }] }, 0.05)).toEqual(['order buy AMD: approved 100, now 106 (6.0% apart; approval.qtyTolerance 5.0%)']);
  });

  it('names every difference: day, regime, config, account, orders gone, orders new, sides', () => {
    const now: PlanContent = {
      ...approved,
      tradingDate: '2025-11-21',
      regime: 'TREND_BULL',
      configHash: 'c2',
      account: { ...approved.account, key: 'other' },
      orders: [{ action: 'OPEN', side: 'buy', symbol: 'INTC', qty: 10 }, approved.orders[1]!],
    };
    expect(planDifferences(approved, now, 0.05)).toEqual([
      'trading day: approved 2025-11-20, now 2025-11-21',
      'regime: approved TREND_NEUTRAL, now TREND_BULL',
      'config: the settings changed since the plan was approved',
      'account: the plan was approved for another account or venue',
      'order sell INTC 900 was approved but is no longer planned',
      'order buy INTC 10 is planned now but was not approved',
    ]);
  });
});

describe('plan files', () => {
  const tmp = useTempDir();

  it('round-trips a sealed plan and refuses one changed after it was written', () => {
    const file = join(tmp.path(), 'plan.json');
    writePlanFile(file, sealPlan(approved));
    expect(readPlanFile(file)).toEqual({ ok: true, value: { ...approved, contentHash: hashOf(approved) } });
    writeFileSync(file, readFileSync(file, 'utf8').replace('"qty": 100', '"qty": 1000'));
    expect(readPlanFile(file)).toMatchObject({ ok: false, error: [expect.stringContaining('the content hash does not match')] });
  });

  it('refuses a file that is not a plan', () => {
    expect(readPlanFile(tmp.write('x.json', '{"orders": []}')).ok).toBe(false);
    expect(readPlanFile(join(tmp.path(), 'missing.json'))).toMatchObject({ ok: false, error: [expect.stringContaining('cannot read a plan')] });
  });
});
