import { afterEach, describe, expect, it } from 'vitest';
import { postWebhook, type SendSettings } from '../../src/notify/send.js';
import { closedPortUrl, startWebhookServer, type Behaviour, type WebhookServer } from './webhook-server.js';

const FAST: SendSettings = { totalMs: 3_000, attemptMs: 1_000, retries: 3, minDelayMs: 10 };

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const serve = async (behaviour: Behaviour): Promise<WebhookServer> => (server = await startWebhookServer(behaviour));

describe('postWebhook', () => {
  it('delivers a JSON body in one attempt when the server answers 200', async () => {
    const hook = await serve('ok');
    const sent = await postWebhook(hook.url(), '{"text":"hi"}', FAST, fetch);
    expect(sent).toEqual({ ok: true, attempts: 1, status: 200 });
    expect(hook.received.map(({ path, contentType, body }) => ({ path, contentType, body }))).toEqual([{ path: '/hook', contentType: 'application/json', body: '{"text":"hi"}' }]);
  });

  it('retries a 500 until its retries are used up, then gives up', async () => {
    const hook = await serve('error');
    const sent = await postWebhook(hook.url(), '{}', FAST, fetch);
    expect(sent).toMatchObject({ ok: false, attempts: 4, error: 'HTTP 500' });
    expect(hook.received).toHaveLength(4);
  });

  it('retries a 429 and delivers on the next attempt', async () => {
    const hook = await serve('rate-limited-once');
    expect(await postWebhook(hook.url(), '{}', FAST, fetch)).toEqual({ ok: true, attempts: 2, status: 200 });
  });

  it('does not retry a 400: the request itself is wrong', async () => {
    const hook = await serve('bad-request');
    expect(await postWebhook(hook.url(), '{}', FAST, fetch)).toMatchObject({ ok: false, attempts: 1, error: 'HTTP 400' });
  });

  it('gives up on a hanging server within the total deadline', async () => {
    const hook = await serve('hang');
    const started = performance.now();
    const sent = await postWebhook(hook.url(), '{}', { totalMs: 600, attemptMs: 250, retries: 10, minDelayMs: 10 }, fetch);
    const elapsed = performance.now() - started;
    expect(sent.ok).toBe(false);
    expect(elapsed).toBeLessThan(600 + 300);
    // Each attempt timed out at 250 ms and was retried while the deadline allowed.
    expect(hook.received.length).toBeGreaterThanOrEqual(2);
  });

  it('retries a server that is down (connection refused), then gives up', async () => {
    const sent = await postWebhook(await closedPortUrl(), '{}', FAST, fetch);
    expect(sent).toMatchObject({ ok: false, attempts: 4 });
    expect(sent.ok === false && sent.error).toMatch(/ECONNREFUSED/);
  });
});
