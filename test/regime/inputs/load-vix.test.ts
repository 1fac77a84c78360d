import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VixLoad } from '../../../src/regime/inputs/index.js';
import { loadVix } from '../../../src/regime/inputs/index.js';
import { useTempDir } from '../../support/temp-dir.js';
import { cboeCsv, closedPortUrl, useVixServer } from './vix-server.js';

const monday = cboeCsv([['09/22/2025', 16.1]]);
const tuesday = cboeCsv([['09/22/2025', 16.1], ['09/23/2025', 16.64]]);

function closesOf(load: VixLoad): Map<string, number> {
  if (!('closes' in load)) throw new Error(`expected closes, got: ${load.unavailable}`);
  return load.closes;
}

describe('loadVix from a URL', () => {
  const temp = useTempDir();
  const server = useVixServer();
  const options = (now: string, extra: { timeoutMs?: number; cacheDir?: string } = {}) => ({
    cacheDir: extra.cacheDir ?? join(temp.path(), 'cache'),
    now: new Date(now),
    fetchImpl: fetch,
    ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
  });

  it('downloads once per New York day and serves later runs that day from the cache', async () => {
    const url = await server.start();
    server.reply({ status: 200, body: monday });
    // 14:00Z on the 23rd and 01:00Z on the 24th are both 23 September in New York (UTC-4).
    const first = await loadVix({ url }, options('2025-09-23T14:00:00Z'));
    server.reply({ status: 200, body: tuesday });
    const second = await loadVix({ url }, options('2025-09-24T01:00:00Z'));
    expect(server.hits()).toBe(1);
    expect(first).toMatchObject({ origin: 'download' });
    expect(second).toMatchObject({ origin: 'cache', detail: expect.stringContaining('downloaded today (2025-09-23)') });
    expect(closesOf(second)).toEqual(new Map([['2025-09-22', 16.1]]));
  });

  it('downloads again on the next New York day and keeps only the newest copy', async () => {
    const url = await server.start();
    server.reply({ status: 200, body: monday });
    await loadVix({ url }, options('2025-09-23T14:00:00Z'));
    server.reply({ status: 200, body: tuesday });
    const next = await loadVix({ url }, options('2025-09-24T13:00:00Z'));
    expect(server.hits()).toBe(2);
    expect(next).toMatchObject({ origin: 'download' });
    expect(closesOf(next).get('2025-09-23')).toBe(16.64);
    expect(readdirSync(join(temp.path(), 'cache'))).toEqual([expect.stringMatching(/-2025-09-24\.csv$/)]);
  });

  it('falls back to the last cached copy, saying so, when the download fails', async () => {
    const url = await server.start();
    server.reply({ status: 200, body: monday });
    await loadVix({ url }, options('2025-09-22T20:00:00Z'));
    server.reply({ status: 503, body: 'busy' });
    const load = await loadVix({ url }, options('2025-09-24T20:00:00Z'));
    expect(load).toMatchObject({
      origin: 'stale-cache',
      detail: expect.stringMatching(/failed \(HTTP 503 Service Unavailable\); using the cached copy downloaded 2025-09-22$/),
    });
    expect(closesOf(load)).toEqual(new Map([['2025-09-22', 16.1]]));
  });

  it('treats a 200 that is not a VIX CSV as a failed download and keeps the good copy', async () => {
    const url = await server.start();
    server.reply({ status: 200, body: monday });
    await loadVix({ url }, options('2025-09-22T20:00:00Z'));
    server.reply({ status: 200, body: '<html>maintenance</html>' });
    const load = await loadVix({ url }, options('2025-09-23T20:00:00Z'));
    expect(load).toMatchObject({ origin: 'stale-cache', detail: expect.stringContaining('unusable response') });
    server.reply({ status: 500, body: '' });
    expect(await loadVix({ url }, options('2025-09-24T20:00:00Z'))).toMatchObject({ origin: 'stale-cache' });
  });

  it('is unavailable, with the reason, when the download fails and nothing is cached', async () => {
    const url = await server.start();
    server.reply({ status: 404, body: 'no' });
    expect(await loadVix({ url }, options('2025-09-24T20:00:00Z'))).toEqual({
      unavailable: `VIX download from ${url} failed (HTTP 404 Not Found) and no cached copy exists`,
    });
  });

  it('gives up on a server that never answers after the timeout', async () => {
    const url = await server.start();
    server.reply('hang');
    const load = await loadVix({ url }, options('2025-09-24T20:00:00Z', { timeoutMs: 200 }));
    expect(load).toEqual({ unavailable: `VIX download from ${url} failed (timed out) and no cached copy exists` });
  });

  it('reports a refused connection as unavailable', async () => {
    const refused = await closedPortUrl();
    const load = await loadVix({ url: refused }, options('2025-09-24T20:00:00Z'));
    expect(load).toEqual({ unavailable: expect.stringMatching(/failed \(fetch failed: ECONNREFUSED\)/) as string });
  });

  it('still returns a download it could not cache, saying why', async () => {
    const url = await server.start();
    server.reply({ status: 200, body: monday });
    const notADir = temp.write('cache-is-a-file', 'x');
    const load = await loadVix({ url }, options('2025-09-24T20:00:00Z', { cacheDir: notADir }));
    expect(load).toMatchObject({ origin: 'download', detail: expect.stringContaining('; not cached: ') });
    expect(closesOf(load).size).toBe(1);
  });
});

describe('loadVix from a file', () => {
  const temp = useTempDir();
  const options = { cacheDir: '/nonexistent', now: new Date('2025-09-24T20:00:00Z'), fetchImpl: fetch };

  it('reads either format without touching the network or the cache', async () => {
    const file = temp.write('VIX.csv', 'date,open,high,low,close,volume\n2025-09-22,16,17,15,16.1,0\n');
    expect(await loadVix({ file }, options)).toEqual({
      closes: new Map([['2025-09-22', 16.1]]),
      origin: 'file',
      detail: `VIX from ${file}`,
    });
  });

  it('is unavailable with the file, line and problem when the file is bad or missing', async () => {
    const bad = temp.write('bad.csv', 'date,open,high,low,close,volume\n2025-09-22,16,17,15,0,0\n');
    expect(await loadVix({ file: bad }, options)).toEqual({
      unavailable: `${bad}:2: close must be a positive number, got "0"`,
    });
    const missing = join(temp.path(), 'missing.csv');
    expect(await loadVix({ file: missing }, options)).toEqual({
      unavailable: expect.stringMatching(new RegExp(`^${missing}: cannot read the VIX file: ENOENT`)) as string,
    });
  });
});
