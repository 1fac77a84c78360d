import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { BarFile, type SourceKey } from './cache-file.js';

/** The bar files live under one folder of the cache dir, so clearing them leaves anything else there alone. */
const BARS_DIR = 'bars';

/** The default cache dir: $XDG_CACHE_HOME/regime-rebalancer, else ~/.cache/regime-rebalancer. */
export function defaultCacheDir(env: { readonly XDG_CACHE_HOME?: string | undefined }, homeDir: string): string {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec says a relative value is invalid and must be ignored.
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homeDir, '.cache');
  return join(base, 'regime-rebalancer');
}

/**
 * One file per (adjustment, feed) holding every symbol: a 500-symbol run reads one file, not 500 (opening them
 * cost more than reading them).
 */
export function barFilePath(cacheDir: string, source: SourceKey): string {
  return join(cacheDir, BARS_DIR, source.adjustment, `${source.feed ?? 'default'}.bars`);
}

export type ReadOutcome =
  | { readonly kind: 'hit'; readonly file: BarFile }
  | { readonly kind: 'miss' }
  /** The file existed but could not be trusted; it has been deleted. */
  | { readonly kind: 'discarded'; readonly path: string; readonly reason: string };

/** Reads a source's file; a damaged or unreadable file is deleted and reported, never returned. */
export async function readBarFile(cacheDir: string, source: SourceKey): Promise<ReadOutcome> {
  const path = barFilePath(cacheDir, source);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'miss' };
    return { kind: 'discarded', path, reason: `unreadable: ${(e as Error).message}` };
  }
  const decoded = BarFile.decode(source, bytes);
  if (decoded.ok) return { kind: 'hit', file: decoded.value };
  // An older format is simply not ours to use; the next write replaces it.
  if (decoded.error.kind === 'other-source') return { kind: 'miss' };
  await rm(path, { force: true }).catch(() => undefined);
  return { kind: 'discarded', path, reason: decoded.error.message };
}

/**
 * Replaces a source's file atomically: a temporary file in the same folder (rename is atomic only within one file
 * system) renamed over the target, so a reader sees the old file or the new one, never half of one. Two runs
 * writing at once: the last rename wins and the other's new days are fetched again next time, never mixed.
 * No fsync: after a crash a file may be empty or short, and the length and checksum turn that into a refetch.
 */
export async function writeBarFile(cacheDir: string, source: SourceKey, file: BarFile): Promise<void> {
  const path = barFilePath(cacheDir, source);
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, file.encode(source));
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
