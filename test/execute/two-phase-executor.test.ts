import { describe, expect, it } from 'vitest';
import { BrokerError } from '../../src/broker/port.js';
import type { BrokerOrder, OrderRequest, SubmitOutcome } from '../../src/domain/index.js';
import { executePlan, type ExecutionInput } from '../../src/execute/two-phase-executor.js';
import { FakeBroker, type FakeBrokerOptions } from './fake-broker.js';
import { anIntent, memoryAudit, settings, silentLogger } from './harness.js';

const TRADING_DATE = '2024-03-15';
const PRICES = { AAPL: 100, INTC: 50, MSFT: 200, NVDA: 100 };

/** Sell all 10 AAPL and 20 INTC, buy 5 MSFT and 10 NVDA; hold 3 XOM, already at target. */
function rebalance(): ExecutionInput {
  const orders = [anIntent('AAPL', 10, 0), anIntent('INTC', 20, 0), anIntent('MSFT', 0, 5), anIntent('NVDA', 0, 10)];
  return {
    tradingDate: TRADING_DATE,
    orders,
    prices: new Map(Object.entries({ ...PRICES, XOM: 100 })),
    targets: new Map([['MSFT', 5], ['NVDA', 10], ['XOM', 3]]),
  };
}

function brokerWith(options: FakeBrokerOptions = {}): FakeBroker {
  return new FakeBroker({ cash: 0, positions: { AAPL: 10, INTC: 20, XOM: 3 }, prices: PRICES, ...options });
}

async function run(broker: FakeBroker, input = rebalance(), overrides: Parameters<typeof settings>[0] = {}) {
  const audit = memoryAudit();
  const result = await executePlan(input, settings(overrides), { broker, audit, logger: silentLogger, now: () => new Date() });
  return { result, rows: audit.rows };
}

const buysSent = (broker: FakeBroker): OrderRequest[] => broker.submitted.filter((r) => r.side === 'buy');

describe('executePlan against a scripted broker', () => {
  it('sells, then buys, and ends complete with every target and closed position checked', async () => {
    const broker = brokerWith();
    const { result, rows } = await run(broker);
    expect(result.status).toBe('complete');
    expect(result.problems).toEqual([]);
    expect(broker.submitted.map((r) => `${r.side} ${r.symbol} ${r.qty}`)).toEqual(['sell AAPL 10', 'sell INTC 20', 'buy MSFT 5', 'buy NVDA 10']);
    // XOM was not traded but is a target: it is checked too.
    expect(result.positionsAfter).toEqual([
      { symbol: 'AAPL', qty: 0, targetQty: 0 },
      { symbol: 'INTC', qty: 0, targetQty: 0 },
      { symbol: 'MSFT', qty: 5, targetQty: 5 },
      { symbol: 'NVDA', qty: 10, targetQty: 10 },
      { symbol: 'XOM', qty: 3, targetQty: 3 },
    ]);
    const lastSellFill = rows.findLastIndex((r) => r.event === 'order_filled' && r.side === 'sell');
    const firstBuy = rows.findIndex((r) => r.event === 'order_submitted' && r.side === 'buy');
    expect(firstBuy).toBeGreaterThan(lastSellFill);
    // One row per event reached: accepted then new is one 'order_accepted'.
    for (const symbol of ['AAPL', 'INTC', 'MSFT', 'NVDA']) {
      expect(rows.filter((r) => r.symbol === symbol).map((r) => r.event)).toEqual(['order_submitted', 'order_accepted', 'order_filled', 'position_checked']);
    }
  });

  it('names its orders rb-<date>-<symbol>-<side>-<hash>-a<N>, N one past the attempts already made that day', async () => {
    const earlier = (clientOrderId: string): BrokerOrder => ({
      id: clientOrderId, clientOrderId, symbol: 'AAPL', side: 'sell', qty: 10, status: 'canceled', filledQty: 0, filledAvgPrice: null, submittedAt: '2024-03-14T20:00:00Z',
    });
    const broker = brokerWith({ history: [earlier('rb-20240315-AAPL-s-00000000-a1'), earlier('rb-20240315-AAPL-s-00000000-a2'), earlier('rb-20240314-AAPL-s-00000000-a7')] });
    await run(broker);
    expect(broker.submitted.map((r) => r.clientOrderId)).toEqual(expect.arrayContaining([expect.stringMatching(/^rb-20240315-AAPL-s-[0-9a-f]{8}-a3$/)]));
    expect(broker.submitted.every((r) => r.clientOrderId.endsWith('-a3'))).toBe(true);
    // The attempt is read from the orders placed since a week before the trading day.
    expect(broker.listQueries[0]).toEqual({ status: 'all', after: '2024-03-08T00:00:00Z' });
  });

  it.each<{ name: string; options: FakeBrokerOptions; cause: RegExp }>([
    { name: 'a sell is rejected', options: { scripts: { INTC: { reject: true } } }, cause: /sell INTC is rejected, filled 0 of 20/ },
    { name: 'a sell fills only in part and is cancelled', options: { scripts: { INTC: { fillShare: 0.5 } } }, cause: /sell INTC is canceled, filled 10 of 20/ },
    { name: 'a sell never fills', options: { scripts: { INTC: { neverFill: true } } }, cause: /sell INTC is canceled, filled 0 of 20/ },
    { name: 'the sells fill but the positions still show the shares', options: { stalePositions: true }, cause: /sell INTC filled, yet the account still holds 20 \(target 0\)/ },
  ])('sends no buy and ends incomplete with the cause when $name', async ({ options, cause }) => {
    const broker = brokerWith(options);
    const { result } = await run(broker);
    expect(buysSent(broker)).toEqual([]);
    expect(result.status).toBe('incomplete');
    expect(result.problems.join('\n')).toMatch(cause);
    expect(result.problems.join('\n')).toMatch(/no buy was sent/);
  });

  it('sends no buy when the 422 for a reused id finds a cancelled sell', async () => {
    const broker = brokerWith();
    const refuse = (request: OrderRequest): Promise<SubmitOutcome> =>
      request.symbol === 'AAPL'
        ? Promise.resolve({ kind: 'rejected', status: 422, message: `client order id ${request.clientOrderId} is taken by an order that is canceled (filled 0 of 10); not resubmitted` })
        : FakeBroker.prototype.submitOrder.call(broker, request);
    broker.submitOrder = refuse;
    const { result } = await run(broker);
    expect(buysSent(broker)).toEqual([]);
    expect(result.reason).toMatch(/AAPL/);
  });

  it('stops between the phases when a sell\'s outcome stays unknown: no buy, the cause reported', async () => {
    const broker = brokerWith();
    const submit = broker.submitOrder.bind(broker);
    broker.submitOrder = (request) => (request.symbol === 'INTC' ? Promise.reject(new BrokerError('retryable', 'connection reset, lookup failed')) : submit(request));
    const { result, rows } = await run(broker);
    expect(buysSent(broker)).toEqual([]);
    expect(result.status).toBe('incomplete');
    expect(result.reason).toMatch(/sell INTC: outcome unknown after retries: connection reset/);
    expect(rows.some((r) => r.event === 'run_failed' && r.symbol === 'INTC')).toBe(true);
  });

  it('carries on when the broker refuses to cancel a sell it is filling: the sell counts as filled and the buys go', async () => {
    const broker = brokerWith({ scripts: { INTC: { neverFill: true, cancelRefusedWhileFilling: true } } });
    const { result, rows } = await run(broker);
    expect(broker.cancels).toHaveLength(1);
    expect(rows.some((r) => r.event === 'fill_timeout' && r.symbol === 'INTC' && /refused to cancel .*now filled, filled 20 of 20/.test(r.reason ?? ''))).toBe(true);
    expect(buysSent(broker).map((r) => r.symbol)).toEqual(['MSFT', 'NVDA']);
    expect(result.status).toBe('complete');
  });

  it('resizes the buys to the buying power the sells freed, and says so', async () => {
    // INTC sells at 40, not the 50 planned: the sells bring in 1,800, the buys were planned at 2,000.
    const broker = brokerWith({ prices: { ...PRICES, INTC: 40 } });
    const { result, rows } = await run(broker);
    const buys = buysSent(broker);
    const cost = buys.reduce((sum, r) => sum + r.qty * (PRICES[r.symbol as keyof typeof PRICES] ?? 0), 0);
    expect(cost).toBeLessThanOrEqual(1_800);
    expect(cost).toBeGreaterThan(1_500);
    const resized = rows.filter((r) => r.event === 'buys_resized');
    expect(resized.length).toBeGreaterThan(0);
    expect(resized[0]?.reason).toMatch(/^buying power 1800\.00 less 0% reserve = 1800\.00: buy \w+ \d+ -> \d+$/);
    expect(result.status).toBe('incomplete');
    expect(result.problems.join('\n')).toMatch(/buy \w+ resized from \d+ to \d+ to fit buying power/);
  });

  it('polls on the broker\'s clock when the stream is unavailable, however far the local clock is', async () => {
    // The broker's clock is 2024-03-15; the test's own clock is today's.
    const broker = brokerWith({ stream: false });
    const { result } = await run(broker, rebalance(), { fillTimeoutMs: 2_000 });
    expect(result.status).toBe('complete');
    const polls = broker.listQueries.slice(1);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((q) => q.after === '2024-03-15T14:59:00.000Z')).toBe(true);
  });

  it('keeps the furthest state when polls answer older than the stream: no step back, no second row', async () => {
    const broker = brokerWith({ stalePolls: true, scripts: { INTC: { fillShare: 0.5 } } });
    const { result, rows } = await run(broker);
    const intc = result.orders.find((o) => o.symbol === 'INTC');
    expect(intc).toMatchObject({ status: 'canceled', filledQty: 10 });
    expect(rows.filter((r) => r.symbol === 'INTC').map((r) => r.event)).toEqual([
      'order_submitted', 'order_accepted', 'order_partially_filled', 'fill_timeout', 'order_canceled', 'position_checked',
    ]);
  });
});
