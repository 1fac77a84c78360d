import { Alpaca } from '@alpacahq/alpaca-trade-api';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { MarketScenario } from '../../../src/exchange/scenario.js';
import type { RunningExchange } from '../../../src/exchange/server.js';
import type { TradeUpdateEvent } from '../../../src/exchange/trade-events.js';
import { KEYS, aScenario, anExchange } from '../helpers.js';

/** Polls a condition (every few ms) until it holds or the deadline passes. */
async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let orderSeq = 0;
function aTradeUpdate(event: TradeUpdateEvent['event'], extra: Partial<TradeUpdateEvent> = {}): TradeUpdateEvent {
  orderSeq++;
  return {
    event,
    timestamp: '2025-11-20T15:00:01.500Z',
    order: {
      id: `00000000-0000-4000-8000-${String(orderSeq).padStart(12, '0')}`,
      client_order_id: `rebalance-${orderSeq}`,
      symbol: 'AAPL',
      qty: '2',
      side: 'buy',
      type: 'market',
      time_in_force: 'day',
      status: event === 'fill' ? 'filled' : event,
    },
    ...extra,
  };
}

interface RawClient {
  readonly frames: { readonly json: unknown; readonly binary: boolean }[];
  send(frame: unknown): void;
  closeCode(): number | undefined;
  tradeUpdates(): unknown[];
}

const sockets: WebSocket[] = [];
const sdkStreams: { disconnect(): void }[] = [];
afterEach(() => {
  sdkStreams.splice(0).forEach((s) => s.disconnect());
  sockets.splice(0).forEach((s) => s.terminate());
});

async function aRawClient(exchange: RunningExchange, path = '/stream'): Promise<RawClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${exchange.port}${path}`);
  sockets.push(ws);
  const frames: { json: unknown; binary: boolean }[] = [];
  let code: number | undefined;
  ws.on('message', (data, binary) => frames.push({ json: JSON.parse(String(data)) as unknown, binary }));
  ws.on('close', (c) => (code = c));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    frames,
    send: (frame) => ws.send(JSON.stringify(frame)),
    closeCode: () => code,
    tradeUpdates: () => frames.map((f) => f.json as { stream?: string; data?: unknown }).filter((f) => f.stream === 'trade_updates').map((f) => f.data),
  };
}

const AUTHENTICATE = { action: 'authenticate', data: { key_id: 'local-key', secret_key: 'local-secret' } };
const LISTEN = { action: 'listen', data: { streams: ['trade_updates'] } };
const AUTHORIZED = { stream: 'authorization', data: { action: 'authenticate', status: 'authorized' } };
const UNAUTHORIZED = { stream: 'authorization', data: { action: 'authenticate', status: 'unauthorized' } };
const LISTENING = { stream: 'listening', data: { streams: ['trade_updates'] } };

/** A raw client that has authenticated and is listening to trade_updates. */
async function aListeningClient(exchange: RunningExchange): Promise<RawClient> {
  const client = await aRawClient(exchange);
  client.send(AUTHENTICATE);
  client.send(LISTEN);
  await until(() => client.frames.length >= 2, 'authorization and listening');
  return client;
}

describe('the /stream websocket (raw frames)', () => {
  it('authorizes, confirms listening and forwards each trade update in a binary frame', async () => {
    const exchange = await anExchange();
    const client = await aListeningClient(exchange);
    const fill = aTradeUpdate('fill', { execution_id: 'exec-1', price: '101.25', qty: '2', position_qty: '2' });
    exchange.state.events.emit('trade_update', fill);
    await until(() => client.tradeUpdates().length === 1, 'the fill');
    expect(client.frames.map((f) => f.json)).toEqual([AUTHORIZED, LISTENING, { stream: 'trade_updates', data: fill }]);
    expect(client.frames.every((f) => f.binary)).toBe(true);
  });

  it('accepts the flat {"action":"auth","key","secret"} frame', async () => {
    const client = await aRawClient(await anExchange());
    client.send({ action: 'auth', key: 'local-key', secret: 'local-secret' });
    await until(() => client.frames.length === 1, 'the authorization reply');
    expect(client.frames[0]?.json).toEqual(AUTHORIZED);
  });

  it('answers unauthorized and closes the connection when the keys do not match the scenario', async () => {
    const scenario: MarketScenario = aScenario({ keys: { keyId: 'PKTEST', secretKey: 's3cret' } });
    const client = await aRawClient(await anExchange(scenario));
    client.send({ action: 'authenticate', data: { key_id: 'PKTEST', secret_key: 'guess' } });
    await until(() => client.closeCode() !== undefined, 'the server to close');
    expect(client.frames.map((f) => f.json)).toEqual([UNAUTHORIZED]);
    expect(client.closeCode()).toBe(1008);
  });

  it('sends nothing to a connection before it listens, nor after it listens to an empty list', async () => {
    const exchange = await anExchange();
    const client = await aRawClient(exchange);
    client.send(LISTEN);
    await until(() => client.frames.length === 1, 'the refusal');
    expect(client.frames[0]?.json).toEqual({ action: 'error', data: { error_message: 'unauthorized' } });
    const beforeAuth = aTradeUpdate('new');
    exchange.state.events.emit('trade_update', beforeAuth);

    client.send(AUTHENTICATE);
    await until(() => client.frames.length === 2, 'authorization');
    const beforeListen = aTradeUpdate('new');
    exchange.state.events.emit('trade_update', beforeListen);
    client.send(LISTEN);
    await until(() => client.frames.length === 3, 'listening');
    const heard = aTradeUpdate('new');
    exchange.state.events.emit('trade_update', heard);

    client.send({ action: 'listen', data: { streams: [] } });
    await until(() => client.frames.some((f) => JSON.stringify(f.json) === JSON.stringify({ stream: 'listening', data: { streams: [] } })), 'unsubscribed');
    const afterUnsubscribe = aTradeUpdate('canceled');
    exchange.state.events.emit('trade_update', afterUnsubscribe);
    client.send(LISTEN);
    await until(() => client.frames.filter((f) => JSON.stringify(f.json) === JSON.stringify(LISTENING)).length === 2, 'listening again');
    const heardAgain = aTradeUpdate('fill');
    exchange.state.events.emit('trade_update', heardAgain);

    await until(() => client.tradeUpdates().length === 2, 'the second update');
    expect(client.tradeUpdates()).toEqual([heard, heardAgain]);
  });

  it('delivers each event once to every listening connection, however often each listened', async () => {
    const exchange = await anExchange();
    const once = await aListeningClient(exchange);
    const thrice = await aListeningClient(exchange);
    thrice.send(LISTEN);
    thrice.send(LISTEN);
    await until(() => thrice.frames.length === 4, 'the repeated listening replies');
    const events = [aTradeUpdate('new'), aTradeUpdate('partial_fill'), aTradeUpdate('fill')];
    events.forEach((e) => exchange.state.events.emit('trade_update', e));
    await until(() => once.tradeUpdates().length >= 3 && thrice.tradeUpdates().length >= 3, 'three updates on both');
    // Ordered on one socket, so a duplicate of an early event would have arrived before the last one.
    expect(once.tradeUpdates()).toEqual(events);
    expect(thrice.tradeUpdates()).toEqual(events);
  });

  it('refuses a websocket upgrade on any other path', async () => {
    const exchange = await anExchange();
    await expect(aRawClient(exchange, '/v2/stream')).rejects.toThrow(/404/);
  });

  it('ends every stream connection when the exchange closes', async () => {
    const exchange = await anExchange();
    const client = await aListeningClient(exchange);
    await exchange.close();
    await until(() => client.closeCode() !== undefined, 'the client to see the close');
  });
});

describe('the /stream websocket with the official SDK (@alpacahq/alpaca-trade-api 4.0.2)', () => {
  function sdkStream(exchange: RunningExchange, keyId = 'local', secret = 'local') {
    const alpaca = new Alpaca({ keyId, secret, paper: true, retry: false, rateLimit: false });
    const stream = alpaca.trading.stream({ url: `ws://127.0.0.1:${exchange.port}/stream`, reconnect: false });
    sdkStreams.push(stream);
    return stream;
  }

  it('authenticates, listens and delivers each update once, even with the README pattern that listens twice', async () => {
    const exchange = await anExchange();
    const stream = sdkStream(exchange);
    const subscriptions: unknown[] = [];
    const updates: { event: string; orderId: unknown; executionId?: string | undefined; price?: string | undefined; positionQty?: string | undefined }[] = [];
    stream.on('subscription', (streams: unknown) => subscriptions.push(streams));
    stream.onTradeUpdate((u) => updates.push({ event: u.event, orderId: u.order.id, executionId: u.executionId, price: u.price, positionQty: u.positionQty }));
    stream.onConnect(() => stream.subscribeTradeUpdates());
    stream.connect();

    expect(await stream.waitForAuthenticationResult(5_000)).toMatchObject({ authenticated: true });
    await until(() => subscriptions.length === 2, 'both listen acknowledgements');
    expect(subscriptions).toEqual([['trade_updates'], ['trade_updates']]);

    const accepted = aTradeUpdate('new');
    const filled = aTradeUpdate('fill', { execution_id: 'exec-7', price: '101.25', qty: '2', position_qty: '2' });
    const last = aTradeUpdate('canceled');
    for (const e of [accepted, filled, last]) exchange.state.events.emit('trade_update', e);
    await until(() => updates.some((u) => u.orderId === last.order['id']), 'the last update');
    expect(updates).toEqual([
      { event: 'new', orderId: accepted.order['id'], executionId: undefined, price: undefined, positionQty: undefined },
      { event: 'fill', orderId: filled.order['id'], executionId: 'exec-7', price: '101.25', positionQty: '2' },
      { event: 'canceled', orderId: last.order['id'], executionId: undefined, price: undefined, positionQty: undefined },
    ]);
  });

  it('streams the new and fill events of an order placed over REST', async () => {
    const exchange = await anExchange();
    const stream = sdkStream(exchange);
    const updates: { event: string; clientOrderId: unknown; status: unknown; qty?: string | undefined }[] = [];
    stream.onTradeUpdate((u) => updates.push({ event: u.event, clientOrderId: u.order.clientOrderId, status: u.order.status, qty: u.qty }));
    let listening = false;
    stream.on('subscription', () => (listening = true));
    stream.subscribeTradeUpdates();
    stream.connect();
    await until(() => listening, 'the listen acknowledgement');

    const res = await fetch(`${exchange.baseUrl}/v2/orders`, {
      method: 'POST',
      headers: { ...KEYS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ symbol: 'AAPL', qty: '3', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'via-rest' }),
    });
    expect(res.status).toBe(200);
    await until(() => updates.some((u) => u.event === 'fill'), 'the fill');
    expect(updates.filter((u) => u.clientOrderId === 'via-rest').map((u) => [u.event, u.status])).toEqual([
      ['new', 'new'],
      ['fill', 'filled'],
    ]);
    expect(updates.find((u) => u.event === 'fill')?.qty).toBe('3');
  });

  it('reports keys the scenario does not accept as a server rejection and disconnects', async () => {
    const exchange = await anExchange(aScenario({ keys: { keyId: 'PKTEST', secretKey: 's3cret' } }));
    const stream = sdkStream(exchange, 'PKTEST', 'wrong');
    const errors: string[] = [];
    stream.onError((e) => errors.push(e));
    stream.connect();
    expect(await stream.waitForAuthenticationResult(5_000)).toMatchObject({ authenticated: false, status: 'server_rejected' });
    expect(errors).toContain('auth failed');
    expect(stream.getState()).toBe('disconnected');
  });
});
