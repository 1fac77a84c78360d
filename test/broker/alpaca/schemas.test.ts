import { describe, expect, it } from 'vitest';
import { unexpectedResponse } from '../../../src/broker/alpaca/errors.js';
import { accountSchema, brokerOrderSchema, decimal, openOrderSchema, positionSchema } from '../../../src/broker/alpaca/schemas.js';

describe('decimal', () => {
  it.each([
    ['100000.12', 100000.12],
    ['-3.5', -3.5],
    ['12.345678901', 12.345678901],
    [42, 42],
  ])('reads %o as %o', (input, value) => {
    expect(decimal.parse(input)).toBe(value);
  });

  it.each(['', ' ', 'NaN', 'abc', 'Infinity', Number.NaN])('rejects %o', (input) => {
    expect(decimal.safeParse(input).success).toBe(false);
  });
});

describe('SDK models', () => {
  const sdkPosition = {
    symbol: 'TSLA',
    qty: '5',
    side: 'short',
    avgEntryPrice: '200.5',
    currentPrice: '190',
    marketValue: '-950',
  };

  it('makes a short position negative whatever sign the broker sent', () => {
    expect(positionSchema.parse(sdkPosition).qty).toBe(-5);
    expect(positionSchema.parse({ ...sdkPosition, qty: '-5' }).qty).toBe(-5);
  });

  it('reads a notional open order, which has no share quantity yet, as quantity 0', () => {
    const order = openOrderSchema.parse({
      id: 'o-1',
      clientOrderId: 'c-1',
      symbol: 'AAPL',
      side: 'buy',
      status: 'accepted',
      notional: '500',
    });
    expect(order).toEqual({ id: 'o-1', clientOrderId: 'c-1', symbol: 'AAPL', side: 'buy', qty: 0, status: 'accepted' });
  });

  it.each([
    ['held', 'held'],
    ['calculated', 'calculated'],
    ['pending_replace', 'pending_replace'],
    ['pending_review', 'unknown:pending_review'],
  ])('reads order status %o as %o, so a status it does not know is reported, not a failed read', (sent, status) => {
    const order = brokerOrderSchema.parse({
      id: 'o-1',
      clientOrderId: 'c-1',
      symbol: 'AAPL',
      side: 'buy',
      qty: '3',
      status: sent,
      filledQty: '0',
      submittedAt: new Date('2024-03-15T15:00:00Z'),
    });
    expect(order.status).toBe(status);
    expect(openOrderSchema.parse({ id: 'o-1', clientOrderId: 'c-1', symbol: 'AAPL', side: 'buy', qty: '3', status: sent }).status).toBe(status);
  });

  it('turns a malformed account into a fatal error that names the field', () => {
    const parsed = accountSchema.safeParse({
      equity: 'oops',
      cash: '1',
      buyingPower: '1',
      status: 'ACTIVE',
      tradingBlocked: false,
      accountBlocked: false,
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = unexpectedResponse('reading the account', parsed.error);
    expect(error.kind).toBe('fatal');
    expect(error.message).toContain('equity');
  });
});
