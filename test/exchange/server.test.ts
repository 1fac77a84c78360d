import { describe, expect, it } from 'vitest';
import { KEYS, aScenario, anExchange, get } from './helpers.js';

const UNAUTHORIZED = { code: 40110000, message: 'request is not authorized' };

describe('startExchange', () => {
  it('listens on 127.0.0.1 on a free port and reports its base URL without a trailing slash', async () => {
    const exchange = await anExchange();
    expect(exchange.port).toBeGreaterThan(0);
    expect(exchange.baseUrl).toBe(`http://127.0.0.1:${exchange.port}`);
  });

  it('stops accepting connections after close', async () => {
    const exchange = await anExchange();
    await get(exchange, '/v2/clock');
    await exchange.close();
    await expect(fetch(`${exchange.baseUrl}/v2/clock`, { headers: KEYS })).rejects.toThrow();
  });
});

describe('authentication', () => {
  it.each([
    ['no key headers', {}],
    ['only a key id', { 'APCA-API-KEY-ID': 'k' }],
    ['only a secret', { 'APCA-API-SECRET-KEY': 's' }],
    ['blank values', { 'APCA-API-KEY-ID': ' ', 'APCA-API-SECRET-KEY': '' }],
  ])('answers 401 to a trading request with %s', async (_name, headers) => {
    const reply = await get(await anExchange(), '/v2/account', headers);
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(UNAUTHORIZED);
  });

  it('guards market data as well', async () => {
    const reply = await get(await anExchange(), '/v2/stocks/bars?symbols=AAPL&timeframe=1Day', {});
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(UNAUTHORIZED);
  });

  it('accepts any non-empty keys when the scenario sets none', async () => {
    const reply = await get(await anExchange(), '/v2/account', { 'APCA-API-KEY-ID': 'anything', 'APCA-API-SECRET-KEY': 'else' });
    expect(reply.status).toBe(200);
  });

  it('requires the scenario keys when it sets them, and never echoes a key', async () => {
    const exchange = await anExchange(aScenario({ keys: { keyId: 'PKTEST', secretKey: 's3cret' } }));
    const wrong = await get(exchange, '/v2/account', { 'APCA-API-KEY-ID': 'PKTEST', 'APCA-API-SECRET-KEY': 'guess' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('guess');
    expect(wrong.text).not.toContain('PKTEST');
    const right = await get(exchange, '/v2/account', { 'APCA-API-KEY-ID': 'PKTEST', 'APCA-API-SECRET-KEY': 's3cret' });
    expect(right.status).toBe(200);
    expect(right.text).not.toContain('s3cret');
  });

  it('checks only the key id when the scenario fixes only that', async () => {
    const exchange = await anExchange(aScenario({ keys: { keyId: 'PKTEST' } }));
    expect((await get(exchange, '/v2/clock', { 'APCA-API-KEY-ID': 'PKTEST', 'APCA-API-SECRET-KEY': 'any' })).status).toBe(200);
    expect((await get(exchange, '/v2/clock', { 'APCA-API-KEY-ID': 'OTHER', 'APCA-API-SECRET-KEY': 'any' })).status).toBe(401);
  });
});

describe('every response', () => {
  it.each(['/v2/account', '/v2/nothing-here', '/v2/account/', '/favicon.ico'])('is JSON with request id and rate-limit headers: %s', async (path) => {
    const reply = await get(await anExchange(), path);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(reply.headers.get('x-ratelimit-limit'))).toBe(200);
    expect(Number(reply.headers.get('x-ratelimit-remaining'))).toBeLessThan(200);
    expect(Number(reply.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('gives each request its own id and counts down the remaining requests', async () => {
    const exchange = await anExchange();
    const a = await get(exchange, '/v2/clock');
    const b = await get(exchange, '/v2/clock');
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    expect(Number(b.headers.get('x-ratelimit-remaining'))).toBe(Number(a.headers.get('x-ratelimit-remaining')) - 1);
  });

  it('answers an unknown route with 404 JSON and never redirects', async () => {
    const exchange = await anExchange();
    for (const path of ['/v2/nothing-here', '/v2/account/', '/v1/account', '/']) {
      const reply = await get(exchange, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).toMatchObject({ code: 40410000, message: expect.any(String) });
    }
  });

  it('answers a known path with an unsupported method with 405 JSON', async () => {
    const exchange = await anExchange();
    const res = await fetch(`${exchange.baseUrl}/v2/account`, { method: 'PATCH', headers: KEYS, body: '{}' });
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual({ code: 40510000, message: 'method not allowed' });
  });

  it('turns a failing handler into a 500 JSON answer and keeps serving', async () => {
    const exchange = await anExchange();
    exchange.state.now = new Date(Number.NaN);
    const broken = await get(exchange, '/v2/clock');
    expect(broken.status).toBe(500);
    expect(broken.body).toMatchObject({ code: 50010000, message: expect.stringContaining('internal error') });
    exchange.state.now = new Date('2025-11-20T15:00:00Z');
    expect((await get(exchange, '/v2/clock')).status).toBe(200);
  });
});
