import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A cached download: the New York date it was downloaded on and its text. */
export interface CachedVix {
  readonly downloadedOn: string;
  readonly text: string;
}

// The URL's hash is in the name so a changed `regime.vix.url` never reuses another source's copy.
const fileName = (url: string, day: string): string => `vix-${urlKey(url)}-${day}.csv`;
const urlKey = (url: string): string => createHash('sha256').update(url).digest('hex').slice(0, 12);

/** Cached copies of `url`, newest download first. A missing cache dir simply has none. */
export async function listCachedVix(cacheDir: string, url: string): Promise<readonly string[]> {
  const pattern = new RegExp(`^vix-${urlKey(url)}-(\\d{4}-\\d{2}-\\d{2})\\.csv$`);
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return [];
  }
  return names
    .map((n) => pattern.exec(n)?.[1])
    .filter((d): d is string => d !== undefined)
    .sort()
    .reverse();
}

export async function readCachedVix(cacheDir: string, url: string, day: string): Promise<CachedVix | undefined> {
  try {
    return { downloadedOn: day, text: await readFile(join(cacheDir, fileName(url, day)), 'utf8') };
  } catch {
    return undefined;
  }
}

/**
 * Stores today's download and drops older copies of the same URL. Written to a temp file and renamed, so a
 * concurrent run never reads half a file. Throws on I/O errors; the caller decides whether that matters.
 */
export async function writeCachedVix(cacheDir: string, url: string, day: string, text: string): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const target = join(cacheDir, fileName(url, day));
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, target);
  for (const older of await listCachedVix(cacheDir, url)) {
    if (older < day) await rm(join(cacheDir, fileName(url, older)), { force: true });
  }
}
