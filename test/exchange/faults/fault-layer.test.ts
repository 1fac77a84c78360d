import { describe, expect, it } from 'vitest';
import type { FaultConfig, FaultOutcome, FaultRequest } from '../../../src/exchange/faults/index.js';
import { createFaultLayer, faultsSchema } from '../../../src/exchange/faults/index.js';
import type { ApiResponse } from '../../../src/exchange/http/types.js';

/** A fault layer on a clock the test moves by hand. */
function aLayer(faults: Partial<FaultConfig>) {
  const clock = { now: 1_700_000_000_000 };
  const layer = createFaultLayer(faultsSchema.parse(faults), () => clock.now);
  return { layer, clock };
}

const okBody = (status = 200): ApiResponse => ({ status, body: { id: 'x' } });
const GET_CLOCK: FaultRequest = { method: 'GET', path: '/v2/clock' };
const POST_ORDER: FaultRequest = { method: 'POST', path: '/v2/orders' };

function statusOf(outcome: FaultOutcome): number | 'dropped' {
  return outcome.kind === 'drop' ? 'dropped' : outcome.response.status;
}

describe('createFaultLayer', () => {
  it('passes every request through untouched when the scenario has no faults', async () => {
    const { layer } = aLayer({});
    const outcome = await layer.handle(GET_CLOCK, () => okBody());
    expect(outcome).toMatchObject({ kind: 'reply', response: okBody() });
  });

  it('refuses with 429 once the window is used up and serves again from the instant it resets', async () => {
    const { layer, clock } = aLayer({ rateLimitPerMinute: 2, rateLimitWindowMs: 10_000 });
    const start = clock.now;
    expect(statusOf(await layer.handle(GET_CLOCK, () => okBody()))).toBe(200);
    clock.now = start + 4_000;
    expect(statusOf(await layer.handle(GET_CLOCK, () => okBody()))).toBe(200);
    const refused = await layer.handle(GET_CLOCK, () => okBody());
    expect(refused).toMatchObject({
      kind: 'reply',
      response: { status: 429, body: { code: 42910000, message: 'rate limit exceeded' } },
      headers: { 'X-Ratelimit-Limit': '2', 'X-Ratelimit-Remaining': '0', 'Retry-After': '6' },
    });
    clock.now = start + 9_999;
    expect(statusOf(await layer.handle(GET_CLOCK, () => okBody()))).toBe(429);
    clock.now = start + 10_000;
    const fresh = await layer.handle(GET_CLOCK, () => okBody());
    expect(fresh).toMatchObject({ kind: 'reply', response: { status: 200 }, headers: { 'X-Ratelimit-Remaining': '1' } });
  });

  it('does not run the route of a refused request', async () => {
    const { layer } = aLayer({ rateLimitPerMinute: 1 });
    let runs = 0;
    const route = (): ApiResponse => (runs++, okBody());
    await layer.handle(POST_ORDER, route);
    await layer.handle(POST_ORDER, route);
    expect(runs).toBe(1);
  });

  it('counts paths outside /v2 against the limit without refusing them, and ignores /_control entirely', async () => {
    const { layer } = aLayer({ rateLimitPerMinute: 2 });
    const control: FaultRequest = { method: 'POST', path: '/_control/advance' };
    for (let i = 0; i < 3; i++) expect(statusOf(await layer.handle(control, () => okBody()))).toBe(200);
    expect(statusOf(await layer.handle(GET_CLOCK, () => okBody()))).toBe(200);
    expect(statusOf(await layer.handle({ method: 'GET', path: '/favicon.ico' }, () => okBody(404)))).toBe(404);
    expect(statusOf(await layer.handle({ method: 'GET', path: '/favicon.ico' }, () => okBody(404)))).toBe(404);
    expect(statusOf(await layer.handle(GET_CLOCK, () => okBody()))).toBe(429);
  });

  it('drops only the Nth order POST the route accepted; rejected orders do not count', async () => {
    const { layer } = aLayer({ dropAfterOrderAccepted: 2 });
    let stored = 0;
    const accept = (): ApiResponse => (stored++, okBody());
    const reject = (): ApiResponse => okBody(422);
    const outcomes = [
      await layer.handle(POST_ORDER, accept),
      await layer.handle(POST_ORDER, reject),
      await layer.handle({ method: 'GET', path: '/v2/orders' }, accept),
      await layer.handle(POST_ORDER, accept),
      await layer.handle(POST_ORDER, accept),
    ].map(statusOf);
    expect(outcomes).toEqual([200, 422, 200, 'dropped', 200]);
    // The dropped order was still stored by the route: only its answer is lost.
    expect(stored).toBe(4);
  });

  it('fails only the methods errorMethods names', async () => {
    const { layer } = aLayer({ errorRate: 1, errorMethods: ['DELETE'] });
    expect(statusOf(await layer.handle({ method: 'GET', path: '/v2/orders' }, () => okBody()))).toBe(200);
    expect(statusOf(await layer.handle(POST_ORDER, () => okBody()))).toBe(200);
    expect(await layer.handle({ method: 'DELETE', path: '/v2/orders' }, () => okBody(207))).toMatchObject({
      response: { status: 500, body: { code: 50010000, message: 'internal server error' } },
    });
  });

  it('drops a request still waiting out its latency when the layer closes', async () => {
    const { layer } = aLayer({ latencyMs: 60_000 });
    let ran = false;
    const pending = layer.handle(GET_CLOCK, () => ((ran = true), okBody()));
    layer.close();
    expect(await pending).toEqual({ kind: 'drop' });
    expect(ran).toBe(false);
  });
});
