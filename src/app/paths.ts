import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir } from '../market-data/cache/cache-store.js';

export interface Paths {
  readonly packageRoot: string;
  readonly configDir: string;
  readonly defaultConfig: string;
  readonly universesDir: string;
}

/** Where the packaged config lives: beside dist/ (or src/ under tests), at the package root. */
export function packagePaths(packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')): Paths {
  const configDir = resolve(packageRoot, 'config');
  return {
    packageRoot,
    configDir,
    defaultConfig: resolve(configDir, 'default.json'),
    universesDir: resolve(configDir, 'universes'),
  };
}

/** The user's cache folder for this tool: config data.cacheDir (relative to cwd), else defaultCacheDir(). */
export function cacheDirFor(configured: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  if (configured !== undefined) return resolve(cwd, configured);
  return defaultCacheDir({ XDG_CACHE_HOME: env['XDG_CACHE_HOME'] }, homedir());
}
