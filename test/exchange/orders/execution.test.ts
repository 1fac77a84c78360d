import { describe, expect, it } from 'vitest';
import { DEFAULT_FILL_RULES, bookExecution, planExecution } from '../../../src/exchange/orders/execution.js';
import type { StoredOrder } from '../../../src/exchange/orders/types.js';
import type { FillRules } from '../../../src/exchange/scenario.js';
import { createExchangeState } from '../../../src/exchange/state.js';
import { aScenario } from '../helpers.js';

function anOrder(fields: Partial<StoredOrder> = {}): StoredOrder {
  return {
    id: 'o-1',
    clientOrderId: 'c-1',
    seq: 1,
    symbol: 'AAPL',
    assetId: 'a-1',
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    qty: 10,
    notional: null,
    limitPrice: null,
    extendedHours: false,
    positionIntent: 'buy_to_open',
    status: 'new',
    filledQty: 0,
    filledAvgPrice: null,
    resting: false,
    submittedAt: '2025-11-20T15:00:00.000Z',
    updatedAt: '2025-11-20T15:00:00.000Z',
    filledAt: null,
    canceledAt: null,
    expiredAt: null,
    failedAt: null,
    expiresAt: '2025-11-20T21:00:00.000Z',
    ...fields,
  };
}

const rules = (fields: Partial<FillRules> = {}): FillRules => ({ ...DEFAULT_FILL_RULES, ...fields });

describe('planExecution', () => {
  it.each([
    ['a qty that floors badly in floating point', anOrder({ qty: 0.57 }), rules(), { qty: 0.57, price: 100 }],
    ['a notional, rounded down to 9 decimals', anOrder({ qty: null, notional: 100 }), rules(), { qty: 0.333333333, price: 300 }],
    ['a buy with 25 bp slippage, to the cent', anOrder({ qty: 1 }), rules({ slippageBps: 25 }), { qty: 1, price: 100.25 }],
    ['a sell with 25 bp slippage', anOrder({ side: 'sell', qty: 1 }), rules({ slippageBps: 25 }), { qty: 1, price: 99.75 }],
  ])('executes %s in full', (_name, order, fillRules, expected) => {
    const price = order.notional !== null ? 300 : 100;
    expect(planExecution(order, price, fillRules)).toEqual({ kind: 'execute', final: true, ...expected });
  });

  it('quotes a sub-dollar execution in hundredths of a cent', () => {
    expect(planExecution(anOrder(), 0.123456, rules({ slippageBps: 10 }))).toMatchObject({ price: 0.1236 });
  });

  it('fills a whole-share partial in whole shares and a fractional one to 9 decimals', () => {
    expect(planExecution(anOrder({ qty: 7 }), 100, rules({ partial: { AAPL: 0.5 } }))).toEqual({ kind: 'execute', qty: 3, price: 100, final: false });
    expect(planExecution(anOrder({ qty: 0.5 }), 100, rules({ partial: { AAPL: 0.3 } }))).toEqual({ kind: 'execute', qty: 0.15, price: 100, final: false });
  });

  it('waits for good when a partial fraction buys no whole share, or the symbol never fills', () => {
    expect(planExecution(anOrder({ qty: 1 }), 100, rules({ partial: { AAPL: 0.5 } }))).toEqual({ kind: 'wait', forever: true });
    expect(planExecution(anOrder(), 100, rules({ neverFill: ['AAPL'] }))).toEqual({ kind: 'wait', forever: true });
  });

  it('rejects an order on a reject symbol before anything else', () => {
    expect(planExecution(anOrder(), 100, rules({ reject: ['AAPL'], neverFill: ['AAPL'] }))).toEqual({ kind: 'reject' });
  });

  it('keeps a limit order waiting until the market reaches it, and never executes beyond the limit', () => {
    expect(planExecution(anOrder({ type: 'limit', limitPrice: 99 }), 100, rules())).toEqual({ kind: 'wait', forever: false });
    expect(planExecution(anOrder({ side: 'sell', type: 'limit', limitPrice: 101 }), 100, rules())).toEqual({ kind: 'wait', forever: false });
    expect(planExecution(anOrder({ type: 'limit', limitPrice: 100.1 }), 100, rules({ slippageBps: 50 }))).toMatchObject({ price: 100.1 });
  });
});

describe('bookExecution', () => {
  it('averages the entry price on buys and moves cash by the execution value', () => {
    const state = createExchangeState(aScenario({ positions: [{ symbol: 'AAPL', qty: 10, avgEntryPrice: 90 }] }), 0);
    const order = anOrder({ qty: 10 });
    expect(bookExecution(state, order, 10, 110)).toBe(20);
    expect(state.positions.get('AAPL')).toEqual({ qty: 20, avgEntryPrice: 100 });
    expect(state.cash).toBe(10_000 - 1_100);
    expect(order).toMatchObject({ filledQty: 10, filledAvgPrice: 110 });
  });

  it('removes a position sold down to zero, leaving no float residue', () => {
    const state = createExchangeState(aScenario({ positions: [{ symbol: 'AAPL', qty: 0.3, avgEntryPrice: 90 }] }), 0);
    const sell = anOrder({ side: 'sell', qty: 0.3 });
    expect(bookExecution(state, sell, 0.1, 100)).toBe(0.2);
    expect(bookExecution(state, sell, 0.2, 100)).toBe(0);
    expect(state.positions.has('AAPL')).toBe(false);
    expect(sell.filledQty).toBe(0.3);
  });
});
