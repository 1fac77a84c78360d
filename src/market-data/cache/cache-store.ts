import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { decodeSeries, encodeSeries, type CachedSeries, type SeriesKey } from './cache-file.js';

/** The bar files live under one folder of the cache dir, so clearing them leaves anything else there alone. */
const BARS_DIR = 'bars';

/** The default cache dir: $XDG_CACHE_HOME/regime-rebalancer, else ~/.cache/regime-rebalancer. */
export function defaultCacheDir(env: { readonly XDG_CACHE_HOME?: string | undefined }, homeDir: string): string {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec says a relative value is invalid and must be ignored.
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homeDir, '.cache');
  return join(base, 'regime-rebalancer');
}

/** One file per (adjustment, feed, symbol); the symbol is percent-encoded so no ticker can name another path. */
export function seriesPath(cacheDir: string, key: SeriesKey): string {
  return join(cacheDir, BARS_DIR, key.adjustment, key.feed ?? 'default', `${encodeURIComponent(key.symbol)}.csv`);
}

export type ReadOutcome =
  | { readonly kind: 'hit'; readonly series: CachedSeries }
  | { readonly kind: 'miss' }
  /** The file existed but could not be trusted; it has been deleted. */
  | { readonly kind: 'discarded'; readonly path: string; readonly reason: string };

/** Reads one symbol's file; a damaged or unreadable file is deleted and reported, never returned. */
export async function readSeries(cacheDir: string, key: SeriesKey): Promise<ReadOutcome> {
  const path = seriesPath(cacheDir, key);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'miss' };
    return { kind: 'discarded', path, reason: `unreadable: ${(e as Error).message}` };
  }
  const decoded = decodeSeries(key, text);
  if (decoded.ok) return { kind: 'hit', series: decoded.value };
  // Another key's file (a case-insensitive file system) or an older format is simply not ours to use.
  if (decoded.error.kind === 'other-series') return { kind: 'miss' };
  await rm(path, { force: true }).catch(() => undefined);
  return { kind: 'discarded', path, reason: decoded.error.message };
}

/**
 * Replaces one symbol's file atomically: a temporary file in the same folder (rename is atomic only within one
 * file system) renamed over the target, so a reader sees the old file or the new one, never half of one.
 * No fsync: after a crash a file may be empty or short, and the checksum turns that into a refetch.
 */
export async function writeSeries(cacheDir: string, key: SeriesKey, series: CachedSeries): Promise<void> {
  const path = seriesPath(cacheDir, key);
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, encodeSeries(key, series), 'utf8');
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** Deletes every cached bar file (for `rebalance cache clear`); returns how many files there were. */
export async function clearCache(cacheDir: string): Promise<{ readonly removedFiles: number }> {
  const dir = join(cacheDir, BARS_DIR);
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { removedFiles: 0 };
    throw e;
  }
  const removedFiles = entries.filter((entry) => entry.isFile()).length;
  await rm(dir, { recursive: true, force: true });
  return { removedFiles };
}
