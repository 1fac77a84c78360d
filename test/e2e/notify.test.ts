import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCsv } from '../support/read-csv.js';
import { REPO_ROOT, runBuiltCliAsync } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';
import { startWebhookServer, type Behaviour, type WebhookServer } from '../notify/webhook-server.js';

describe('notifications from the built CLI', () => {
  const tmp = useTempDir();
  let server: WebhookServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const serve = async (behaviour: Behaviour): Promise<WebhookServer> => (server = await startWebhookServer(behaviour));
  const env = (): Record<string, string> => ({ XDG_CACHE_HOME: join(tmp.path(), 'cache') });
  const config = (notify: unknown): string => tmp.write('notify.json', JSON.stringify({ notify }));

  it('trading the demo (--regime neutral --force) exits 0 and posts a trade notice with its fills', async () => {
    const hook = await serve('ok');
    const file = config([
      { url: hook.url('/json'), format: 'json', on: ['trade'] },
      { url: hook.url('/slack'), format: 'slack', on: ['failure'] },
    ]);
    const run = await runBuiltCliAsync(['--regime', 'neutral', '--force', '--json', '--config', file], { cwd: tmp.path(), env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(hook.received.map((r) => r.path)).toEqual(['/json']);
    const notice = hook.json()[0] as { orders: { filledQty: number; symbol: string; side: string }[]; fills: number; moneyMoved: number; runId: string };
    const report = JSON.parse(run.stdout) as { runId: string; execution: { orders: { symbol: string; side: string; filledQty: number }[] } };
    expect(notice).toMatchObject({ tool: 'regime-rebalancer', mode: 'local', kind: 'selection', regime: 'TREND_NEUTRAL', exitCode: 0, outcome: 'ok', attention: [], runId: report.runId });
    expect(notice.fills).toBeGreaterThan(0);
    expect(notice.moneyMoved).toBeGreaterThan(0);
    expect(notice.orders.map((o) => `${o.side} ${o.symbol} ${o.filledQty}`)).toEqual(report.execution.orders.map((o) => `${o.side} ${o.symbol} ${o.filledQty}`));
  });

  it('the report is printed before the notice is sent: a slow webhook never holds the result back', async () => {
    const hook = await serve('ok');
    const file = config([{ url: hook.url(), format: 'json', on: ['always'] }]);
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'dist', 'cli', 'main.js'), '--dry-run', '--regime', 'bull', '--json', '--config', file], {
      cwd: tmp.path(),
      // No Alpaca keys: the demo, never an account.
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('APCA_'))), ...env() },
    });
    let printedAt: number | undefined;
    child.stdout.on('data', () => (printedAt ??= Date.now()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(hook.received).toHaveLength(1);
    expect(printedAt).toBeDefined();
    expect(printedAt as number).toBeLessThanOrEqual((hook.received[0] as { at: number }).at);
  });

  it('a webhook answering 500 is retried, leaves the exit code alone and is recorded as notify_failed', async () => {
    const hook = await serve('error');
    const file = config([{ url: hook.url(), format: 'discord', on: ['always'] }]);
    const run = await runBuiltCliAsync(['--dry-run', '--regime', 'bull', '--config', file], { cwd: tmp.path(), env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(hook.received.length).toBe(5);
    const rows = readCsv(readFileSync(join(tmp.path(), 'logs', 'execution_log.csv'), 'utf8'));
    const last = rows.at(-1) ?? [];
    expect(last[3]).toBe('notify_failed');
    expect(last[1]).toBe(rows.find((r) => r[3] === 'run_started')?.[1]);
    expect(run.stderr).toContain('notify: discord message to 127.0.0.1');
  });

  it('backtest --notify tells the always targets how the backtest went', async () => {
    const hook = await serve('ok');
    const file = config([{ url: hook.url(), format: 'json', on: ['always'] }]);
    const run = await runBuiltCliAsync(['backtest', '--from', '2025-09-02', '--to', '2025-10-31', '--schedule', 'monthly', '--notify', '--config', file, '--out', join(tmp.path(), 'bt')], {
      cwd: tmp.path(),
      env: env(),
    });
    expect(run.code, run.stderr).toBe(0);
    const notice = hook.json()[0] as { fills: number };
    expect(notice).toMatchObject({ command: 'backtest', mode: 'backtest', exitCode: 0, previousRegime: null, runId: null });
    expect(notice.fills).toBeGreaterThan(0);
  });
});
