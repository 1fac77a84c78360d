/**
 * The append-only CSV audit trail. Every record is written and fsynced before `record` returns, so a crash right
 * after it loses no recorded row; the file rotates before it would grow past `maxBytes`.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { AUDIT_COLUMNS, auditFields, newYorkFileStamp, newYorkTimestamp, type AuditMode, type AuditRow } from './audit-row.js';

export { AUDIT_COLUMNS, type AuditEvent, type AuditRow } from './audit-row.js';

export interface AuditTrail {
  readonly path: string;
  record(row: AuditRow): void;
  close(): void;
}

export interface AuditTrailOptions {
  readonly path: string;
  readonly maxBytes: number;
  readonly runId: string;
  readonly mode: AuditMode;
  readonly now: () => Date;
}

const HEADER = Buffer.from(stringify([[...AUDIT_COLUMNS]]));

export function openAuditTrail(opts: AuditTrailOptions): AuditTrail {
  if (!(opts.maxBytes > 0)) throw new RangeError(`audit maxBytes must be positive, got ${opts.maxBytes}`);
  mkdirSync(dirname(opts.path), { recursive: true });
  // A file from another format, or torn by a crash mid-row, is kept aside untouched rather than appended to.
  if (existsSync(opts.path) && !isAppendableTrail(opts.path)) rotateAway(opts.path, opts.now());
  let file = openTrailFile(opts.path);
  let closed = false;
  return {
    path: opts.path,
    record(row: AuditRow): void {
      if (closed) throw new Error(`audit trail ${opts.path} is already closed`);
      const at = opts.now();
      const line = Buffer.from(stringify([auditFields(row, newYorkTimestamp(at), opts.runId, opts.mode)]));
      // A file holding only its header takes the row anyway: rotating it would only make another empty file.
      if (file.size > HEADER.length && file.size + line.length > opts.maxBytes) {
        closeSync(file.fd);
        rotateAway(opts.path, at);
        file = openTrailFile(opts.path);
      }
      writeFully(file.fd, line);
      fsyncSync(file.fd);
      file.size += line.length;
    },
    close(): void {
      if (closed) return;
      closed = true;
      closeSync(file.fd);
    },
  };
}

interface OpenFile {
  readonly fd: number;
  size: number;
}

/** Opens for appending; a new or empty file gets the header first. */
function openTrailFile(path: string): OpenFile {
  const created = !existsSync(path);
  const fd = openSync(path, 'a');
  let size = fstatSync(fd).size;
  if (size === 0) {
    writeFully(fd, HEADER);
    fsyncSync(fd);
    size = HEADER.length;
  }
  // The new directory entry must be durable too, or a crash could lose the whole file.
  if (created) fsyncDirectory(dirname(path));
  return { fd, size };
}

/** Empty, or starts with our exact header and ends with a complete row. */
function isAppendableTrail(path: string): boolean {
  const size = statSync(path).size;
  if (size === 0) return true;
  if (size < HEADER.length) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(HEADER.length);
    readSync(fd, head, 0, HEADER.length, 0);
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return head.equals(HEADER) && last.toString() === '\n';
  } finally {
    closeSync(fd);
  }
}

function rotateAway(path: string, at: Date): void {
  // Single writer (the run lock guarantees it), so checking for a free name before renaming is not racy.
  renameSync(path, freeRotatedName(path, at));
  fsyncDirectory(dirname(path));
}

/** execution_log.csv -> execution_log.2025-11-20T15-45-01-123.csv, then ..._0001.csv within the same millisecond. */
function freeRotatedName(path: string, at: Date): string {
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length);
  const stamp = newYorkFileStamp(at);
  let candidate = `${stem}.${stamp}${ext}`;
  // Zero-padded so that the rotated files sort by name in the order they were written.
  for (let n = 1; existsSync(candidate); n++) candidate = `${stem}.${stamp}_${String(n).padStart(4, '0')}${ext}`;
  return candidate;
}

function writeFully(fd: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
}

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
