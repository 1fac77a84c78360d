import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/app/compose.js';
import { packagePaths } from '../../src/app/paths.js';
import { runRebalance, type RunOutcome } from '../../src/app/run-rebalance.js';
import type { RebalanceRequest } from '../../src/app/run-inputs.js';
import type { NotifyTarget } from '../../src/config/schema.js';
import { notifyAfterRun } from '../../src/cli/notify-after-run.js';
import { DISCORD_LIMIT } from '../../src/notify/formats.js';
import type { SendSettings } from '../../src/notify/send.js';
import { newYorkIso } from '../../src/time/new-york.js';
import { readCsv } from '../support/read-csv.js';
import { scratchDir } from '../support/run-cli.js';
import { closedPortUrl, startWebhookServer, type Behaviour, type WebhookServer } from '../notify/webhook-server.js';

const FAST: SendSettings = { totalMs: 2_000, attemptMs: 500, retries: 2, minDelayMs: 10 };
const NOW = new Date('2026-02-02T20:50:00Z');
const KEY_ID = 'PKTESTKEYID0001';
const SECRET = 'sEcReTkEy0000000001';

const cwd = scratchDir();
const logLines: string[] = [];
const context: CommandContext = {
  env: { XDG_CACHE_HOME: join(cwd, 'cache'), APCA_API_KEY_ID: KEY_ID, APCA_API_SECRET_KEY: SECRET },
  cwd,
  paths: packagePaths(resolve(import.meta.dirname, '..', '..')),
  logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
  now: () => NOW,
  pid: process.pid,
  fetchImpl: fetch,
};
/** The demo traded once in this process (TREND_NEUTRAL, --force): a real report with fills, and a trail. */
let traded: RunOutcome;

beforeAll(async () => {
  // No keys for the run itself (the built-in demo exchange); the notices are scrubbed of the context's keys.
  const runContext = { ...context, env: { XDG_CACHE_HOME: join(cwd, 'cache') }, logger: pino({ level: 'silent' }) };
  traded = await runRebalance({ dryRun: false, force: true, regime: 'TREND_NEUTRAL' }, runContext);
}, 120_000);

let servers: WebhookServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  logLines.length = 0;
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const serve = async (behaviour: Behaviour): Promise<WebhookServer> => {
  const server = await startWebhookServer(behaviour);
  servers.push(server);
  return server;
};

/** A --config file with these targets; the request as the run had it. */
function requestWith(targets: readonly NotifyTarget[], name = 'notify.json'): RebalanceRequest {
  const file = join(cwd, name);
  writeFileSync(file, JSON.stringify({ notify: targets }));
  return { dryRun: false, force: true, regime: 'TREND_NEUTRAL', configFile: file };
}

const trailRows = (): string[][] => readCsv(readFileSync(join(cwd, 'logs', 'execution_log.csv'), 'utf8'));

describe('notifyAfterRun', () => {
  it('a trade posts one message per matching target, with the run in each format', async () => {
    if (traded.kind !== 'report' || traded.report.execution === null) throw new Error(`the demo run did not trade: ${JSON.stringify(traded).slice(0, 400)}`);
    const report = traded.report;
    const execution = traded.report.execution;
    const hook = await serve('ok');
    const deliveries = await notifyAfterRun(
      traded,
      requestWith([
        { url: hook.url('/slack'), format: 'slack', on: ['trade'] },
        { url: hook.url('/discord'), format: 'discord', on: ['trade', 'failure'] },
        { url: hook.url('/json'), format: 'json', on: ['always'] },
        { url: hook.url('/failures-only'), format: 'json', on: ['failure'] },
      ]),
      context,
      FAST,
    );
    expect(deliveries.map((d) => d.ok)).toEqual([true, true, true]);
    const byPath = new Map(hook.received.map((r) => [r.path, JSON.parse(r.body) as Record<string, unknown>]));
    expect([...byPath.keys()].sort()).toEqual(['/discord', '/json', '/slack']);

    const filled = execution.orders.filter((o) => o.filledQty > 0);
    const moneyMoved = filled.reduce((sum, o) => sum + o.filledQty * (o.filledAvgPrice ?? 0), 0);
    expect(filled.length).toBeGreaterThan(0);
    expect(byPath.get('/json')).toEqual({
      tool: 'regime-rebalancer',
      command: 'rebalance',
      mode: 'local',
      kind: 'selection',
      regime: 'TREND_NEUTRAL',
      previousRegime: null,
      regimeChanged: false,
      exitCode: 0,
      outcome: 'ok',
      meaning: 'plan valid (dry run), or every order filled and positions equal the targets',
      orders: execution.orders.map((o) => ({ symbol: o.symbol, side: o.side, qty: o.qty, filledQty: o.filledQty, filledAvgPrice: o.filledAvgPrice, status: o.status })),
      ordersOmitted: 0,
      fills: filled.length,
      moneyMoved: Math.round(moneyMoved * 100) / 100,
      attention: [],
      runId: report.runId,
      at: newYorkIso(NOW, 'always'),
    });
    const slack = byPath.get('/slack') as { text: string };
    expect(Object.keys(slack)).toEqual(['text']);
    expect(slack.text.split('\n').slice(0, 3)).toEqual([
      '*regime-rebalancer* rebalance, local, selection: exit 0 (ok)',
      'plan valid (dry run), or every order filled and positions equal the targets',
      'Regime: TREND_NEUTRAL',
    ]);
    const first = execution.orders[0];
    expect(slack.text).toContain(`${first?.side} ${first?.qty} ${first?.symbol}: filled ${first?.filledQty}`);
    expect(slack.text).toContain(`Run ${report.runId} at ${newYorkIso(NOW, 'always')}`);
    const discord = byPath.get('/discord') as { content: string };
    expect(Object.keys(discord)).toEqual(['content']);
    expect(discord.content.startsWith('**regime-rebalancer** rebalance, local, selection: exit 0 (ok)\n')).toBe(true);
    expect(discord.content.length).toBeLessThanOrEqual(DISCORD_LIMIT);
  });

  it("names the previous run's regime from the trail and tells regime-change targets", async () => {
    const hook = await serve('ok');
    const unchanged: RunOutcome = { kind: 'unchanged', reason: 'no change: invested 69% vs 30%', regime: { name: 'TREND_BEAR', allocation: 0.3, source: 'override' }, mode: 'local', secrets: [], runId: 'later-run' };
    await notifyAfterRun(
      unchanged,
      requestWith([
        { url: hook.url('/regime'), format: 'json', on: ['regime-change'] },
        { url: hook.url('/trade'), format: 'json', on: ['trade'] },
      ]),
      context,
      FAST,
    );
    expect(hook.received.map((r) => r.path)).toEqual(['/regime']);
    expect(hook.json()[0]).toMatchObject({ kind: 'none', regime: 'TREND_BEAR', previousRegime: 'TREND_NEUTRAL', regimeChanged: true, exitCode: 0, orders: [], runId: 'later-run' });
  });

  it('sends a dry run only to targets listening to always', async () => {
    const hook = await serve('ok');
    const dry: RunOutcome = { kind: 'error', outcome: 'gateFailed', errors: ['a gate failed'], secrets: [], mode: 'dry-run', runId: 'dry-1' };
    await notifyAfterRun(
      dry,
      requestWith([
        { url: hook.url('/failure'), format: 'json', on: ['failure'] },
        { url: hook.url('/always'), format: 'json', on: ['always'] },
      ]),
      context,
      FAST,
    );
    expect(hook.received.map((r) => r.path)).toEqual(['/always']);
  });

  it("never puts the environment's or the run's keys in a payload", async () => {
    const hook = await serve('ok');
    const failed: RunOutcome = {
      kind: 'error',
      outcome: 'unexpected',
      errors: [`broker: 403 for key ${KEY_ID} / ${SECRET}`, 'session token tok-ABCDEF-123 refused'],
      secrets: ['tok-ABCDEF-123'],
      mode: 'paper',
      runId: 'failed-1',
    };
    await notifyAfterRun(failed, requestWith(['slack', 'discord', 'json'].map((format) => ({ url: hook.url(`/${format}`), format: format as NotifyTarget['format'], on: ['failure' as const] }))), context, FAST);
    expect(hook.received).toHaveLength(3);
    for (const { body } of hook.received) {
      expect(body).not.toContain(KEY_ID);
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain('tok-ABCDEF-123');
      expect(body).toContain('[redacted]');
    }
    expect(hook.json()[2]).toMatchObject({ exitCode: 1, outcome: 'unexpected', attention: ['broker: 403 for key [redacted] / [redacted]', 'session token [redacted] refused'] });
  });

  it('a server answering 500 is retried, then the failure is logged and written to the trail under the run id', async () => {
    if (traded.kind !== 'report') throw new Error('the demo run did not report');
    const hook = await serve('error');
    const deliveries = await notifyAfterRun(traded, requestWith([{ url: hook.url('/secret-token-path'), format: 'slack', on: ['always'] }]), context, FAST);
    expect(hook.received).toHaveLength(FAST.retries + 1);
    expect(deliveries).toMatchObject([{ ok: false, attempts: 3, error: 'HTTP 500' }]);
    const last = trailRows().at(-1) ?? [];
    expect(last.slice(1, 4)).toEqual([traded.report.runId, 'local', 'notify_failed']);
    expect(last.join(',')).toContain('HTTP 500 after 3 attempt(s)');
    // A webhook URL's path is its token: neither the trail nor the log has it.
    expect(last.join(',')).not.toContain('secret-token-path');
    expect(logLines.join('')).toContain('notify: slack message to 127.0.0.1');
    expect(logLines.join('')).not.toContain('secret-token-path');
  });

  it('a hanging server and a server that is down cost no more than the deadline, together', async () => {
    if (traded.kind !== 'report') throw new Error('the demo run did not report');
    const hang = await serve('hang');
    const started = performance.now();
    const deliveries = await notifyAfterRun(
      traded,
      requestWith([
        { url: hang.url(), format: 'json', on: ['trade'] },
        { url: await closedPortUrl(), format: 'discord', on: ['trade'] },
      ]),
      context,
      { ...FAST, totalMs: 800, attemptMs: 300 },
    );
    expect(performance.now() - started).toBeLessThan(800 + 400);
    expect(deliveries.map((d) => d.ok)).toEqual([false, false]);
    const runId = traded.report.runId;
    const failedRows = trailRows().filter((r) => r[1] === runId && r[3] === 'notify_failed' && r[12] !== 'slack');
    expect(failedRows.map((r) => r[12]).sort()).toEqual(['discord', 'json']);
    expect(failedRows.map((r) => r[16]).join('\n')).toMatch(/deadline|timed out/);
    expect(failedRows.map((r) => r[16]).join('\n')).toMatch(/ECONNREFUSED/);
  });
});
