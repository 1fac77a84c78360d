import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_COLUMNS, openAuditTrail, type AuditRow } from '../../src/audit/audit-trail.js';
import { readCsv } from '../support/read-csv.js';
import { useTempDir } from '../support/temp-dir.js';

const temp = useTempDir();
const HEADER = [...AUDIT_COLUMNS];

/** A clock that starts at `iso` and moves `stepMs` forward on every reading. */
function clockFrom(iso: string, stepMs = 1): () => Date {
  let t = Date.parse(iso);
  return () => {
    const at = new Date(t);
    t += stepMs;
    return at;
  };
}

function open(path: string, overrides: { maxBytes?: number; runId?: string; now?: () => Date } = {}) {
  return openAuditTrail({
    path,
    maxBytes: overrides.maxBytes ?? 1_000_000,
    runId: overrides.runId ?? 'run-1',
    mode: 'paper',
    now: overrides.now ?? clockFrom('2025-11-20T20:45:01.123Z'),
  });
}

/** The rows of one file as objects keyed by column, after checking its header. */
function rowsOf(path: string): Record<string, string>[] {
  const [header, ...rows] = readCsv(readFileSync(path, 'utf8'));
  expect(header).toEqual(HEADER);
  return rows.map((fields) => {
    expect(fields).toHaveLength(HEADER.length);
    return Object.fromEntries(HEADER.map((column, i) => [column, fields[i] ?? '']));
  });
}

/** Every file of the trail, rotated ones first in name order, then the live file. */
function trailFiles(dir: string, live = 'execution_log.csv'): string[] {
  const rotated = readdirSync(dir)
    .filter((name) => name !== live && name.startsWith('execution_log.'))
    .sort();
  return [...rotated, live].map((name) => join(dir, name));
}

describe('openAuditTrail', () => {
  it('writes the header once and one row per record, with every field as recorded', () => {
    const path = join(temp.path(), 'execution_log.csv');
    const trail = open(path, { runId: '20251120-abcd1234' });
    trail.record({ event: 'run_started', regime: 'TREND_BULL', equity: 100_000.25, runKind: 'exposure' });
    trail.record({
      event: 'order_filled',
      phase: 2,
      symbol: 'AAPL',
      side: 'buy',
      qty: 12,
      orderType: 'market',
      timeInForce: 'day',
      clientOrderId: 'rb-20251120-AAPL-b-1a2b3c4d',
      orderId: '61e69015-8549-4bfd-b9c3-01e75843f47d',
      status: 'filled',
      filledQty: 12,
      filledAvgPrice: 187.31,
    });
    trail.close();

    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toBe(HEADER.join(','));
    expect(text.match(/^timestamp,/gm)).toHaveLength(1);
    const rows = rowsOf(path);
    expect(rows).toEqual([
      {
        timestamp: '2025-11-20T15:45:01.123-05:00',
        run_id: '20251120-abcd1234',
        mode: 'paper',
        event: 'run_started',
        phase: '',
        symbol: '',
        side: '',
        qty: '',
        order_type: '',
        time_in_force: '',
        client_order_id: '',
        order_id: '',
        status: '',
        filled_qty: '',
        filled_avg_price: '',
        gate: '',
        reason: '',
        regime: 'TREND_BULL',
        equity: '100000.25',
        run_kind: 'exposure',
      },
      {
        timestamp: '2025-11-20T15:45:01.124-05:00',
        run_id: '20251120-abcd1234',
        mode: 'paper',
        event: 'order_filled',
        phase: '2',
        symbol: 'AAPL',
        side: 'buy',
        qty: '12',
        order_type: 'market',
        time_in_force: 'day',
        client_order_id: 'rb-20251120-AAPL-b-1a2b3c4d',
        order_id: '61e69015-8549-4bfd-b9c3-01e75843f47d',
        status: 'filled',
        filled_qty: '12',
        filled_avg_price: '187.31',
        gate: '',
        reason: '',
        regime: '',
        equity: '',
        run_kind: '',
      },
    ]);
  });

  it('quotes reasons holding commas, quotes and line breaks so they read back unchanged', () => {
    const path = join(temp.path(), 'execution_log.csv');
    const reasons = ['buys exceed buying power, by $1,234.50', 'broker said "insufficient qty"', 'line one\nline two', 'crlf\r\nend', ' leading space', ''];
    const trail = open(path);
    for (const reason of reasons) trail.record({ event: 'gate_failed', gate: 'buying power', reason });
    trail.close();

    expect(rowsOf(path).map((row) => row['reason'])).toEqual(reasons);
  });

  it('writes quantities without float artefacts and a missing fill price as an empty field', () => {
    const path = join(temp.path(), 'execution_log.csv');
    const trail = open(path);
    trail.record({ event: 'order_submitted', qty: 0.1 + 0.2, filledQty: 0, filledAvgPrice: null });
    trail.record({ event: 'order_partially_filled', qty: 1.123456789, filledQty: 0.0000001, filledAvgPrice: 338.3399963378906 });
    trail.close();

    const rows = rowsOf(path);
    expect(rows.map((row) => [row['qty'], row['filled_qty'], row['filled_avg_price']])).toEqual([
      ['0.3', '0', ''],
      ['1.123456789', '0.0000001', '338.3399963378906'],
    ]);
  });

  it('has each row on disk as soon as record returns, before the trail is closed', () => {
    const path = join(temp.path(), 'execution_log.csv');
    const trail = open(path);
    for (let n = 1; n <= 3; n++) {
      trail.record({ event: 'position_checked', symbol: `SYM${n}` });
      const rows = rowsOf(path);
      expect(rows).toHaveLength(n);
      expect(rows.at(-1)?.['symbol']).toBe(`SYM${n}`);
    }
    trail.close();
  });

  it('creates missing parent folders', () => {
    const path = join(temp.path(), 'state', 'audit', 'execution_log.csv');
    const trail = open(path);
    trail.record({ event: 'run_started' });
    trail.close();
    expect(rowsOf(path)).toHaveLength(1);
  });

  it('appends to an existing trail without repeating its header', () => {
    const path = join(temp.path(), 'execution_log.csv');
    const first = open(path, { runId: 'run-1' });
    first.record({ event: 'run_started' });
    first.record({ event: 'run_finished' });
    first.close();
    const second = open(path, { runId: 'run-2' });
    second.record({ event: 'run_started' });
    second.close();

    expect(readdirSync(temp.path())).toEqual(['execution_log.csv']);
    expect(rowsOf(path).map((row) => `${row['run_id']} ${row['event']}`)).toEqual([
      'run-1 run_started',
      'run-1 run_finished',
      'run-2 run_started',
    ]);
  });

  it.each([
    { condition: 'has a different header', content: 'time,event\n2025-01-01,old\n' },
    { condition: 'ends in a torn row', content: `${HEADER.join(',')}\n2025-11-20T10:00:00.000-05:00,run-0,paper,run_sta` },
  ])('keeps an existing file that $condition aside and starts a fresh one', ({ content }) => {
    const path = temp.write('execution_log.csv', content);
    const trail = open(path);
    trail.record({ event: 'run_started' });
    trail.close();

    const names = readdirSync(temp.path()).sort();
    expect(names).toEqual(['execution_log.2025-11-20T15-45-01-123.csv', 'execution_log.csv']);
    expect(readFileSync(join(temp.path(), names[0] ?? ''), 'utf8')).toBe(content);
    expect(rowsOf(path).map((row) => row['event'])).toEqual(['run_started']);
  });

  it('rotates at maxBytes into timestamped files that each start with the header, losing no row', () => {
    const dir = temp.path();
    const path = join(dir, 'execution_log.csv');
    const maxBytes = 600;
    const trail = open(path, { maxBytes, now: clockFrom('2025-11-20T20:45:01.000Z', 1500) });
    const recorded = Array.from({ length: 40 }, (_, n) => `order ${n}, "quoted"\nsecond line`);
    for (const reason of recorded) trail.record({ event: 'order_accepted', symbol: 'MSFT', reason });
    trail.close();

    const files = trailFiles(dir);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      expect(readFileSync(file).length).toBeLessThanOrEqual(maxBytes);
      expect(rowsOf(file).length).toBeGreaterThan(0);
    }
    // Each rotated file is named after the New York time of the row that no longer fit, which opens the next file.
    files.slice(0, -1).forEach((file, i) => {
      const opener = rowsOf(files[i + 1] ?? '')[0]?.['timestamp'] ?? '';
      const stamp = opener.slice(0, 23).replaceAll(':', '-').replace('.', '-');
      expect(file).toBe(join(dir, `execution_log.${stamp}.csv`));
    });
    expect(files.flatMap((file) => rowsOf(file).map((row) => row['reason']))).toEqual(recorded);
  });

  it('gives every rotated file its own name when rotations happen within one millisecond', () => {
    const dir = temp.path();
    const path = join(dir, 'execution_log.csv');
    const fixed = new Date('2025-07-15T14:00:00.007Z');
    const trail = open(path, { maxBytes: 300, now: () => fixed });
    for (let n = 0; n < 12; n++) trail.record({ event: 'order_accepted', reason: `row ${n}` });
    trail.close();

    const files = trailFiles(dir);
    expect(files.slice(0, 3).map((file) => file.slice(dir.length + 1))).toEqual([
      'execution_log.2025-07-15T10-00-00-007.csv',
      'execution_log.2025-07-15T10-00-00-007_0001.csv',
      'execution_log.2025-07-15T10-00-00-007_0002.csv',
    ]);
    expect(files.flatMap((file) => rowsOf(file).map((row) => row['reason']))).toEqual(
      Array.from({ length: 12 }, (_, n) => `row ${n}`),
    );
  });

  it('still writes a row larger than maxBytes, alone in its file', () => {
    const dir = temp.path();
    const path = join(dir, 'execution_log.csv');
    const trail = open(path, { maxBytes: 50 });
    trail.record({ event: 'run_started' });
    trail.record({ event: 'run_finished' });
    trail.close();

    const files = trailFiles(dir);
    expect(files.map((file) => rowsOf(file).map((row) => row['event']))).toEqual([['run_started'], ['run_finished']]);
  });

  it.each([
    { season: 'winter (EST)', utc: '2025-11-20T20:45:01.123Z', newYork: '2025-11-20T15:45:01.123-05:00' },
    { season: 'summer (EDT)', utc: '2025-07-15T14:00:00.007Z', newYork: '2025-07-15T10:00:00.007-04:00' },
    { season: 'the last instant before the spring change', utc: '2025-03-09T06:59:59.999Z', newYork: '2025-03-09T01:59:59.999-05:00' },
    { season: 'the first instant after the spring change', utc: '2025-03-09T07:00:00.000Z', newYork: '2025-03-09T03:00:00.000-04:00' },
    { season: 'a UTC date ahead of New York', utc: '2026-01-01T02:30:00.000Z', newYork: '2025-12-31T21:30:00.000-05:00' },
  ])('stamps rows in New York time in $season', ({ utc, newYork }) => {
    const path = join(temp.path(), 'execution_log.csv');
    const trail = open(path, { now: () => new Date(utc) });
    trail.record({ event: 'run_started' });
    trail.close();
    expect(rowsOf(path)[0]?.['timestamp']).toBe(newYork);
  });

  it('refuses records after close', () => {
    const trail = open(join(temp.path(), 'execution_log.csv'));
    trail.close();
    const row: AuditRow = { event: 'run_finished' };
    expect(() => trail.record(row)).toThrow(/closed/);
  });
});

it('reads a written file back with the test CSV reader only when it is complete', () => {
  const path = temp.write('partial.csv', 'a,b\n"c,d",e');
  expect(() => readCsv(readFileSync(path, 'utf8'))).toThrow(/not terminated/);
  writeFileSync(path, 'a,b\n"c,d",e\n');
  expect(readCsv(readFileSync(path, 'utf8'))).toEqual([['a', 'b'], ['c,d', 'e']]);
});
