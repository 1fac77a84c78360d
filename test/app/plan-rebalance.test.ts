import { describe, expect, it } from 'vitest';
import { planRebalance, type MarketSnapshot, type PlanRequest } from '../../src/app/plan-rebalance.js';
import { packagePaths } from '../../src/app/paths.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import type { Position } from '../../src/domain/index.js';
import { aClock, activeAssets, anAccount, anOpenOrder, aPosition, barsBySymbol, barsSeries, ramp } from '../builders.js';

const loaded = loadConfig({ defaultFile: packagePaths().defaultConfig });
if (!loaded.ok) throw new Error(loaded.error.join('; '));
const DEFAULTS: Config = loaded.value;

/** Ten stocks at their 52-week high (momentum 1), each last closing at `price`. */
const UNIVERSE = ['AMD', 'AVGO', 'CRM', 'CSCO', 'INTC', 'MSFT', 'NVDA', 'ORCL', 'QCOM', 'TXN'];
const PRICE = 100;

function aSnapshot(overrides: Partial<MarketSnapshot> = {}): MarketSnapshot {
  const bars = barsBySymbol(Object.fromEntries(UNIVERSE.map((s) => [s, barsSeries(ramp(60, PRICE, 260))])));
  return {
    clock: aClock(),
    account: anAccount(),
    positions: [],
    openOrders: [],
    assets: activeAssets([...UNIVERSE, 'AAPL']),
    bars,
    rejectedData: [],
    ...overrides,
  };
}

function aRequest(overrides: Partial<PlanRequest> = {}, config: Partial<Config> = {}): PlanRequest {
  return {
    regime: 'TREND_BULL',
    universe: UNIVERSE,
    topN: 10,
    config: { ...DEFAULTS, ...config },
    force: false,
    dryRun: true,
    ...overrides,
  };
}

const gate = (plan: ReturnType<typeof planRebalance>, id: number) => plan.validation.gates.find((g) => g.id === id);

describe('planRebalance: what is not a plain US stock', () => {
  const option: Position = aPosition({ symbol: 'AAPL250620C00100000', assetClass: 'us_option', qty: 2, currentPrice: 12.5, marketValue: 2_500 });
  const coin: Position = aPosition({ symbol: 'BTCUSD', assetClass: 'crypto', qty: 0.5, currentPrice: 64_000, marketValue: 32_000 });

  it('never orders option or crypto positions and lists them as unmanaged; structure and symbol gates pass', () => {
    const snapshot = aSnapshot({ account: anAccount({ equity: 134_500, cash: 100_000, buyingPower: 100_000 }), positions: [option, coin] });
    const plan = planRebalance(snapshot, aRequest());
    expect(plan.orders.map((o) => o.symbol)).toEqual([...UNIVERSE]);
    expect(plan.orders.every((o) => o.action === 'OPEN' && o.side === 'buy')).toBe(true);
    expect(plan.unmanaged.positions.map((p) => p.symbol)).toEqual(['AAPL250620C00100000', 'BTCUSD']);
    expect([gate(plan, 1)?.status, gate(plan, 6)?.status]).toEqual(['pass', 'pass']);
  });

  it('still counts them in gate 4 (total allocation), at their market value', () => {
    const snapshot = aSnapshot({ account: anAccount({ equity: 134_500 }), positions: [option, coin] });
    const plan = planRebalance(snapshot, aRequest({}, { gates: { ...DEFAULTS.gates, maxTotalAllocation: 0.2 } }));
    expect(gate(plan, 4)?.status).toBe('fail');
    // 34,500 of option and coin alone are over 20% of 134,500 (26,900), whatever the stocks come to.
    expect(gate(plan, 4)?.messages.join(' ')).toMatch(/over the limit/);
  });

  it('ignores an open multileg options order (empty symbol and side) and still sees a working stock order', () => {
    const mleg = anOpenOrder({ id: 'mleg-1', symbol: '', side: null, assetClass: 'unknown:', status: 'new' });
    const stock = anOpenOrder({ id: 'stock-1', symbol: 'NVDA', side: 'buy', status: 'held' });
    const plan = planRebalance(aSnapshot({ openOrders: [mleg, stock] }), aRequest());
    expect(plan.unmanaged.openOrders.map((o) => o.id)).toEqual(['mleg-1']);
    const structure = gate(plan, 1);
    expect(structure?.status).toBe('fail');
    expect(structure?.messages).toEqual([expect.stringContaining('already has an open order for NVDA')]);
  });
});
