/** The regime of the run before this one: the trail's last run_finished row of another run that named a regime. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { AUDIT_COLUMNS } from './audit-row.js';

const RUN_ID = AUDIT_COLUMNS.indexOf('run_id');
const EVENT = AUDIT_COLUMNS.indexOf('event');
const REGIME = AUDIT_COLUMNS.indexOf('regime');

/** Enough for the last few runs' rows; the lookup never reads a whole 10 MB trail. */
export const TRAIL_TAIL_BYTES = 256 * 1024;

/**
 * Pure: from the end of a trail's text, the regime of the latest run_finished row not of `runId` (the run just
 * finished). Null when the tail holds none. A row cut by the tail's start, or split over lines, is skipped.
 */
export function previousRegimeIn(tail: string, runId: string | null): string | null {
  const lines = tail.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!line.includes(',run_finished,')) continue;
    const fields = csvFields(line);
    if (fields?.length !== AUDIT_COLUMNS.length || fields[EVENT] !== 'run_finished' || fields[RUN_ID] === runId) continue;
    const regime = fields[REGIME] ?? '';
    if (regime !== '') return regime;
  }
  return null;
}

/** The last `bytes` of the file as text; empty when it does not exist or cannot be read. */
export function readTrailTail(path: string, bytes = TRAIL_TAIL_BYTES): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** One CSV line's fields (quotes and "" escapes); undefined when a quoted field does not close on this line. */
function csvFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = line.indexOf('"', j);
        if (close < 0) return undefined;
        value += line.slice(j, close);
        if (line[close + 1] !== '"') {
          i = close + 1;
          break;
        }
        value += '"';
        j = close + 2;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma < 0 ? line.length : comma).replace(/\r$/, ''));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length || line[i] !== ',') return fields;
    i++;
  }
}
