import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { clearCache } from '../market-data/cache/index.js';
import { cacheDirOf, loadConfigFor, type CommandContext } from './compose.js';
import type { Outcome } from './outcome.js';

export type CacheClearOutcome =
  | { readonly kind: 'cleared'; readonly outcome: Outcome; readonly dir: string; readonly removedFiles: number }
  | { readonly kind: 'error'; readonly outcome: Outcome; readonly errors: readonly string[] };

/** `rebalance cache clear`: removes every data source's cached bars. */
export async function clearCacheCommand(request: { readonly configFile?: string }, context: CommandContext): Promise<CacheClearOutcome> {
  const loaded = loadConfigFor(request.configFile, context);
  if (!loaded.ok) return { kind: 'error', outcome: 'badInput', errors: loaded.error };
  const dir = cacheDirOf(loaded.value, context);
  let removedFiles = 0;
  for (const source of await readdir(join(dir, 'sources')).catch(() => [] as string[])) {
    removedFiles += (await clearCache(join(dir, 'sources', source))).removedFiles;
  }
  return { kind: 'cleared', outcome: 'ok', dir, removedFiles };
}
