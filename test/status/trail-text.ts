import { stringify } from 'csv-stringify/sync';
import { AUDIT_COLUMNS, auditFields, type AuditMode, type AuditRow } from '../../src/audit/audit-row.js';

/** An audit trail's text as the writer makes it: the header, then each run's rows. */
export function trailText(runs: readonly { runId: string; mode?: AuditMode; rows: readonly AuditRow[] }[]): string {
  const records: string[][] = [[...AUDIT_COLUMNS]];
  let second = 0;
  for (const run of runs) {
    for (const row of run.rows) {
      const at = `2025-11-20T15:45:${String(second++).padStart(2, '0')}.000-05:00`;
      records.push([...auditFields(row, at, run.runId, run.mode ?? 'local')]);
    }
  }
  return stringify(records);
}
