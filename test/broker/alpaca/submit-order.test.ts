import { ApiError, AuthError, FetchError, PermissionError, RateLimitError, ValidationError } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import { MAX_ORDER_POSTS, submitMarketOrder, type MarketOrderBody } from '../../../src/broker/alpaca/submit-order.js';
import { BrokerError } from '../../../src/broker/port.js';
import type { BrokerOrder, OrderRequest, OrderStatus } from '../../../src/domain/index.js';
import { recordedBackoff } from './recorded-backoff.js';

function aRequest(overrides: Partial<OrderRequest> = {}): OrderRequest {
  return { clientOrderId: 'rb-20240315-AAPL-b-1a2b3c4d', symbol: 'AAPL', side: 'buy', qty: 3, type: 'market', timeInForce: 'day', ...overrides };
}

function anOrder(body: MarketOrderBody, overrides: Partial<BrokerOrder> = {}): BrokerOrder {
  return {
    id: 'order-1',
    clientOrderId: body.clientOrderId,
    symbol: body.symbol,
    side: body.side,
    qty: Number(body.qty),
    status: 'accepted',
    filledQty: 0,
    filledAvgPrice: null,
    submittedAt: '2024-03-15T15:00:00.000Z',
    ...overrides,
  };
}

function apiError(status: number, message: string, retryAfterMs?: number): ApiError {
  const response = new Response(JSON.stringify({ message }), { status });
  const Kind = { 401: AuthError, 403: PermissionError, 422: ValidationError, 429: RateLimitError }[status] ?? ApiError;
  return new Kind(response, status, undefined, message, undefined, retryAfterMs);
}

const connectionReset = (): FetchError =>
  new FetchError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'The request failed');

type Step = 'ok' | Error;

/**
 * An exchange scripted step by step: each POST takes the next outcome of `posts`; an 'ok' POST stores the order,
 * and so does a POST that fails after being stored (`storedAnyway`). Lookups find what was stored.
 */
function scriptedExchange(posts: Step[], options: { storedAnyway?: boolean; lookupFailure?: Error; stored?: BrokerOrder } = {}) {
  const sent: MarketOrderBody[] = [];
  let stored: BrokerOrder | undefined = options.stored;
  let lookups = 0;
  const backoff = recordedBackoff();
  return {
    sent,
    backoff,
    lookups: () => lookups,
    deps: {
      post: (body: MarketOrderBody): Promise<BrokerOrder> => {
        sent.push(body);
        const step = posts.shift() ?? new Error('script ran out of POST outcomes');
        if (step === 'ok' || options.storedAnyway === true) stored ??= anOrder(body);
        return step === 'ok' ? Promise.resolve(anOrder(body)) : Promise.reject(step);
      },
      lookup: (): Promise<BrokerOrder | undefined> => {
        lookups += 1;
        return options.lookupFailure ? Promise.reject(options.lookupFailure) : Promise.resolve(stored);
      },
      redact: (text: string) => text.replaceAll('secret', '[redacted]'),
      backoff,
    },
  };
}

describe('submitMarketOrder', () => {
  it('sends a market day order with the client order id and a qty without float artefacts', async () => {
    const exchange = scriptedExchange(['ok']);
    const outcome = await submitMarketOrder(aRequest({ qty: 0.1 + 0.2 }), exchange.deps);
    expect(outcome.kind).toBe('accepted');
    expect(exchange.sent).toEqual([
      { symbol: 'AAPL', side: 'buy', qty: '0.3', clientOrderId: 'rb-20240315-AAPL-b-1a2b3c4d', type: 'market', timeInForce: 'day' },
    ]);
    expect(exchange.lookups()).toBe(0);
  });

  it.each([
    [403, 'insufficient buying power'],
    [403, 'potential wash trade detected. use complex orders'],
    [422, 'asset "XOM" is not tradable'],
  ])('returns a %d "%s" as rejected, without retrying', async (status, message) => {
    const exchange = scriptedExchange([apiError(status, message)]);
    expect(await submitMarketOrder(aRequest(), exchange.deps)).toEqual({ kind: 'rejected', status, message });
    expect(exchange.sent).toHaveLength(1);
  });

  it('reads 422 "client_order_id must be unique" as accepted earlier, and returns that order', async () => {
    const exchange = scriptedExchange([apiError(422, 'client_order_id must be unique')], {
      stored: anOrder({ symbol: 'AAPL', side: 'buy', qty: '3', clientOrderId: 'rb-20240315-AAPL-b-1a2b3c4d', type: 'market', timeInForce: 'day' }, { id: 'earlier', status: 'filled' }),
    });
    const outcome = await submitMarketOrder(aRequest(), exchange.deps);
    expect(outcome).toMatchObject({ kind: 'accepted', note: 'already submitted', order: { id: 'earlier', status: 'filled' } });
    expect(exchange.sent).toHaveLength(1);
  });

  it.each<OrderStatus>(['accepted', 'new', 'partially_filled', 'pending_cancel', 'held', 'filled'])('reads a 422 duplicate whose order is %s as already submitted', async (status) => {
    const exchange = scriptedExchange([apiError(422, 'client_order_id must be unique')], {
      stored: anOrder({ symbol: 'AAPL', side: 'buy', qty: '3', clientOrderId: 'rb-20240315-AAPL-b-1a2b3c4d', type: 'market', timeInForce: 'day' }, { status }),
    });
    expect(await submitMarketOrder(aRequest(), exchange.deps)).toMatchObject({ kind: 'accepted', note: 'already submitted', order: { status } });
  });

  it.each<[OrderStatus, number]>([
    ['canceled', 0],
    ['canceled', 1],
    ['expired', 0],
    ['rejected', 0],
    ['done_for_day', 2],
  ])('refuses a 422 duplicate whose order is %s (filled %d of 3): that order did not happen, nothing is resubmitted', async (status, filledQty) => {
    const exchange = scriptedExchange([apiError(422, 'client_order_id must be unique')], {
      stored: anOrder({ symbol: 'AAPL', side: 'buy', qty: '3', clientOrderId: 'rb-20240315-AAPL-b-1a2b3c4d', type: 'market', timeInForce: 'day' }, { status, filledQty }),
    });
    const outcome = await submitMarketOrder(aRequest(), exchange.deps);
    expect(outcome).toEqual({
      kind: 'rejected',
      status: 422,
      message: `client order id rb-20240315-AAPL-b-1a2b3c4d is taken by an order that is ${status} (filled ${filledQty} of 3); not resubmitted`,
    });
    expect(exchange.sent).toHaveLength(1);
  });

  it('looks the order up after a connection reset and does not POST again when it exists', async () => {
    const exchange = scriptedExchange([connectionReset()], { storedAnyway: true });
    const outcome = await submitMarketOrder(aRequest(), exchange.deps);
    expect(outcome.kind).toBe('accepted');
    expect(outcome.kind === 'accepted' && outcome.note).toMatch(/found by client order id after/);
    expect(exchange.sent).toHaveLength(1);
    expect(exchange.lookups()).toBe(1);
  });

  it.each([
    ['a 500', () => apiError(500, 'internal server error')],
    ['a 503', () => apiError(503, 'service unavailable')],
    ['a 429', () => apiError(429, 'rate limit exceeded', 0)],
    ['a connection reset', connectionReset],
  ])('POSTs again after %s only once the lookup found nothing', async (_name, failure) => {
    const exchange = scriptedExchange([failure(), 'ok']);
    const outcome = await submitMarketOrder(aRequest(), exchange.deps);
    expect(outcome.kind).toBe('accepted');
    expect(exchange.sent).toHaveLength(2);
    expect(exchange.lookups()).toBe(1);
  });

  it('waits for the reset a 429 announced before looking up and POSTing again', async () => {
    const exchange = scriptedExchange([apiError(429, 'rate limit exceeded', 2_000), 'ok']);
    await submitMarketOrder(aRequest(), exchange.deps);
    expect(exchange.backoff.waits).toEqual([2_100]);
  });

  it(`throws a retryable error after ${MAX_ORDER_POSTS} POSTs whose outcome stayed unknown, each looked up first`, async () => {
    const exchange = scriptedExchange([apiError(500, 'a'), apiError(502, 'b'), apiError(503, 'c'), 'ok']);
    const failure = await submitMarketOrder(aRequest(), exchange.deps).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BrokerError);
    expect((failure as BrokerError).kind).toBe('retryable');
    expect((failure as BrokerError).message).toContain('rb-20240315-AAPL-b-1a2b3c4d');
    expect(exchange.sent).toHaveLength(MAX_ORDER_POSTS);
    expect(exchange.lookups()).toBe(MAX_ORDER_POSTS);
    expect(exchange.backoff.waits).toEqual([100, 200, 400]);
  });

  it('does not POST again when the lookup itself fails: the outcome stays unknown', async () => {
    const exchange = scriptedExchange([connectionReset()], { lookupFailure: new BrokerError('retryable', 'lookup down') });
    const failure = await submitMarketOrder(aRequest(), exchange.deps).catch((e: unknown) => e);
    expect((failure as BrokerError).kind).toBe('retryable');
    expect((failure as BrokerError).message).toMatch(/may or may not have been placed.*lookup down/);
    expect(exchange.sent).toHaveLength(1);
  });

  it('stops with a fatal error when the client order id belongs to a different order', async () => {
    const other = anOrder({ symbol: 'AAPL', side: 'buy', qty: '7', clientOrderId: 'rb-20240315-AAPL-b-1a2b3c4d', type: 'market', timeInForce: 'day' });
    const exchange = scriptedExchange([apiError(422, 'client_order_id must be unique')], { stored: other });
    const failure = await submitMarketOrder(aRequest(), exchange.deps).catch((e: unknown) => e);
    expect((failure as BrokerError).kind).toBe('fatal');
    expect((failure as BrokerError).message).toContain('different order');
  });

  it('throws auth for refused credentials rather than calling it a rejected order', async () => {
    const exchange = scriptedExchange([apiError(401, 'request is not authorized')]);
    const failure = await submitMarketOrder(aRequest(), exchange.deps).catch((e: unknown) => e);
    expect((failure as BrokerError).kind).toBe('auth');
    expect(exchange.lookups()).toBe(0);
  });

  it('refuses a quantity that is not a positive number without sending anything', async () => {
    const exchange = scriptedExchange(['ok']);
    await expect(submitMarketOrder(aRequest({ qty: 0 }), exchange.deps)).rejects.toThrow(RangeError);
    expect(exchange.sent).toHaveLength(0);
  });
});
