import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../src/audit/audit-row.js';
import { lastRunOf, outcomeOfRun, parseTrail, type LastRun } from '../../src/status/last-run.js';
import { trailText } from './trail-text.js';

function lastRun(...runs: { runId: string; rows: AuditRow[] }[]): LastRun | undefined {
  const rows = parseTrail(trailText(runs));
  if (!rows.ok) throw new Error(rows.error.join('; '));
  return lastRunOf(rows.value);
}

const started: AuditRow = { event: 'run_started', regime: 'TREND_NEUTRAL', reason: 'local exchange, demo; universe technology' };
const order = (event: AuditRow['event'], status: string, filledQty: number, price: number | null, extra: Partial<AuditRow> = {}): AuditRow => ({
  event,
  phase: 2,
  symbol: 'AAPL',
  side: 'buy',
  qty: 10,
  clientOrderId: 'rb-20251120-AAPL-b-1a2b3c4d-a1',
  orderId: 'o-1',
  status,
  filledQty,
  filledAvgPrice: price,
  ...extra,
});

describe('lastRunOf', () => {
  it('is undefined for a trail holding only its header', () => {
    expect(lastRun()).toBeUndefined();
  });

  it('reads a complete run: when, mode, kind, status, regime and each order with its final fill', () => {
    const run = lastRun(
      { runId: 'old', rows: [started, { event: 'run_finished', status: 'blocked', regime: 'TREND_BULL' }] },
      {
        runId: '20251120-abcd1234',
        rows: [
          started,
          { event: 'order_submitted', phase: 2, symbol: 'AAPL', side: 'buy', qty: 10, clientOrderId: 'rb-20251120-AAPL-b-1a2b3c4d-a1' },
          order('order_accepted', 'new', 0, null),
          order('order_partially_filled', 'partially_filled', 4, 100.5),
          order('order_filled', 'filled', 10, 100.25),
          { event: 'position_checked', symbol: 'AAPL', qty: 10, reason: 'target 10: at target' },
          { event: 'run_finished', status: 'complete', reason: 'every order filled; positions at target', regime: 'TREND_NEUTRAL', runKind: 'selection' },
        ],
      },
    );
    expect(run).toEqual({
      runId: '20251120-abcd1234',
      mode: 'local',
      startedAt: '2025-11-20T15:45:02.000-05:00',
      finishedAt: '2025-11-20T15:45:08.000-05:00',
      kind: 'selection',
      status: 'complete',
      reason: 'every order filled; positions at target',
      gateFailed: false,
      outcome: 'ok',
      regime: 'TREND_NEUTRAL',
      orders: [{ clientOrderId: 'rb-20251120-AAPL-b-1a2b3c4d-a1', symbol: 'AAPL', side: 'buy', qty: 10, status: 'filled', filledQty: 10, filledAvgPrice: 100.25 }],
    });
  });

  it('keeps the requested quantity and the last fill of an order cut short', () => {
    const run = lastRun({
      runId: 'r',
      rows: [
        started,
        { event: 'order_submitted', phase: 2, symbol: 'AAPL', side: 'buy', qty: 10, clientOrderId: 'rb-20251120-AAPL-b-1a2b3c4d-a1' },
        order('order_partially_filled', 'partially_filled', 4, 100.5),
        order('fill_timeout', 'partially_filled', 4, 100.5, { reason: 'not filled within 300 s: cancelling' }),
        order('order_canceled', 'canceled', 4, 100.5),
        { event: 'run_finished', status: 'incomplete', reason: 'buy AAPL is canceled, filled 4 of 10', regime: 'TREND_NEUTRAL', runKind: 'selection' },
      ],
    });
    expect(run?.orders).toEqual([{ clientOrderId: 'rb-20251120-AAPL-b-1a2b3c4d-a1', symbol: 'AAPL', side: 'buy', qty: 10, status: 'canceled', filledQty: 4, filledAvgPrice: 100.5 }]);
    expect(run).toMatchObject({ status: 'incomplete', outcome: 'incomplete' });
  });

  it('reads a run stopped by a failed gate as blocked, with the gate exit', () => {
    const run = lastRun({
      runId: 'r',
      rows: [started, { event: 'gate_failed', gate: '3 buying power', status: 'fail' }, { event: 'run_finished', status: 'blocked', reason: 'a validation gate failed: buying power; nothing submitted', regime: 'TREND_NEUTRAL' }],
    });
    expect(run).toMatchObject({ status: 'blocked', gateFailed: true, outcome: 'gateFailed', kind: null });
  });

  it('reads run_failed as failed, and a run without an end row as unfinished', () => {
    expect(lastRun({ runId: 'r', rows: [started, { event: 'run_failed', reason: 'broker: 500' }] })).toMatchObject({ status: 'failed', outcome: 'unexpected', reason: 'broker: 500' });
    expect(lastRun({ runId: 'r', rows: [started] })).toMatchObject({ status: 'unfinished', outcome: null, finishedAt: null });
  });

  it('reads a trail written before the run_kind column existed', () => {
    const text = 'timestamp,run_id,mode,event,status,reason,regime\n2025-11-20T15:45:00-05:00,r,dry-run,run_finished,planned,dry run,TREND_BEAR\n';
    const rows = parseTrail(text);
    expect(rows.ok && lastRunOf(rows.value)).toMatchObject({ status: 'planned', kind: null, regime: 'TREND_BEAR', mode: 'dry-run' });
  });
});

describe('parseTrail', () => {
  it.each([
    ['a file without the run_id column', 'a,b\n1,2\n', 'run_id'],
    ['a torn quoted field', 'timestamp,run_id,mode,event\n"2025,r,local,run_started\n', 'not a readable CSV'],
  ])('refuses %s, saying why', (_name, text, expected) => {
    const rows = parseTrail(text);
    expect(rows.ok).toBe(false);
    expect(rows.ok ? '' : rows.error.join('; ')).toContain(expected);
  });
});

describe('outcomeOfRun', () => {
  it.each([
    ['complete', false, 'ok'],
    ['planned', false, 'ok'],
    ['no change', false, 'ok'],
    ['incomplete', false, 'incomplete'],
    ['skipped', false, 'skipped'],
    ['blocked', false, 'skipped'],
    ['blocked', true, 'gateFailed'],
    ['failed', false, 'unexpected'],
    ['unfinished', false, null],
  ] as const)('maps %s (gate failed: %s) to %s', (status, gateFailed, outcome) => {
    expect(outcomeOfRun(status, gateFailed)).toBe(outcome);
  });
});
