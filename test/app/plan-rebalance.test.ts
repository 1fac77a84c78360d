import { describe, expect, it } from 'vitest';
import { planRebalance, type MarketSnapshot, type PlanRequest } from '../../src/app/plan-rebalance.js';
import { packagePaths } from '../../src/app/paths.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import type { OrderIntent, Position } from '../../src/domain/index.js';
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
    expect(plan.validation.gates.filter((g) => g.status === 'fail')).toEqual([]);
    // Their 34,500 stays out of the stock budget: 134,500 − 34,500.
    expect(plan.budget).toMatchObject({ allocated: 134_500, untouchedValue: 34_500, budget: 96_153.85 });
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

describe('planRebalance: the sizing budget counts what the plan leaves alone', () => {
  // $52,077.98 of AAPL in a $152,077.98 margin account (buying power 2 × cash); AAPL is in ignoreSymbols.
  const aapl = aPosition({ symbol: 'AAPL', qty: 400, currentPrice: 130.19495, marketValue: 52_077.98 });
  const account = anAccount({ equity: 152_077.98, cash: 100_000, buyingPower: 200_000 });
  const targetsValue = (plan: ReturnType<typeof planRebalance>): number => plan.targets.reduce((sum, t) => sum + t.value, 0);

  it('sizes a BULL plan from equity less the ignored holding, so gate 4 (which counts it) passes', () => {
    const plan = planRebalance(aSnapshot({ account, positions: [aapl] }), aRequest({}, { ignoreSymbols: ['AAPL'] }));
    expect(plan.validation.gates.filter((g) => g.status === 'fail')).toEqual([]);
    expect(gate(plan, 4)?.messages).toEqual([expect.stringMatching(/^positions after the plan \$152,077\.98 vs 100\.0% of equity/)]);
    expect(plan.budget).toMatchObject({ allocated: 152_077.98, untouchedValue: 52_077.98, budget: 100_000 });
    expect(plan.budget.untouched).toEqual([{ symbol: 'AAPL', value: 52_077.98, reason: 'ignored' }]);
    // Ten picks at $100: 1,000 shares, every dollar of the budget.
    expect(targetsValue(plan)).toBe(100_000);
    expect(plan.orders.some((o) => o.symbol === 'AAPL')).toBe(false);
  });

  it('in a cash account, also leaves the buys room for the reserve and the collar', () => {
    const cash = anAccount({ ...account, buyingPower: 100_000 });
    const plan = planRebalance(aSnapshot({ account: cash, positions: [aapl] }), aRequest({}, { ignoreSymbols: ['AAPL'] }));
    expect(plan.validation.gates.filter((g) => g.status === 'fail')).toEqual([]);
    // min(152,077.98 − 52,077.98, 100,000 / 1.04)
    expect(plan.budget).toMatchObject({ untouchedValue: 52_077.98, buyRoom: 96_153.85, budget: 96_153.85 });
    expect(targetsValue(plan) + 52_077.98).toBeLessThanOrEqual(152_077.98);
  });

  it('leaves a held position whose bars failed the data gate out of the budget too', () => {
    const nvda = aPosition({ symbol: 'NVDA', qty: 100, currentPrice: 300, marketValue: 30_000 });
    const clean = aSnapshot().bars;
    const snapshot = aSnapshot({
      // The data gate takes failed symbols out of the clean bars.
      bars: new Map([...clean].filter(([symbol]) => symbol !== 'NVDA')),
      account: anAccount({ equity: 130_000, cash: 100_000, buyingPower: 200_000 }),
      positions: [nvda],
      rejectedData: [{ symbol: 'NVDA', reason: 'missing 12 of 252 trading days', kind: 'bad-data' }],
    });
    const plan = planRebalance(snapshot, aRequest());
    expect(plan.budget).toMatchObject({ untouchedValue: 30_000, budget: 100_000 });
    expect(plan.budget.untouched).toEqual([{ symbol: 'NVDA', value: 30_000, reason: 'bad data' }]);
    expect(plan.orders.some((o) => o.symbol === 'NVDA')).toBe(false);
    expect(gate(plan, 4)?.status).toBe('pass');
  });

  it('never goes below zero when what is left alone exceeds the allocation', () => {
    const plan = planRebalance(aSnapshot({ account, positions: [aapl] }), aRequest({ regime: 'TREND_BEAR' }, { ignoreSymbols: ['AAPL'] }));
    // 30% of 152,077.98 is 45,623.39, less than the 52,077.98 of AAPL.
    expect(plan.budget.budget).toBe(0);
    expect(plan.targets.every((t) => t.qty === 0)).toBe(true);
    expect(plan.orders).toEqual([]);
  });
});

describe('planRebalance: room for the executor reserve and the market-buy collar', () => {
  it('sizes a full allocation from cash so that every buy fits buying power less the reserve, and at the collar', () => {
    const plan = planRebalance(aSnapshot(), aRequest());
    const buys = plan.orders.filter((o) => o.side === 'buy').reduce((sum, o) => sum + o.qty * PRICE, 0);
    expect(buys).toBeGreaterThan(0);
    expect(buys).toBeLessThanOrEqual(100_000 * (1 - DEFAULTS.execution.buyingPowerReserve));
    expect(buys * (1 + DEFAULTS.sizing.marketBuyCollar)).toBeLessThanOrEqual(100_000);
    expect(gate(plan, 2)?.status).toBe('pass');
    expect(plan.budget.budget).toBe(96_153.85);
  });

  it('does not shrink the plan to a buying power far below the cash (a margin debit): gate 2 blocks it instead', () => {
    const plan = planRebalance(aSnapshot({ account: anAccount({ equity: 60_000, cash: 60_000, buyingPower: 100 }) }), aRequest());
    expect(plan.budget.budget).toBe(57_692.31);
    expect(gate(plan, 2)?.status).toBe('fail');
  });

  it('does not cap a partial allocation, which is far below the room', () => {
    const plan = planRebalance(aSnapshot(), aRequest({ regime: 'TREND_NEUTRAL' }));
    expect(plan.budget.budget).toBe(70_000);
  });
});

describe('planRebalance: the drift band holds back ADJUSTs too small to be worth an order', () => {
  // $100,000 in a cash account: a budget of $96,153.85 over ten picks at $100, 96 or 97 shares ($9,600-$9,700) each.
  const holding = (qty: number): Position[] => UNIVERSE.map((symbol) => aPosition({ symbol, qty, currentPrice: PRICE }));
  const account = (invested: number) => anAccount({ equity: 100_000, cash: 100_000 - invested, buyingPower: 100_000 - invested });
  const noBand = { sizing: { ...DEFAULTS.sizing, minOrderValue: 0, driftBand: 0 } };
  const asWithinBand = (orders: readonly OrderIntent[]) =>
    orders.map((o) => ({ symbol: o.symbol, fromQty: o.fromQty, toQty: o.toQty, value: o.qty * PRICE, rule: 'driftBand' }));

  it('sends nothing for a share or two off each target, lists each as within band, and targets what is held', () => {
    const snapshot = aSnapshot({ positions: holding(95), account: account(95_000) });
    const sent = planRebalance(snapshot, aRequest({}, noBand));
    expect(sent.orders.map((o) => `${o.action} ${o.side} ${o.qty}`)).toEqual(['ADJUST buy 2', ...UNIVERSE.slice(1).map(() => 'ADJUST buy 1')]);

    const plan = planRebalance(snapshot, aRequest());
    expect(plan.orders).toEqual([]);
    expect(plan.withinBand).toEqual(asWithinBand(sent.orders));
    // Verification after a run expects what is held, not the change that was not sent.
    expect(plan.targets.map((t) => [t.qty, t.value])).toEqual(UNIVERSE.map(() => [95, 9_500]));
    expect(plan.deployment.plannedValue).toBe(95_000);
    expect(gate(plan, 5)?.status).toBe('pass');
    expect(plan.validation.passed).toBe(true);
  });

  it('still sends the OPEN and CLOSE orders of the same plan', () => {
    const positions = [...holding(95).filter((p) => p.symbol !== 'TXN'), aPosition({ symbol: 'AAPL', qty: 1, currentPrice: PRICE })];
    const plan = planRebalance(aSnapshot({ positions, account: account(85_600) }), aRequest());
    expect(plan.orders.map((o) => `${o.action} ${o.symbol}`)).toEqual(['CLOSE AAPL', 'OPEN TXN']);
    expect(plan.withinBand.map((w) => w.symbol)).toEqual(UNIVERSE.filter((s) => s !== 'TXN'));
  });

  it('applies to an exposure plan, whose scaling is all ADJUSTs', () => {
    // Ten holdings of 97 shares scaled down to the $96,153.85 budget: a one-share sell ($100) here and there.
    const snapshot = aSnapshot({ positions: holding(97), account: account(97_000) });
    const sent = planRebalance(snapshot, aRequest({ kind: 'exposure' }, noBand));
    expect(sent.orders.length).toBeGreaterThan(0);
    expect(sent.orders.every((o) => o.action === 'ADJUST' && o.side === 'sell' && o.qty === 1)).toBe(true);

    const plan = planRebalance(snapshot, aRequest({ kind: 'exposure' }));
    expect(plan.orders).toEqual([]);
    expect(plan.withinBand).toEqual(asWithinBand(sent.orders));
    expect(plan.targets.every((t) => t.qty === 97)).toBe(true);
  });
});
