import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireRunLock, type RunLock } from '../../src/lock/run-lock.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

const temp = useTempDir();
const WINTER = () => new Date('2025-11-20T20:45:01.123Z');
const FIXTURE = resolve(REPO_ROOT, 'test', 'lock', 'fixtures', 'contend-for-lock.ts');

const held: RunLock[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const lock of held.splice(0)) if (lock.ok) await lock.release();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
});

async function acquire(lockPath: string, pid = process.pid, now = WINTER): Promise<RunLock> {
  const lock = await acquireRunLock({ lockPath, pid, now });
  held.push(lock);
  return lock;
}

/** Leaves a lock behind as a run with `pid` would: the lock dir, then the holder file beside it. */
function leaveLock(lockPath: string, pid: number, since = '2025-11-20T09:30:00-05:00'): void {
  mkdirSync(lockPath, { recursive: true });
  writeFileSync(`${lockPath}.owner`, JSON.stringify({ pid, since }));
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

/** A process that stays alive until the test ends. */
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  children.push(child);
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

describe('acquireRunLock', () => {
  it('refuses a second run while the lock is held, naming the holder and since when', async () => {
    const lockPath = join(temp.path(), 'state', 'rebalance.lock');
    expect((await acquire(lockPath)).ok).toBe(true);

    const second = await acquire(lockPath, process.pid, () => new Date('2025-11-20T20:50:00Z'));
    expect(second).toEqual({
      ok: false,
      reason: 'held',
      message: `another rebalance is running (pid ${process.pid}, since 2025-11-20T15:45:01-05:00)`,
      holder: { pid: process.pid, since: '2025-11-20T15:45:01-05:00' },
    });
  });

  it('writes since in New York summer time', async () => {
    const lockPath = join(temp.path(), 'rebalance.lock');
    await acquire(lockPath, process.pid, () => new Date('2025-07-15T14:00:00.007Z'));
    const second = await acquire(lockPath);
    expect(second.ok ? undefined : second.message).toBe(`another rebalance is running (pid ${process.pid}, since 2025-07-15T10:00:00-04:00)`);
  });

  it('lets the next run in once the holder releases', async () => {
    const lockPath = join(temp.path(), 'rebalance.lock');
    const first = await acquire(lockPath);
    if (!first.ok) throw new Error(first.message);
    await first.release();

    expect(existsSync(`${lockPath}.owner`)).toBe(false);
    expect((await acquire(lockPath)).ok).toBe(true);
  });

  it('takes over at once a lock whose holder process has died', async () => {
    const lockPath = join(temp.path(), 'rebalance.lock');
    leaveLock(lockPath, deadPid());

    expect((await acquire(lockPath)).ok).toBe(true);
    expect(JSON.parse(readFileSync(`${lockPath}.owner`, 'utf8'))).toEqual({ pid: process.pid, since: '2025-11-20T15:45:01-05:00' });
    const next = await acquire(lockPath);
    expect(next.ok ? undefined : next.holder?.pid).toBe(process.pid);
  });

  it('refuses a fresh lock held by another live process', async () => {
    const lockPath = join(temp.path(), 'rebalance.lock');
    const other = livePid();
    leaveLock(lockPath, other);

    const lock = await acquire(lockPath);
    expect(lock).toEqual({
      ok: false,
      reason: 'held',
      message: `another rebalance is running (pid ${other}, since 2025-11-20T09:30:00-05:00)`,
      holder: { pid: other, since: '2025-11-20T09:30:00-05:00' },
    });
  });

  it('takes over a lock left unrefreshed past the stale limit even though its pid is alive (reused)', async () => {
    const lockPath = join(temp.path(), 'rebalance.lock');
    leaveLock(lockPath, livePid());
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockPath, minuteAgo, minuteAgo);

    expect((await acquire(lockPath)).ok).toBe(true);
  });

  it('takes over a lock naming our own pid that this process does not hold (a restarted container)', async () => {
    const lockPath = join(temp.path(), 'rebalance.lock');
    leaveLock(lockPath, process.pid);

    expect((await acquire(lockPath)).ok).toBe(true);
  });

  it('does not trust a dead holder file older than the lock itself, and refuses with the owner unknown', async () => {
    const lockPath = join(temp.path(), 'rebalance.lock');
    writeFileSync(`${lockPath}.owner`, JSON.stringify({ pid: deadPid(), since: '2025-11-19T09:30:00-05:00' }));
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(`${lockPath}.owner`, minuteAgo, minuteAgo);
    mkdirSync(lockPath);

    const lock = await acquire(lockPath);
    expect(lock).toEqual({ ok: false, reason: 'held', message: `another rebalance is running (lock ${lockPath} is held, owner unknown)` });
  });

  it('reports a lock that cannot be created as a failure value', async () => {
    const blocker = temp.write('not-a-dir', 'a file where the state folder should be');
    const lockPath = join(blocker, 'rebalance.lock');
    const lock = await acquire(lockPath);
    expect(lock.ok).toBe(false);
    expect(lock.ok ? '' : lock.message).toMatch(/^cannot take the run lock .*rebalance\.lock: E[A-Z]+: /);
    expect(lock.ok ? undefined : lock.reason).toBe('failed');
  });
});

/** A contender process: its output lines, and a way to wait for the first line that matches. */
function startContender(lockPath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, lockPath], { cwd: REPO_ROOT });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  child.stdout.setEncoding('utf8').on('data', (text: string) => ((stdout += text), notify()));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.on('exit', notify);
  const line = (pattern: RegExp): Promise<string> =>
    new Promise((done, fail) => {
      const check = () => {
        const found = stdout.split('\n').find((l) => pattern.test(l));
        if (found !== undefined) return (listeners.delete(check), done(found));
        if (child.exitCode !== null) return (listeners.delete(check), fail(new Error(`contender exited: ${stderr}`)));
      };
      listeners.add(check);
      check();
    });
  const exited = new Promise<number | null>((done) => (child.exitCode !== null ? done(child.exitCode) : child.on('exit', done)));
  return { child, line, exited };
}

describe('acquireRunLock across processes', () => {
  it.each([1, 2, 3])('lets exactly one of two racing processes win (round %i)', async () => {
    const lockPath = join(temp.path(), 'state', 'rebalance.lock');
    const contenders = [startContender(lockPath), startContender(lockPath)];
    await Promise.all(contenders.map((c) => c.line(/^ready$/)));
    for (const c of contenders) c.child.stdin.write('go\n');
    const outcomes = (await Promise.all(contenders.map((c) => c.line(/^\{/)))).map(
      (text) => JSON.parse(text) as { pid: number; ok: boolean; message?: string },
    );

    const winners = outcomes.filter((o) => o.ok);
    const losers = outcomes.filter((o) => !o.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    // The loser may look before the winner has written its name; if it names anyone, it is the winner.
    expect(losers[0]?.message).toMatch(/^another rebalance is running \((pid \d+, since \S+|lock .* is held, owner unknown)\)$/);
    const named = /pid (\d+)/.exec(losers[0]?.message ?? '')?.[1];
    if (named !== undefined) expect(Number(named)).toBe(winners[0]?.pid);

    for (const c of contenders) c.child.stdin.end();
    expect(await Promise.all(contenders.map((c) => c.exited))).toEqual([0, 0]);
    expect(existsSync(lockPath)).toBe(false);
  });
});
