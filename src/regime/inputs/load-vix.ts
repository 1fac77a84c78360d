import { readFile } from 'node:fs/promises';
import { newYorkDateOf } from '../../time/new-york.js';
import { parseVixCsv } from './vix-csv.js';
import { listCachedVix, readCachedVix, writeCachedVix } from './vix-cache.js';
import type { VixSource } from './vix-source.js';

export interface VixLoadOptions {
  /** Where downloads are cached, one file per download day. */
  readonly cacheDir: string;
  readonly now: Date;
  readonly fetchImpl: typeof fetch;
  /** Give up on a download after this long; default 15 s. */
  readonly timeoutMs?: number;
}

/** Where the closes came from; `stale-cache` means today's download failed and an older copy is used. */
export type VixOrigin = 'file' | 'download' | 'cache' | 'stale-cache';

export type VixLoad =
  | { readonly closes: Map<string, number>; readonly origin: VixOrigin; readonly detail: string }
  | { readonly unavailable: string };

/**
 * VIX closes by ISO date. A URL is downloaded at most once per New York calendar day (later runs that day reuse
 * the cached copy); when the download fails an older cached copy is used and the detail says so. With no usable
 * copy the result is `unavailable` with the reason, and the run goes on with the VIX triggers off.
 */
export async function loadVix(source: VixSource, options: VixLoadOptions): Promise<VixLoad> {
  if ('file' in source) return loadVixFile(source.file);
  const { url } = source;
  const today = newYorkDateOf(options.now);
  const todays = await usableCopy(options.cacheDir, url, today);
  if (todays) {
    return { closes: todays, origin: 'cache', detail: `VIX from the copy of ${url} downloaded today (${today})` };
  }
  const download = await downloadVix(url, options);
  if (typeof download !== 'string') {
    const cacheNote = await writeCachedVix(options.cacheDir, url, today, download.text).then(
      () => '',
      (e: unknown) => `; not cached: ${(e as Error).message}`,
    );
    return { closes: download.closes, origin: 'download', detail: `VIX downloaded from ${url}${cacheNote}` };
  }
  for (const day of await listCachedVix(options.cacheDir, url)) {
    const older = await usableCopy(options.cacheDir, url, day);
    if (older) {
      return {
        closes: older,
        origin: 'stale-cache',
        detail: `VIX download from ${url} failed (${download}); using the cached copy downloaded ${day}`,
      };
    }
  }
  return { unavailable: `VIX download from ${url} failed (${download}) and no cached copy exists` };
}

async function loadVixFile(path: string): Promise<VixLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { unavailable: `${path}: cannot read the VIX file: ${(e as Error).message}` };
  }
  const parsed = parseVixCsv(text, path);
  if (!parsed.ok) return { unavailable: parsed.error.join('; ') };
  return { closes: parsed.value, origin: 'file', detail: `VIX from ${path}` };
}

/** A cached copy's closes, or undefined when it is missing or does not parse (then it is as good as absent). */
async function usableCopy(cacheDir: string, url: string, day: string): Promise<Map<string, number> | undefined> {
  const cached = await readCachedVix(cacheDir, url, day);
  if (!cached) return undefined;
  const parsed = parseVixCsv(cached.text, `cached ${url} (${day})`);
  return parsed.ok ? parsed.value : undefined;
}

/** The downloaded text and its closes, or why the download is unusable. */
async function downloadVix(
  url: string,
  options: VixLoadOptions,
): Promise<{ readonly text: string; readonly closes: Map<string, number> } | string> {
  let text: string;
  try {
    const response = await options.fetchImpl(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
    if (!response.ok) return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    text = await response.text();
  } catch (e) {
    return describeFetchError(e);
  }
  // A 200 carrying an error page must not replace a good cached copy.
  const parsed = parseVixCsv(text, url);
  return parsed.ok ? { text, closes: parsed.value } : `unusable response: ${parsed.error.join('; ')}`;
}

function describeFetchError(e: unknown): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return 'timed out';
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  const base = e instanceof Error ? e.message : String(e);
  return cause?.code ? `${base}: ${cause.code}` : cause?.message ? `${base}: ${cause.message}` : base;
}
