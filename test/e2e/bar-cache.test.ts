import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, sharedData } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

interface Report {
  picks: { symbol: string }[];
  excluded: { symbol: string; reason: string }[];
  data: { symbols: number; bars: number; requests: number; cacheHits: number; feed: string; adjustment: string; cache: string };
}

const DRY_RUN = ['--dry-run', '--regime', 'TREND_NEUTRAL', '--json'];

/** Every file under `dir`, with its path. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

describe('the bar cache, as a user meets it (demo exchange)', () => {
  const tmp = useTempDir();

  it('serves a second run from disk, survives a damaged file, is bypassed by --no-cache and emptied by cache clear', () => {
    const cacheHome = join(tmp.path(), 'cache-home');
    const cwd = join(tmp.path(), 'run');
    mkdirSync(cwd);
    const run = (args: readonly string[]) => runBuiltCli(args, { cwd, env: { XDG_CACHE_HOME: cacheHome } });
    const report = (args: readonly string[] = DRY_RUN) => {
      const result = run(args);
      expect(result.code, result.stderr).toBe(0);
      return { ...(JSON.parse(result.stdout) as Report), stderr: result.stderr };
    };

    const cold = report();
    expect(cold.data).toMatchObject({ symbols: 30, cacheHits: 0, feed: 'sip', adjustment: 'split', cache: 'on' });
    expect(cold.data.bars).toBeGreaterThan(30 * 250);
    const files = filesUnder(cacheHome);
    expect(files.map((f) => f.slice(cacheHome.length))).toEqual([expect.stringMatching(/^\/regime-rebalancer\/sources\/local-[0-9a-f]+\/bars\/split\/sip\.bars$/)]);

    const warm = report();
    expect(warm.data).toMatchObject({ symbols: 30, bars: cold.data.bars, cacheHits: 30 });
    expect(warm.data.requests).toBeLessThanOrEqual(cold.data.requests);
    expect(warm.picks).toEqual(cold.picks);

    // One flipped byte: the file is discarded (and logged), every symbol fetched again, the plan unchanged.
    const file = files[0] ?? '';
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
    const damaged = report();
    expect(damaged.data).toMatchObject({ cacheHits: 0, bars: cold.data.bars });
    expect(damaged.picks).toEqual(cold.picks);
    expect(damaged.stderr).toMatch(/"bar cache: discarded".*checksum mismatch|checksum mismatch.*"bar cache: discarded"/);
    expect(report().data.cacheHits).toBe(30);

    const cleared = run(['cache', 'clear']);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(/^bar cache cleared: 1 file\(s\) removed from /);
    expect(filesUnder(cacheHome)).toEqual([]);

    const bypassed = report([...DRY_RUN, '--no-cache']);
    expect(bypassed.data).toMatchObject({ cacheHits: 0, cache: 'off', bars: cold.data.bars });
    expect(bypassed.picks).toEqual(cold.picks);
    expect(filesUnder(cacheHome)).toEqual([]);
  });

  it('asks again next run for a symbol that had no bars: a CSV added to the scenario\'s data is seen without --no-cache', () => {
    const source = sharedData('recent-2021-2026', 'daily');
    const data = join(tmp.path(), 'data');
    mkdirSync(data);
    for (const file of readdirSync(source)) if (file !== 'NVDA.csv') copyFileSync(join(source, file), join(data, file));
    const scenario = join(tmp.path(), 'scenario.json');
    writeFileSync(scenario, JSON.stringify({ clock: '2026-04-10T10:15:00-04:00', dataDir: data, account: { cash: 60000 } }));
    const env = { XDG_CACHE_HOME: join(tmp.path(), 'cache-home') };
    const run = () => {
      const result = runBuiltCli(['--dry-run', '--regime', 'bull', '--scenario', scenario, '--json'], { env });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as Report;
    };

    const without = run();
    expect(without.excluded.find((e) => e.symbol === 'NVDA')).toBeDefined();
    copyFileSync(join(source, 'NVDA.csv'), join(data, 'NVDA.csv'));
    const withCsv = run();
    expect(withCsv.excluded.find((e) => e.symbol === 'NVDA')).toBeUndefined();
    expect(withCsv.data.cacheHits).toBeGreaterThan(0);
    const nvdaBars = readFileSync(join(source, 'NVDA.csv'), 'utf8').trim().split('\n').length - 1;
    expect(withCsv.data.bars).toBeGreaterThan(without.data.bars + Math.min(nvdaBars, 250));
  });
});
