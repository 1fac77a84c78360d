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
 * finished). Null when the tail holds none. The tail may start inside a row (even inside a quoted reason that spans
 * lines): parsing starts at the first line start from which every record parses whole.
 */
export function previousRegimeIn(tail: string, runId: string | null): string | null {
  const records = wholeRecords(tail);
  for (let i = records.length - 1; i >= 0; i--) {
    const fields = records[i] ?? [];
    if (fields[EVENT] !== 'run_finished' || fields[RUN_ID] === runId) continue;
    const regime = fields[REGIME] ?? '';
    if (regime !== '') return regime;
  }
  return null;
}

/** How many line starts to try before deciding the tail holds no whole rows. */
const MAX_STARTS = 64;

function wholeRecords(tail: string): string[][] {
  for (let start = 0, tries = 0; start >= 0 && start < tail.length && tries < MAX_STARTS; tries++) {
    const records = csvRecords(tail.slice(start));
    if (records !== undefined && records.every((r) => r.length === AUDIT_COLUMNS.length)) return records;
    const next = tail.indexOf('\n', start);
    start = next < 0 ? -1 : next + 1;
  }
  return [];
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

/** RFC 4180 records (quotes, "" escapes, line breaks in quoted fields); undefined when the text does not parse. */
function csvRecords(text: string): string[][] | undefined {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string;
    if (text[i] === '"') {
      field = '';
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0) return undefined;
        field += text.slice(j, close);
        if (text[close + 1] !== '"') {
          i = close + 1;
          break;
        }
        field += '"';
        j = close + 2;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') return undefined;
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') end++;
      field = text.slice(i, end).replace(/\r$/, '');
      if (field.includes('"')) return undefined;
      i = end;
    }
    record.push(field);
    if (text[i] === '\r') i++;
    if (text[i] === ',') {
      i++;
      continue;
    }
    records.push(record);
    record = [];
    i++;
  }
  return records;
}
