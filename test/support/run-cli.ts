import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = resolve(REPO_ROOT, 'dist', 'cli', 'main.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the BUILT command as a user would, with no Alpaca keys unless given. */
export function runBuiltCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test builds; or npm run build)`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('APCA_') && k !== 'LOG_LEVEL') env[k] = v;
  }
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...env, ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The shared real-data folder beside the checkout; fails loudly when it is missing. */
export function sharedData(...parts: string[]): string {
  const path = resolve(REPO_ROOT, '..', 'shared', 'data', ...parts);
  if (!existsSync(path)) throw new Error(`real data not found at ${path}: ../shared must sit beside the checkout`);
  return path;
}
