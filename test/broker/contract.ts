/**
 * One contract for every Broker implementation (like LEAN's BrokerageTests): the same open / close / adjust /
 * reject / partial-fill / cancel / duplicate / wash-trade / buying-power scenarios, plus faults, the trade stream and
 * the calendar. A broker under test is built from a local-exchange scenario: its market, holdings, fill rules and
 * faults say what the venue does, and the broker must show the user the same thing whatever sits behind it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/port.js';
import type { BrokerOrder, TradeUpdate } from '../../src/domain/index.js';
import type { MarketScenario } from '../../src/exchange/scenario.js';
import { accepted, anOrder, contractScenario, faults, heldQty, orderReaching } from './contract-scenario.js';
import { waitFor } from './wait-for.js';

export interface BrokerUnderTest {
  readonly broker: Broker;
  close(): Promise<void>;
}

export type MakeBroker = (scenario: MarketScenario) => Promise<BrokerUnderTest>;

export function brokerContract(name: string, makeBroker: MakeBroker): void {
  describe(`${name} meets the broker contract`, () => {
    const open: BrokerUnderTest[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((b) => b.close()));
    });
    const brokerFor = async (scenario: MarketScenario = contractScenario()): Promise<Broker> => {
      const made = await makeBroker(scenario);
      open.push(made);
      return made.broker;
    };

    describe('orders', () => {
      it('opens a position: a market buy fills, the shares are held and the cash pays for them', async () => {
        const broker = await brokerFor();
        const cashBefore = (await broker.getAccount()).cash;
        const order = accepted(await broker.submitOrder(anOrder('XOM', 'buy', 2)));
        expect(order).toMatchObject({ symbol: 'XOM', side: 'buy', qty: 2 });

        const filled = await orderReaching(broker, order.id, ['filled']);
        expect(filled.filledQty).toBe(2);
        expect(filled.filledAvgPrice).toBeGreaterThan(0);
        expect(await heldQty(broker, 'XOM')).toBe(2);
        expect((await broker.getAccount()).cash).toBeCloseTo(cashBefore - 2 * (filled.filledAvgPrice ?? Number.NaN), 2);
      });

      it('closes a position: selling every share removes it and the proceeds add to the cash', async () => {
        const broker = await brokerFor();
        const cashBefore = (await broker.getAccount()).cash;
        const order = accepted(await broker.submitOrder(anOrder('AAPL', 'sell', 10)));
        const filled = await orderReaching(broker, order.id, ['filled']);
        expect((await broker.getPositions()).map((p) => p.symbol)).not.toContain('AAPL');
        expect((await broker.getAccount()).cash).toBeCloseTo(cashBefore + 10 * (filled.filledAvgPrice ?? Number.NaN), 2);
      });

      it('adjusts a position up: a buy adds to the shares held', async () => {
        const broker = await brokerFor();
        const order = accepted(await broker.submitOrder(anOrder('AAPL', 'buy', 5)));
        await orderReaching(broker, order.id, ['filled']);
        expect(await heldQty(broker, 'AAPL')).toBe(15);
      });

      it('adjusts a fractional position down by 0.1 + 0.2 shares to exactly 5.2, without float artefacts', async () => {
        const broker = await brokerFor();
        const order = accepted(await broker.submitOrder(anOrder('NVDA', 'sell', 0.1 + 0.2)));
        expect(order.qty).toBe(0.3);
        await orderReaching(broker, order.id, ['filled']);
        expect(await heldQty(broker, 'NVDA')).toBe(5.2);
      });

      it('returns an order the venue refuses outright as rejected, with its status and reason, and places nothing', async () => {
        const broker = await brokerFor();
        const outcome = await broker.submitOrder(anOrder('KO', 'buy', 1));
        expect(outcome).toMatchObject({ kind: 'rejected', status: 422 });
        expect(outcome.kind === 'rejected' && outcome.message).toMatch(/KO/);
        expect(await broker.listOrders({ status: 'all' })).toEqual([]);
      });

      it('reports an order accepted and then rejected by the venue as rejected, with nothing bought', async () => {
        const broker = await brokerFor();
        const order = accepted(await broker.submitOrder(anOrder('TSLA', 'buy', 3)));
        const final = await orderReaching(broker, order.id, ['rejected']);
        expect(final.filledQty).toBe(0);
        expect(await heldQty(broker, 'TSLA')).toBe(0);
      });

      it('keeps a partial fill open with the filled part held, and a cancel ends it with that part kept', async () => {
        const broker = await brokerFor();
        const order = accepted(await broker.submitOrder(anOrder('AMD', 'buy', 10)));
        const partial = await orderReaching(broker, order.id, ['partially_filled']);
        expect(partial.filledQty).toBe(5);
        expect(await heldQty(broker, 'AMD')).toBe(5);

        await broker.cancelOrder(order.id);
        const canceled = await orderReaching(broker, order.id, ['canceled']);
        expect(canceled.filledQty).toBe(5);
        expect(await heldQty(broker, 'AMD')).toBe(5);
      });

      it('keeps an order that never fills open until cancelled; cancelling it again is not an error', async () => {
        const broker = await brokerFor();
        const order = accepted(await broker.submitOrder(anOrder('IBM', 'buy', 2)));
        const working = await orderReaching(broker, order.id, ['new']);
        expect(working.filledQty).toBe(0);
        expect((await broker.getOpenOrders()).map((o) => o.id)).toEqual([order.id]);

        await broker.cancelOrder(order.id);
        await orderReaching(broker, order.id, ['canceled']);
        expect(await broker.getOpenOrders()).toEqual([]);
        await expect(broker.cancelOrder(order.id)).resolves.toBeUndefined();
      });

      it('places one order when the same client order id is submitted twice, and says the second was already there', async () => {
        const broker = await brokerFor();
        const request = anOrder('XOM', 'buy', 1);
        const first = accepted(await broker.submitOrder(request));
        const second = await broker.submitOrder(request);
        expect(second).toMatchObject({ kind: 'accepted', note: 'already submitted', order: { id: first.id } });
        const all = await broker.listOrders({ status: 'all' });
        expect(all.filter((o) => o.clientOrderId === request.clientOrderId)).toHaveLength(1);
        expect(await broker.getOrderByClientOrderId(request.clientOrderId)).toMatchObject({ id: first.id });
      });

      it('finds no order under a client order id never used', async () => {
        const broker = await brokerFor();
        expect(await broker.getOrderByClientOrderId('contract-never-used')).toBeUndefined();
      });

      it('rejects a buy while a sell of the same symbol is open (potential wash trade)', async () => {
        const broker = await brokerFor();
        accepted(await broker.submitOrder(anOrder('IBM', 'sell', 5)));
        const outcome = await broker.submitOrder(anOrder('IBM', 'buy', 1));
        expect(outcome).toMatchObject({ kind: 'rejected', status: 403 });
        expect(outcome.kind === 'rejected' && outcome.message).toMatch(/wash trade/);
      });

      it('rejects a buy beyond the buying power and leaves the cash untouched', async () => {
        const broker = await brokerFor();
        const outcome = await broker.submitOrder(anOrder('MSFT', 'buy', 1_000));
        expect(outcome).toMatchObject({ kind: 'rejected', status: 403 });
        expect(outcome.kind === 'rejected' && outcome.message).toMatch(/insufficient buying power/);
        expect((await broker.getAccount()).cash).toBe(50_000);
      });

      it('lists orders by status and by submission time, every one of them once', async () => {
        const broker = await brokerFor();
        const before = await broker.listOrders({ status: 'all' });
        expect(before).toEqual([]);
        const filled = accepted(await broker.submitOrder(anOrder('XOM', 'buy', 1)));
        const working = accepted(await broker.submitOrder(anOrder('IBM', 'buy', 1)));
        await orderReaching(broker, filled.id, ['filled']);

        const ids = (orders: readonly BrokerOrder[]): string[] => orders.map((o) => o.id).sort();
        expect(ids(await broker.listOrders({ status: 'all' }))).toEqual([filled.id, working.id].sort());
        expect(ids(await broker.listOrders({ status: 'open' }))).toEqual([working.id]);
        expect(ids(await broker.listOrders({ status: 'closed' }))).toEqual([filled.id]);
        const later = new Date(Date.parse(working.submittedAt) + 86_400_000).toISOString();
        expect(await broker.listOrders({ status: 'all', after: later })).toEqual([]);
      });
    });

    describe('trade updates', () => {
      it('streams the fill of an order placed after listening began, once', async () => {
        const broker = await brokerFor();
        const updates: TradeUpdate[] = [];
        const stream = await broker.streamTradeUpdates((u) => updates.push(u));
        try {
          const order = accepted(await broker.submitOrder(anOrder('XOM', 'buy', 3)));
          const fill = await waitFor('the fill event', () => updates.find((u) => u.order.id === order.id && u.event === 'fill'), {
            describe: () => JSON.stringify(updates.map((u) => u.event)),
          });
          expect(fill.order).toMatchObject({ status: 'filled', filledQty: 3, clientOrderId: order.clientOrderId });
          expect(updates.filter((u) => u.order.id === order.id && u.event === 'fill')).toHaveLength(1);
        } finally {
          await stream.close();
        }
      });
    });

    describe('calendar', () => {
      it('has the 252 sessions of 2024, without its holidays and with 13:00 closes on early-close days', async () => {
        const broker = await brokerFor();
        const days = await broker.getCalendar('2024-01-01', '2024-12-31');
        expect(days).toHaveLength(252);
        const dates = new Set(days.map((d) => d.date));
        const holidays = ['2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25'];
        expect(holidays.filter((h) => dates.has(h))).toEqual([]);
        const early = days.filter((d) => d.close !== '16:00');
        expect(early).toEqual([
          { date: '2024-07-03', open: '09:30', close: '13:00' },
          { date: '2024-11-29', open: '09:30', close: '13:00' },
          { date: '2024-12-24', open: '09:30', close: '13:00' },
        ]);
      });

      it('includes both ends of the range and nothing beyond them', async () => {
        const broker = await brokerFor();
        // Good Friday 2024-03-29 in between; 2025-01-09 closed for the national day of mourning for Jimmy Carter.
        expect((await broker.getCalendar('2024-03-28', '2024-04-01')).map((d) => d.date)).toEqual(['2024-03-28', '2024-04-01']);
        expect((await broker.getCalendar('2025-01-08', '2025-01-10')).map((d) => d.date)).toEqual(['2025-01-08', '2025-01-10']);
        expect(await broker.getCalendar('2024-03-30', '2024-03-31')).toEqual([]);
      });
    });

    describe('faults at the venue', () => {
      it('reports an order whose response was lost after the venue accepted it as accepted, placed exactly once', async () => {
        const broker = await brokerFor(contractScenario({ faults: faults({ dropAfterOrderAccepted: 1 }) }));
        const request = anOrder('XOM', 'buy', 2);
        const outcome = await broker.submitOrder(request);
        expect(outcome.kind).toBe('accepted');
        const all = await broker.listOrders({ status: 'all' });
        expect(all.map((o) => o.clientOrderId)).toEqual([request.clientOrderId]);
        await orderReaching(broker, accepted(outcome).id, ['filled']);
        expect(await heldQty(broker, 'XOM')).toBe(2);
      });

      it('keeps reading when 20 % of GETs fail with 500', async () => {
        const broker = await brokerFor(contractScenario({ faults: faults({ errorRate: 0.2, seed: 7 }) }));
        for (let i = 0; i < 10; i++) {
          expect((await broker.getAccount()).cash).toBe(50_000);
          expect(await heldQty(broker, 'AAPL')).toBe(10);
          expect((await broker.getClock()).isOpen).toBe(true);
        }
        const order = accepted(await broker.submitOrder(anOrder('XOM', 'buy', 1)));
        await orderReaching(broker, order.id, ['filled']);
      });

      it('keeps reading through a burst of 429s, once the rate-limit window resets', async () => {
        const broker = await brokerFor(contractScenario({ faults: faults({ rateLimitPerMinute: 4, rateLimitWindowMs: 1_000 }) }));
        const reads = await Promise.all(Array.from({ length: 10 }, () => broker.getAccount()));
        expect(reads.map((a) => a.cash)).toEqual(Array.from({ length: 10 }, () => 50_000));
      });

      it('places an order refused with 429 once the window resets, exactly once', async () => {
        const broker = await brokerFor(contractScenario({ faults: faults({ rateLimitPerMinute: 2, rateLimitWindowMs: 1_000 }) }));
        await Promise.all([broker.getClock(), broker.getClock()]);
        const request = anOrder('XOM', 'buy', 1);
        expect((await broker.submitOrder(request)).kind).toBe('accepted');
        const all = await broker.listOrders({ status: 'all' });
        expect(all.map((o) => o.clientOrderId)).toEqual([request.clientOrderId]);
      });
    });
  });
}
