import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export type Env = Readonly<Record<string, string | undefined>>;

/** The process environment over the values of a .env file in `cwd` (the environment wins). */
export function readEnvironment(processEnv: Env, cwd: string): Env {
  let fromFile: Env = {};
  try {
    fromFile = parseEnv(readFileSync(resolve(cwd, '.env'), 'utf8'));
  } catch {
    // No .env file: the environment alone.
  }
  return { ...fromFile, ...processEnv };
}
