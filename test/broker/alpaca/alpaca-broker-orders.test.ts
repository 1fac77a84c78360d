import { describe, expect, it } from 'vitest';
import { AlpacaBroker } from '../../../src/broker/alpaca/alpaca-broker.js';
import { LOCAL_EXCHANGE_RETRY } from '../../../src/broker/alpaca/client.js';
import { BrokerError } from '../../../src/broker/port.js';
import { anOrder, contractScenario, faults, orderReaching } from '../contract-scenario.js';
import { useLocalExchange } from './local-exchange.js';
import { recordedBackoff } from './recorded-backoff.js';
import { orderPosts, recordingFetch } from './recording-fetch.js';

/** What the Alpaca adapter sends and how it reacts, seen on the wire to the local exchange. */
describe('AlpacaBroker orders on the wire', () => {
  const local = useLocalExchange();

  async function wired(scenario = contractScenario(), options: { ordersPageLimit?: number; streamTimeoutMs?: number } = {}) {
    const exchange = await local.start(scenario);
    const recording = recordingFetch();
    const client = local.clientFor(exchange, { fetchImpl: recording.fetchImpl, retry: LOCAL_EXCHANGE_RETRY });
    const backoff = recordedBackoff({ baseMs: 10, maxMs: 100, maxRateLimitWaitMs: 5_000 });
    // Real waits for rate-limit resets (the exchange's window is real time); recorded all the same.
    const waiting = { ...backoff, sleep: (ms: number) => backoff.sleep(ms).then(() => new Promise<void>((r) => setTimeout(r, ms))) };
    return { exchange, seen: recording.seen, waits: backoff.waits, broker: new AlpacaBroker(client, { backoff: waiting, ...options }) };
  }

  it('POSTs a market day order with the client order id and qty "0.3" for 0.1 + 0.2 shares', async () => {
    const { broker, seen } = await wired();
    const request = anOrder('NVDA', 'sell', 0.1 + 0.2);
    await broker.submitOrder(request);
    expect(orderPosts(seen).map((r) => r.body)).toEqual([
      { symbol: 'NVDA', side: 'sell', qty: '0.3', type: 'market', time_in_force: 'day', client_order_id: request.clientOrderId },
    ]);
  });

  it('after a connection dropped on an accepted order, looks it up instead of POSTing again', async () => {
    const { broker, seen } = await wired(contractScenario({ faults: faults({ dropAfterOrderAccepted: 1 }) }));
    const request = anOrder('XOM', 'buy', 2);
    const outcome = await broker.submitOrder(request);
    expect(outcome).toMatchObject({ kind: 'accepted', note: expect.stringMatching(/found by client order id/) });
    expect(orderPosts(seen).map((r) => r.status)).toEqual(['dropped']);
    expect(seen.some((r) => r.target === `/v2/orders:by_client_order_id?client_order_id=${request.clientOrderId}` && r.status === 200)).toBe(true);
  });

  it('after a 429 on the POST, waits for the reset, finds nothing under the client order id and POSTs once more', async () => {
    const { broker, seen, waits } = await wired(contractScenario({ faults: faults({ rateLimitPerMinute: 2, rateLimitWindowMs: 1_000 }) }));
    // Two reads use up the window; the POST is refused, and the lookup plus the second POST fit the next one.
    await Promise.all([broker.getClock(), broker.getClock()]);
    const request = anOrder('XOM', 'buy', 1);
    expect((await broker.submitOrder(request)).kind).toBe('accepted');
    expect(orderPosts(seen).map((r) => r.status)).toEqual([429, 200]);
    const lookups = seen.filter((r) => r.target.startsWith('/v2/orders:by_client_order_id'));
    expect(lookups.at(-1)?.status).toBe(404);
    // The wait before the lookup came from the 429's reset (at most the 1 s window, plus the margin), not the 10 ms base.
    expect(waits[0]).toBeGreaterThan(100);
  });

  it('survives the injected 500s on GETs: they happened, and every read still succeeded', async () => {
    const { broker, seen } = await wired(contractScenario({ faults: faults({ errorRate: 0.2, seed: 3 }) }));
    for (let i = 0; i < 15; i++) expect((await broker.getAccount()).cash).toBe(50_000);
    expect(seen.filter((r) => r.status === 500).length).toBeGreaterThan(0);
  });

  it('survives a burst of 429s: they happened, and every read still succeeded after the resets', async () => {
    const { broker, seen } = await wired(contractScenario({ faults: faults({ rateLimitPerMinute: 3, rateLimitWindowMs: 500 }) }));
    const reads = await Promise.all(Array.from({ length: 8 }, () => broker.getPositions()));
    expect(reads.every((positions) => positions.length === 3)).toBe(true);
    expect(seen.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  });

  it('follows GET /v2/orders pages by before_order_id until a short page', async () => {
    const { broker, seen } = await wired(contractScenario(), { ordersPageLimit: 2 });
    const placed = [];
    for (let i = 0; i < 5; i++) placed.push(await broker.submitOrder(anOrder('IBM', 'buy', 1)));
    const listed = await broker.listOrders({ status: 'open' });
    expect(listed.map((o) => o.id).sort()).toEqual(placed.map((p) => (p.kind === 'accepted' ? p.order.id : '')).sort());
    const pages = seen.filter((r) => r.method === 'GET' && r.target.startsWith('/v2/orders?'));
    expect(pages).toHaveLength(3);
    expect(pages[1]?.target).toContain('before_order_id=');
  });

  it('treats cancelling a filled order as done, not as an error', async () => {
    const { broker } = await wired();
    const outcome = await broker.submitOrder(anOrder('XOM', 'buy', 1));
    if (outcome.kind !== 'accepted') throw new Error('not accepted');
    await orderReaching(broker, outcome.order.id, ['filled']);
    await expect(broker.cancelOrder(outcome.order.id)).resolves.toBeUndefined();
  });

  it('refuses to count a cancelled order under a reused client order id as placed, and POSTs nothing more', async () => {
    const { broker, seen } = await wired();
    const request = anOrder('IBM', 'sell', 5);
    const first = await broker.submitOrder(request);
    if (first.kind !== 'accepted') throw new Error('not accepted');
    await broker.cancelOrder(first.order.id);
    await orderReaching(broker, first.order.id, ['canceled']);
    const again = await broker.submitOrder(request);
    expect(again).toMatchObject({ kind: 'rejected', status: 422, message: expect.stringContaining('is canceled (filled 0 of 5)') });
    expect(orderPosts(seen).map((r) => r.status)).toEqual([200, 422]);
  });

  it('reads a reused client order id of an open order as already submitted', async () => {
    const { broker } = await wired();
    const request = anOrder('IBM', 'sell', 5);
    const first = await broker.submitOrder(request);
    if (first.kind !== 'accepted') throw new Error('not accepted');
    expect(await broker.submitOrder(request)).toMatchObject({ kind: 'accepted', note: 'already submitted', order: { id: first.order.id } });
  });

  it('reports reading an unknown order id as a rejected BrokerError with status 404', async () => {
    const { broker } = await wired();
    const failure = await broker.getOrder('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BrokerError);
    expect(failure).toMatchObject({ kind: 'rejected', status: 404 });
  });
});

describe('AlpacaBroker trade stream', () => {
  const local = useLocalExchange();

  it('refuses to stream with keys the exchange does not accept, as an auth error', async () => {
    const exchange = await local.start(contractScenario({ keys: { keyId: 'right-key', secretKey: 'right-secret' } }));
    const client = local.clientFor(exchange, { keyId: 'wrong-key', secretKey: 'wrong-secret' });
    const failure = await new AlpacaBroker(client).streamTradeUpdates(() => {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BrokerError);
    expect(failure).toMatchObject({ kind: 'auth' });
    expect((failure as Error).message).not.toContain('wrong-secret');
  });

  it('gives up with a retryable error when nothing answers within the timeout', async () => {
    const exchange = await local.start(contractScenario());
    const client = local.clientFor(exchange);
    await exchange.close();
    const failure = await new AlpacaBroker(client, { streamTimeoutMs: 300 }).streamTradeUpdates(() => {}).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'retryable', message: expect.stringMatching(/did not start listening within 300 ms/) });
  });
});
