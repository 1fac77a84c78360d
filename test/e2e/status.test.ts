import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { AUDIT_COLUMNS } from '../../src/audit/audit-row.js';
import type { StatusReport } from '../../src/app/status-command.js';
import { runBuiltCli, scratchDir } from '../support/run-cli.js';

type StatusDocument = StatusReport & { exitCode: number };

function status(cwd: string, ...args: string[]): { code: number | null; document: StatusDocument; stderr: string } {
  const run = runBuiltCli(['status', '--json', ...args], { cwd });
  return { code: run.code, document: JSON.parse(run.stdout) as StatusDocument, stderr: run.stderr };
}

function rebalance(cwd: string, ...args: string[]): number | null {
  return runBuiltCli(args, { cwd }).code;
}

describe('rebalance status on the demo', () => {
  it('with no run yet: exit 0, says so, and judges no drift', () => {
    const cwd = scratchDir();
    const text = runBuiltCli(['status'], { cwd });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('no run recorded yet');
    expect(text.stdout).toContain('not judged before the first run');
    const { code, document } = status(cwd);
    expect(code).toBe(0);
    expect(document).toMatchObject({ lastRun: null, outcome: 'ok', exitCode: 0, lock: { state: 'free' }, openOrders: [] });
    expect(document.drift?.total).toBeGreaterThan(0.05);
  });

  it('after a run traded the demo to target: exit 0, the run complete with its filled orders, drift nil; nothing recorded', () => {
    const cwd = scratchDir();
    expect(rebalance(cwd, '--regime', 'neutral', '--force')).toBe(0);
    const trail = join(cwd, 'logs', 'execution_log.csv');
    const before = readFileSync(trail, 'utf8');
    const { code, document, stderr } = status(cwd, '--regime', 'neutral');
    expect(code, stderr).toBe(0);
    expect(document.lastRun).toMatchObject({ status: 'complete', kind: 'selection', outcome: 'ok', regime: 'TREND_NEUTRAL', mode: 'local' });
    expect(document.lastRun?.orders.length).toBeGreaterThan(0);
    for (const order of document.lastRun?.orders ?? []) {
      expect(order).toMatchObject({ status: 'filled', filledQty: order.qty });
      expect(order.filledAvgPrice).toBeGreaterThan(0);
    }
    expect(document.drift?.total).toBeLessThan(0.01);
    expect(document.regime).toEqual({ today: 'TREND_NEUTRAL', source: 'override', lastRun: 'TREND_NEUTRAL', changed: false });
    expect(document.plan).toMatchObject({ kind: 'selection', orders: 0 });
    expect(document.schedule?.next).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(document.reasons).toEqual([]);
    // A status is no run: the trail is as the run left it.
    expect(readFileSync(trail, 'utf8')).toBe(before);

    const text = runBuiltCli(['status', '--regime', 'neutral'], { cwd });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Last run\s+\S+\s+\S+\s+local\s+kind selection\s+complete \(exit 0\)/);
    expect(text.stdout).toContain('every position at its target');
  });

  it('names a regime change since the last run, and drift beyond the band exits 4', () => {
    const cwd = scratchDir();
    expect(rebalance(cwd, '--regime', 'neutral', '--force')).toBe(0);
    expect(rebalance(cwd, '--dry-run', '--regime', 'bear')).toBe(0);
    const sameTargets = status(cwd, '--regime', 'neutral');
    expect(sameTargets.code).toBe(0);
    expect(sameTargets.document.lastRun).toMatchObject({ status: 'planned', mode: 'dry-run', regime: 'TREND_BEAR', outcome: 'ok' });
    expect(sameTargets.document.regime).toMatchObject({ today: 'TREND_NEUTRAL', lastRun: 'TREND_BEAR', changed: true });
    const bull = status(cwd, '--regime', 'bull');
    expect(bull.code).toBe(4);
    expect(bull.document.drift?.withinBand).toBe(false);
    expect(bull.document.reasons.join('\n')).toMatch(/drift \d+\.\d\d% of equity exceeds the band 5\.00%/);
  });

  it('after a run skipped as not a rebalance day: the skip is said, not held against the status; drift decides', () => {
    const cwd = scratchDir();
    expect(rebalance(cwd, '--regime', 'neutral', '--force')).toBe(0);
    expect(rebalance(cwd, '--regime', 'neutral')).toBe(5);
    const { code, document } = status(cwd, '--regime', 'neutral');
    expect(code).toBe(0);
    expect(document.lastRun).toMatchObject({ status: 'skipped', outcome: 'skipped' });
    expect(document.reasons[0]).toContain('the last run was skipped: skipped: not a rebalance day');
  });

  it('after a run blocked by a failed gate (a trail written by hand): exit 5', () => {
    const cwd = scratchDir();
    const row = (fields: Partial<Record<(typeof AUDIT_COLUMNS)[number], string>>): string[] => AUDIT_COLUMNS.map((c) => fields[c] ?? '');
    const base = { run_id: '20251120-b10cked0', mode: 'local', regime: 'TREND_BULL' } as const;
    const file = join(cwd, 'trail.csv');
    writeFileSync(
      file,
      stringify([
        [...AUDIT_COLUMNS],
        row({ ...base, timestamp: '2025-11-20T15:45:00.000-05:00', event: 'run_started' }),
        row({ ...base, timestamp: '2025-11-20T15:45:01.000-05:00', event: 'gate_failed', gate: '6 symbol validity', status: 'fail', reason: 'INTC: price $3.85 is below the minimum $5.00 for a buy' }),
        row({ ...base, timestamp: '2025-11-20T15:45:02.000-05:00', event: 'run_finished', status: 'blocked', reason: 'a validation gate failed: symbol validity; nothing submitted', run_kind: 'selection' }),
      ]),
    );
    const { code, document } = status(cwd, '--audit-file', file, '--regime', 'neutral');
    expect(code).toBe(5);
    expect(document.lastRun).toMatchObject({ status: 'blocked' });
    expect(document.reasons[0]).toBe('the last run was blocked: a validation gate failed: symbol validity; nothing submitted');
  });

  it('after an incomplete run (a trail written by hand): exit 4 with the cut-short order', () => {
    const cwd = scratchDir();
    const row = (fields: Partial<Record<(typeof AUDIT_COLUMNS)[number], string>>): string[] =>
      AUDIT_COLUMNS.map((c) => fields[c] ?? '');
    const base = { run_id: '20251120-feedbeef', mode: 'local', regime: 'TREND_NEUTRAL' } as const;
    const order = { ...base, phase: '2', symbol: 'AAPL', side: 'buy', qty: '10', client_order_id: 'rb-20251120-AAPL-b-1a2b3c4d-a1' } as const;
    const trail = stringify([
      [...AUDIT_COLUMNS],
      row({ ...base, timestamp: '2025-11-20T15:45:00.000-05:00', event: 'run_started' }),
      row({ ...order, timestamp: '2025-11-20T15:45:01.000-05:00', event: 'order_submitted' }),
      row({ ...order, timestamp: '2025-11-20T15:50:01.000-05:00', event: 'order_canceled', status: 'canceled', filled_qty: '4', filled_avg_price: '270.5' }),
      row({ ...base, timestamp: '2025-11-20T15:50:02.000-05:00', event: 'run_finished', status: 'incomplete', reason: 'buy AAPL is canceled, filled 4 of 10', run_kind: 'selection' }),
    ]);
    const file = join(cwd, 'trail.csv');
    writeFileSync(file, trail);
    const { code, document } = status(cwd, '--audit-file', file);
    expect(code).toBe(4);
    expect(document.lastRun).toMatchObject({ runId: '20251120-feedbeef', status: 'incomplete', kind: 'selection', outcome: 'incomplete' });
    expect(document.lastRun?.orders).toEqual([{ clientOrderId: 'rb-20251120-AAPL-b-1a2b3c4d-a1', symbol: 'AAPL', side: 'buy', qty: 10, status: 'canceled', filledQty: 4, filledAvgPrice: 270.5 }]);
    expect(document.reasons[0]).toBe('the last run was incomplete: buy AAPL is canceled, filled 4 of 10');
  });

  it.each([
    ['an unknown universe', ['--universe', 'energy'], 'universe'],
    ['an audit trail that is not one', ['--audit-file', 'not-a-trail.csv'], 'not-a-trail.csv'],
  ])('exits 2 on bad input: %s', (_name, args, message) => {
    const cwd = scratchDir();
    writeFileSync(join(cwd, 'not-a-trail.csv'), 'a,b\n1,2\n');
    const run = runBuiltCli(['status', ...args], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
