import { describe, expect, it } from 'vitest';
import { expectConformsToSpec } from '../../support/openapi.js';
import { aScenario, anExchange, get } from '../helpers.js';

describe('GET /v2/clock', () => {
  it('reports an open market during a session, in New York time', async () => {
    const reply = await get(await anExchange(), '/v2/clock');
    expect(reply.status).toBe(200);
    expectConformsToSpec('trading', 'GET', '/v2/clock', 200, reply.body);
    expect(reply.body).toEqual({
      timestamp: '2025-11-20T10:00:00-05:00',
      is_open: true,
      next_open: '2025-11-21T09:30:00-05:00',
      next_close: '2025-11-20T16:00:00-05:00',
    });
  });

  it('reports a closed market on a weekend and moves with the state clock', async () => {
    const exchange = await anExchange(aScenario());
    exchange.state.now = new Date('2025-11-22T17:00:00Z');
    const reply = await get(exchange, '/v2/clock');
    expect(reply.body).toMatchObject({ timestamp: '2025-11-22T12:00:00-05:00', is_open: false, next_open: '2025-11-24T09:30:00-05:00' });
  });
});
