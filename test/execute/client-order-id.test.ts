import { describe, expect, it } from 'vitest';
import { attemptOf, clientOrderId, isOwnOrder, MAX_ATTEMPT, nextAttempt, planHash, tradingDateOf } from '../../src/execute/client-order-id.js';

const PLAN = [
  { symbol: 'AAPL', side: 'buy', qty: 12 },
  { symbol: 'MSFT', side: 'sell', qty: 3 },
  { symbol: 'NVDA', side: 'buy', qty: 0.25 },
] as const;

describe('planHash', () => {
  it('is 8 lower-case hex digits', () => {
    expect(planHash(PLAN)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('is the same whatever order the orders are listed in', () => {
    const hash = planHash(PLAN);
    const [a, b, c] = PLAN;
    for (const permutation of [[a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]]) expect(planHash(permutation)).toBe(hash);
  });

  it.each([
    { change: 'a quantity', plan: [{ ...PLAN[0], qty: 13 }, PLAN[1], PLAN[2]] },
    { change: 'a side', plan: [{ ...PLAN[0], side: 'sell' as const }, PLAN[1], PLAN[2]] },
    { change: 'a symbol', plan: [{ ...PLAN[0], symbol: 'AMZN' }, PLAN[1], PLAN[2]] },
    { change: 'one order fewer', plan: [PLAN[0], PLAN[1]] },
  ])('changes when $change changes', ({ plan }) => {
    expect(planHash(plan)).not.toBe(planHash(PLAN));
  });

  it('treats a float artefact as the quantity it stands for', () => {
    expect(planHash([{ symbol: 'AAPL', side: 'buy', qty: 0.1 + 0.2 }])).toBe(planHash([{ symbol: 'AAPL', side: 'buy', qty: 0.3 }]));
  });
});

describe('clientOrderId', () => {
  it('names the trading day, symbol, side, plan and attempt', () => {
    expect(clientOrderId('2025-11-20', 'AAPL', 'buy', '1a2b3c4d', 1)).toBe('rb-20251120-AAPL-b-1a2b3c4d-a1');
    expect(clientOrderId('2025-11-20', 'AAPL', 'sell', '1a2b3c4d', 12)).toBe('rb-20251120-AAPL-s-1a2b3c4d-a12');
  });

  it('gives the same plan a different id on each attempt', () => {
    const ids = [1, 2, 3].map((attempt) => clientOrderId('2025-11-20', 'AAPL', 'sell', '1a2b3c4d', attempt));
    expect(new Set(ids).size).toBe(3);
  });

  it('gives each order of a plan its own id and the same ids when the plan is made again', () => {
    type Order = (typeof PLAN)[number];
    const ids = (plan: readonly Order[]) => plan.map((o) => clientOrderId('2025-11-20', o.symbol, o.side, planHash(plan), 1));
    expect(new Set(ids(PLAN)).size).toBe(PLAN.length);
    expect(ids([...PLAN].reverse()).sort()).toEqual(ids(PLAN).sort());
  });

  it.each(['BRK.B', 'BRK-B', 'BTC/USD', 'A', 'X'.repeat(40), 'ÄPFEL'])('keeps %s within 48 characters of [A-Za-z0-9.-]', (symbol) => {
    const id = clientOrderId('2025-11-20', symbol, 'buy', 'abcdef01', MAX_ATTEMPT);
    expect(id.length).toBeLessThanOrEqual(48);
    expect(attemptOf(id)).toBe(MAX_ATTEMPT);
    expect(id).toMatch(/^[A-Za-z0-9.-]+$/);
    expect(isOwnOrder(id)).toBe(true);
    expect(tradingDateOf(id)).toBe('2025-11-20');
  });

  it.each<{ input: [string, string, 'buy' | 'sell', string, number]; problem: string }>([
    { input: ['20251120', 'AAPL', 'buy', '1a2b3c4d', 1], problem: 'a date without dashes' },
    { input: ['2025-02-30', 'AAPL', 'buy', '1a2b3c4d', 1], problem: 'a date not in the calendar' },
    { input: ['2025-11-20', '', 'buy', '1a2b3c4d', 1], problem: 'an empty symbol' },
    { input: ['2025-11-20', 'AAPL', 'buy', '1A2B3C4D', 1], problem: 'an upper-case hash' },
    { input: ['2025-11-20', 'AAPL', 'buy', '1a2b3c', 1], problem: 'a short hash' },
    { input: ['2025-11-20', 'AAPL', 'buy', '1a2b3c4d', 0], problem: 'attempt 0' },
    { input: ['2025-11-20', 'AAPL', 'buy', '1a2b3c4d', 1.5], problem: 'a fractional attempt' },
    { input: ['2025-11-20', 'AAPL', 'buy', '1a2b3c4d', MAX_ATTEMPT + 1], problem: 'an attempt past the maximum' },
  ])('throws on $problem', ({ input }) => {
    expect(() => clientOrderId(...input)).toThrow(RangeError);
  });
});

describe('isOwnOrder and tradingDateOf', () => {
  it('read the trading date back from an own id', () => {
    const id = clientOrderId('2026-02-02', 'MSFT', 'sell', planHash(PLAN), 3);
    expect(isOwnOrder(id)).toBe(true);
    expect(tradingDateOf(id)).toBe('2026-02-02');
    expect(attemptOf(id)).toBe(3);
  });

  it('claim ids made before attempts existed, as attempt 0', () => {
    expect(tradingDateOf('rb-20251120-BRK-B-b-1a2b3c4d')).toBe('2025-11-20');
    expect(attemptOf('rb-20251120-BRK-B-b-1a2b3c4d')).toBe(0);
  });

  it.each([
    '61e69015-8549-4bfd-b9c3-01e75843f47d',
    'my-manual-order',
    '',
    'rb-20251120-AAPL-b-1a2b3c4',
    'rb-20251120-AAPL-x-1a2b3c4d',
    'rb-20251320-AAPL-b-1a2b3c4d',
    'rb-20251120--b-1a2b3c4d',
    'rb-20251120-AAPL-b-1A2B3C4D',
    'xrb-20251120-AAPL-b-1a2b3c4d',
    'rb-20251120-AAPL-b-1a2b3c4d-retry',
    'rb-20251120-AAPL-b-1a2b3c4d-a0',
    'rb-20251120-AAPL-b-1a2b3c4d-a01',
    'rb-20251120-AAPL-b-1a2b3c4d-a10000',
    `rb-20251120-${'X'.repeat(30)}-b-1a2b3c4d`,
  ])('do not claim %j', (id) => {
    expect(isOwnOrder(id)).toBe(false);
    expect(tradingDateOf(id)).toBeUndefined();
  });
});

describe('nextAttempt', () => {
  const id = (date: string, attempt: number, symbol = 'AAPL'): string => clientOrderId(date, symbol, 'sell', '1a2b3c4d', attempt);

  it('is 1 on a day without own orders', () => {
    expect(nextAttempt([], '2025-11-20')).toBe(1);
    expect(nextAttempt(['my-manual-order', id('2025-11-19', 5)], '2025-11-20')).toBe(1);
  });

  it('is one past the highest attempt of that trading day, whatever the plan or symbol', () => {
    const ids = [id('2025-11-20', 1), id('2025-11-20', 3, 'MSFT'), id('2025-11-20', 2), id('2025-11-21', 9)];
    expect(nextAttempt(ids, '2025-11-20')).toBe(4);
  });

  it('counts an id made before attempts existed as attempt 0', () => {
    expect(nextAttempt(['rb-20251120-AAPL-s-1a2b3c4d'], '2025-11-20')).toBe(1);
  });
});
