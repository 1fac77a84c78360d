import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { openAuditTrail } from '../../src/audit/audit-trail.js';
import { AUDIT_COLUMNS } from '../../src/audit/audit-row.js';
import { previousRegimeIn, readTrailTail } from '../../src/audit/previous-regime.js';
import { useTempDir } from '../support/temp-dir.js';

/** A trail row with the given columns set. */
const row = (fields: Partial<Record<(typeof AUDIT_COLUMNS)[number], string>>): string => stringify([AUDIT_COLUMNS.map((c) => fields[c] ?? '')]);
const header = stringify([[...AUDIT_COLUMNS]]);

describe('previousRegimeIn', () => {
  it('is the regime of the latest run_finished row of another run', () => {
    const trail =
      header +
      row({ run_id: 'a', event: 'run_finished', regime: 'TREND_BULL' }) +
      row({ run_id: 'b', event: 'run_finished', regime: 'TREND_BEAR', reason: 'every order filled, positions "at" target' }) +
      row({ run_id: 'c', event: 'run_started', regime: 'CRASH' });
    expect(previousRegimeIn(trail, 'c')).toBe('TREND_BEAR');
  });

  it("skips the run's own rows and rows that named no regime", () => {
    const trail =
      header +
      row({ run_id: 'a', event: 'run_finished', regime: 'TREND_NEUTRAL' }) +
      row({ run_id: 'b', event: 'run_finished', regime: '', reason: 'skipped: market closed' }) +
      row({ run_id: 'c', event: 'run_finished', regime: 'CRASH' });
    expect(previousRegimeIn(trail, 'c')).toBe('TREND_NEUTRAL');
  });

  it('is null for an empty trail, a first run, or a tail that starts mid-row', () => {
    expect(previousRegimeIn('', 'x')).toBeNull();
    expect(previousRegimeIn(header + row({ run_id: 'x', event: 'run_finished', regime: 'TREND_BULL' }), 'x')).toBeNull();
    expect(previousRegimeIn('un_finished,,TREND_BULL\n', null)).toBeNull();
  });

  it('finds whole rows when the tail starts inside a quoted reason that spans lines', () => {
    const trail =
      row({ run_id: 'a', event: 'run_failed', reason: 'first line, "quoted"\nsecond, line\nthird' }) +
      row({ run_id: 'b', event: 'run_finished', regime: 'CRASH', reason: 'two\nlines' });
    const insideReason = trail.indexOf('second');
    expect(previousRegimeIn(trail.slice(insideReason), null)).toBe('CRASH');
  });

  it('reads the regime back from a trail written by the audit writer', () => {
    const dir = useTempDir();
    const path = `${dir.path()}/trail.csv`;
    const audit = openAuditTrail({ path, maxBytes: 1_000_000, runId: 'r1', mode: 'local', now: () => new Date('2026-01-05T15:00:00Z') });
    audit.record({ event: 'run_finished', status: 'complete', reason: 'a, "quoted"\nreason', regime: 'TREND_BEAR' });
    audit.close();
    expect(previousRegimeIn(readTrailTail(path), 'r2')).toBe('TREND_BEAR');
    expect(readTrailTail(`${dir.path()}/missing.csv`)).toBe('');
  });
});
