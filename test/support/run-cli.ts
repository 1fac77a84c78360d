import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = resolve(REPO_ROOT, 'dist', 'cli', 'main.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the BUILT command as a user would, with no Alpaca keys unless given. */
export function runBuiltCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [builtCli(), ...args], {
    cwd: options.cwd ?? scratchDir(),
    env: childEnv(options.env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process: for tests that serve the exchange in-process. */
export async function runBuiltCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [builtCli(), ...args], { cwd: options.cwd ?? scratchDir(), env: childEnv(options.env) });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stdout, stderr };
}

interface CliOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

/** A fresh working directory: the run's trail and the local exchange's state land there, not in the checkout. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'rebalancer-cli-'));
}

function builtCli(): string {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test builds; or npm run build)`);
  return CLI;
}

/** One bar cache for this test process: never the user's own, never shared with another test run. */
const TEST_CACHE_HOME = mkdtempSync(join(tmpdir(), 'rebalancer-cache-'));

function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { XDG_CACHE_HOME: TEST_CACHE_HOME };
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('APCA_') && k !== 'LOG_LEVEL' && k !== 'XDG_CACHE_HOME') env[k] = v;
  }
  return { ...env, ...extra };
}

/** The shared real-data folder beside the checkout; fails loudly when it is missing. */
export function sharedData(...parts: string[]): string {
  const path = resolve(REPO_ROOT, '..', 'shared', 'data', ...parts);
  if (!existsSync(path)) throw new Error(`real data not found at ${path}: ../shared must sit beside the checkout`);
  return path;
}
