import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireRunLock, inspectRunLock, type RunLock } from '../../src/lock/run-lock.js';
import { useTempDir } from '../support/temp-dir.js';

const temp = useTempDir();
const held: RunLock[] = [];
afterEach(async () => {
  for (const lock of held.splice(0)) if (lock.ok) await lock.release();
});

describe('inspectRunLock', () => {
  it('is free when no lock exists', () => {
    expect(inspectRunLock(join(temp.path(), 'x.lock'), new Date())).toEqual({ state: 'free' });
  });

  it('names the live holder without taking the lock', async () => {
    const lockPath = join(temp.path(), 'x.lock');
    const lock = await acquireRunLock({ lockPath, pid: process.pid, now: () => new Date('2025-11-20T20:45:01Z') });
    held.push(lock);
    expect(inspectRunLock(lockPath, new Date())).toEqual({ state: 'held', holder: { pid: process.pid, since: '2025-11-20T15:45:01-05:00' } });
    // Still held by the run: inspecting took nothing away.
    expect((await acquireRunLock({ lockPath, pid: process.pid + 1, now: () => new Date() })).ok).toBe(false);
  });

  it('calls a lock nobody refreshed for 10 s stale', () => {
    const lockPath = join(temp.path(), 'x.lock');
    mkdirSync(lockPath);
    writeFileSync(`${lockPath}.owner`, JSON.stringify({ pid: process.pid, since: '2025-11-20T09:30:00-05:00' }));
    expect(inspectRunLock(lockPath, new Date(Date.now() + 60_000))).toMatchObject({ state: 'stale' });
  });
});
