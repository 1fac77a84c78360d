import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/backtest/ledger.js';
import { SimulatedBroker, slippedPrice, type SimulatedFill } from '../../src/backtest/sim-broker.js';
import { SimulatedMarket, SimulatedMarketData } from '../../src/backtest/sim-market.js';
import type { Bar } from '../../src/domain/index.js';

const bar = (date: string, open: number, close: number): Bar => ({ date, open, high: Math.max(open, close), low: Math.min(open, close), close, volume: 1000 });
const BARS = new Map<string, readonly Bar[]>([
  ['AAA', [bar('2024-03-11', 10, 11), bar('2024-03-12', 11, 12), bar('2024-03-13', 12, 13), bar('2024-03-14', 13, 14)]],
  ['BBB', [bar('2024-03-11', 50, 50), bar('2024-03-13', 52, 53)]],
]);

describe('the simulated market', () => {
  it("gives a run on day D the bars of completed sessions only: never D's own bar, nor any later one", async () => {
    const market = new SimulatedMarket(BARS, '15:45');
    market.enter('2024-03-13');
    const data = new SimulatedMarketData(market);
    const { bars } = await data.getDailyBars({ symbols: ['AAA', 'BBB'], start: '2024-01-01', end: '2024-12-31', adjustment: 'split' });
    expect(bars.get('AAA')?.map((b) => b.date)).toEqual(['2024-03-11', '2024-03-12']);
    expect(bars.get('BBB')?.map((b) => b.date)).toEqual(['2024-03-11']);
  });

  it('the clock is the exchange\'s at the run time: open at 15:45 New York on a session, in EST and EDT alike', () => {
    const market = new SimulatedMarket(BARS, '15:45');
    market.enter('2024-03-08');
    expect(market.clock()).toMatchObject({ timestamp: '2024-03-08T15:45:00-05:00', isOpen: true });
    market.enter('2024-03-11');
    expect(market.clock()).toMatchObject({ timestamp: '2024-03-11T15:45:00-04:00', isOpen: true });
  });
});

describe('the simulated broker', () => {
  const setUp = (fillPrice: 'close' | 'open' = 'close') => {
    const market = new SimulatedMarket(BARS, '15:45');
    const ledger = new Ledger(1_000);
    const fills: SimulatedFill[] = [];
    const broker = new SimulatedBroker(market, ledger, { fillPrice, slippageBps: 10, commission: { perShare: 0.01, minimum: 1 } }, (f) => fills.push(f));
    return { market, ledger, fills, broker };
  };
  const order = (side: 'buy' | 'sell', qty: number, id: string) => ({ clientOrderId: id, symbol: 'AAA', side, qty, type: 'market', timeInForce: 'day' }) as const;

  it("fills a market order at the day's close moved against the trader, plus commission, and values the account at the previous close", async () => {
    const { market, ledger, fills, broker } = setUp();
    market.enter('2024-03-13');
    const outcome = await broker.submitOrder(order('buy', 10, 'a'));
    expect(outcome).toMatchObject({ kind: 'accepted', order: { status: 'filled', filledQty: 10, filledAvgPrice: slippedPrice(13, 'buy', 10) } });
    expect(fills[0]).toMatchObject({ marketPrice: 13, fillPrice: 13.01 });
    expect(ledger.cash).toBeCloseTo(1_000 - 10 * 13.01 - 1, 9);
    expect((await broker.getAccount()).equity).toBeCloseTo(ledger.cash + 10 * 12, 9);
    expect((await broker.getPositions())[0]).toMatchObject({ symbol: 'AAA', qty: 10, currentPrice: 12 });
  });

  it('fills at the open when configured', async () => {
    const { market, broker } = setUp('open');
    market.enter('2024-03-13');
    expect(await broker.submitOrder(order('buy', 1, 'a'))).toMatchObject({ order: { filledAvgPrice: slippedPrice(12, 'buy', 10) } });
  });

  it('refuses, as Alpaca does, a buy beyond the cash, a sell beyond the shares held and a reused client order id', async () => {
    const { market, broker } = setUp();
    market.enter('2024-03-13');
    expect(await broker.submitOrder(order('buy', 100, 'a'))).toMatchObject({ kind: 'rejected', status: 403, message: 'insufficient buying power' });
    expect(await broker.submitOrder(order('sell', 1, 'b'))).toMatchObject({ kind: 'rejected', status: 403 });
    await broker.submitOrder(order('buy', 1, 'c'));
    expect(await broker.submitOrder(order('buy', 1, 'c'))).toMatchObject({ kind: 'rejected', status: 422, message: 'client_order_id must be unique' });
  });

  it('lists the orders placed since a time, newest first, and none as open', async () => {
    const { market, broker } = setUp();
    market.enter('2024-03-12');
    await broker.submitOrder(order('buy', 1, 'a'));
    market.enter('2024-03-13');
    await broker.submitOrder(order('buy', 1, 'b'));
    expect((await broker.listOrders({ status: 'all', after: '2024-03-13T00:00:00Z' })).map((o) => o.clientOrderId)).toEqual(['b']);
    expect((await broker.listOrders({ status: 'all' })).map((o) => o.clientOrderId)).toEqual(['b', 'a']);
    expect(await broker.getOpenOrders()).toEqual([]);
  });
});
