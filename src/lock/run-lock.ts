/**
 * One rebalance per account at a time. proper-lockfile holds the lock (an atomic mkdir kept fresh by mtime);
 * a JSON file beside it names the holder, so a refusal can say who holds it and a crashed holder is taken over at once.
 */
import { mkdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { newYorkIso } from '../time/new-york.js';
import lockfile from 'proper-lockfile';
import * as z from 'zod';

export type RunLock =
  | { readonly ok: true; release(): Promise<void> }
  | {
      readonly ok: false;
      /** held: another live run has it (skip this run); failed: the lock could not be taken at all (a fault to fix). */
      readonly reason: 'held' | 'failed';
      readonly message: string;
      readonly holder?: { readonly pid: number; readonly since: string };
    };

export interface RunLockOptions {
  readonly lockPath: string;
  readonly pid: number;
  readonly now: () => Date;
}

type Holder = z.infer<typeof HolderSchema>;
const HolderSchema = z.object({ pid: z.number().int().positive(), since: z.string() });

// A live holder refreshes the lock every 5 s; one silent for 10 s (hung, or its pid reused) is stale.
const STALE_MS = 10_000;
const UPDATE_MS = 5_000;

// Locks this process holds: a holder file naming our own pid but absent here was left by an earlier process that
// had the same pid (a restarted container often does), not by us.
const heldHere = new Set<string>();

export async function acquireRunLock(opts: RunLockOptions): Promise<RunLock> {
  const key = resolve(opts.lockPath);
  try {
    mkdirSync(dirname(opts.lockPath), { recursive: true });
  } catch (error) {
    return { ok: false, reason: 'failed', message: `cannot take the run lock ${opts.lockPath}: ${messageOf(error)}` };
  }
  let attempt = await tryLock(opts.lockPath);
  if (attempt.kind === 'held') {
    const holder = await readHolderSoon(opts.lockPath);
    const leftBehind = holder !== undefined && !heldHere.has(key) && (holder.pid === opts.pid || !isAlive(holder.pid));
    if (!leftBehind) return refusal(opts.lockPath, holder);
    // Its holder died without releasing: remove the lock and try once more. proper-lockfile removes stale locks the
    // same way (rmdir, then mkdir), with the same narrow race against another process doing this very moment.
    removeLockDir(opts.lockPath);
    attempt = await tryLock(opts.lockPath);
    if (attempt.kind === 'held') return refusal(opts.lockPath, readHolder(opts.lockPath));
  }
  if (attempt.kind === 'failed') return { ok: false, reason: 'failed', message: `cannot take the run lock ${opts.lockPath}: ${attempt.message}` };
  const me: Holder = { pid: opts.pid, since: newYorkIso(opts.now()) };
  writeHolder(opts.lockPath, me);
  heldHere.add(key);
  const unlock = attempt.unlock;
  let released = false;
  return {
    ok: true,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      heldHere.delete(key);
      // Owner file first: whoever sees the lock in between reads "owner unknown", never a stale name.
      removeHolderIfMine(opts.lockPath, me);
      await unlock().catch(() => {
        // Already released, or compromised (taken over as stale): either way the lock is no longer ours to remove.
      });
    },
  };
}

type Attempt =
  | { readonly kind: 'acquired'; readonly unlock: () => Promise<void> }
  | { readonly kind: 'held' }
  | { readonly kind: 'failed'; readonly message: string };

async function tryLock(lockPath: string): Promise<Attempt> {
  try {
    const unlock = await lockfile.lock(lockPath, {
      lockfilePath: lockPath,
      realpath: false,
      retries: 0,
      stale: STALE_MS,
      update: UPDATE_MS,
      // The default throws from a timer and kills the process mid-run. Losing the lock only happens when this
      // process stalled past the stale limit; the run carries on and the broker's client order ids still keep a
      // second run from submitting the same orders twice.
      onCompromised: () => undefined,
    });
    return { kind: 'acquired', unlock };
  } catch (error) {
    if (codeOf(error) === 'ELOCKED') return { kind: 'held' };
    return { kind: 'failed', message: messageOf(error) };
  }
}

function refusal(lockPath: string, holder: Holder | undefined): RunLock {
  if (holder === undefined) return { ok: false, reason: 'held', message: `another rebalance is running (lock ${lockPath} is held, owner unknown)` };
  return { ok: false, reason: 'held', message: `another rebalance is running (pid ${holder.pid}, since ${holder.since})`, holder };
}

export type RunLockState =
  | { readonly state: 'free' }
  /** held: a live run refreshes it; stale: left by a run that died (the next run takes it over). */
  | { readonly state: 'held' | 'stale'; readonly holder: { readonly pid: number; readonly since: string } | null };

/** Who holds the run lock, read without taking it (for `rebalance status`). */
export function inspectRunLock(lockPath: string, now: Date): RunLockState {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(lockPath).mtimeMs;
  } catch {
    return { state: 'free' };
  }
  const holder = readHolder(lockPath) ?? null;
  const silent = now.getTime() - mtimeMs > STALE_MS;
  return { state: silent || (holder !== null && !isAlive(holder.pid)) ? 'stale' : 'held', holder };
}

const holderPath = (lockPath: string): string => `${lockPath}.owner`;

/** The holder named beside the lock; undefined when missing, unreadable or written before this lock was made. */
/** The winner writes its owner file just after taking the lock: give it a moment before saying "owner unknown". */
async function readHolderSoon(lockPath: string): Promise<Holder | undefined> {
  for (let waited = 0; ; waited += 25) {
    const holder = readHolder(lockPath);
    if (holder !== undefined || waited >= 500) return holder;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function readHolder(lockPath: string): Holder | undefined {
  try {
    // A holder file older than the lock dir is a crashed run's leftover that the new holder has yet to replace:
    // trusting it would take a live lock over. (Where the file system keeps no birth time it reads 0.)
    if (statSync(lockPath).birthtimeMs > statSync(holderPath(lockPath)).mtimeMs) return undefined;
    const parsed = HolderSchema.safeParse(JSON.parse(readFileSync(holderPath(lockPath), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function writeHolder(lockPath: string, holder: Holder): void {
  // Written aside and renamed into place, so a reader never sees half a file.
  const temp = `${holderPath(lockPath)}.${holder.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(holder)}\n`);
  renameSync(temp, holderPath(lockPath));
}

function removeHolderIfMine(lockPath: string, me: Holder): void {
  const current = readHolder(lockPath);
  if (current?.pid !== me.pid || current.since !== me.since) return;
  try {
    unlinkSync(holderPath(lockPath));
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

function removeLockDir(lockPath: string): void {
  try {
    rmdirSync(lockPath);
  } catch {
    // Gone already, or not removable: the next attempt to lock tells which, as a value.
  }
}

/** Signal 0 only checks: ESRCH means no such process; EPERM means it exists under another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) !== 'ESRCH';
  }
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
