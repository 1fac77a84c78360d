import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCliAsync, sharedData } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

interface Report {
  picks: { symbol: string }[];
  data: { symbols: number };
}

describe('a 505-symbol dry run against an exchange that allows 30 requests a window', () => {
  const tmp = useTempDir();

  it('waits for the window to reset instead of failing, and says so in its log', async () => {
    const data = sharedData('sp500-2013-2018');
    const symbols = readdirSync(data).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4));
    const dir = tmp.path();
    writeFileSync(join(dir, 'universe.txt'), symbols.join('\n'));
    // A 10-second window rather than a minute keeps the test short; the rules are the same.
    const scenario = { clock: '2018-02-07T10:30:00-05:00', dataDir: data, account: { cash: 100000 }, faults: { rateLimitPerMinute: 30, rateLimitWindowMs: 10_000 } };
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));

    // The exchange in its own process, as Alpaca would be: its window spans both runs.
    const exchange = spawn(process.execPath, [resolve(REPO_ROOT, 'dist/cli/main.js'), 'exchange', '--scenario', 'scenario.json'], { cwd: dir });
    try {
      exchange.stdout.setEncoding('utf8');
      const [firstChunk] = (await once(exchange.stdout, 'data')) as [string];
      const baseUrl = firstChunk.split('\n')[0] ?? '';
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const env = { APCA_API_KEY_ID: 'rate-limit-test', APCA_API_SECRET_KEY: 'rate-limit-test', APCA_API_BASE_URL: baseUrl, APCA_API_DATA_URL: baseUrl };
      const args = ['--dry-run', '--regime', 'TREND_BULL', '--top-n', '20', '--universe', 'universe.txt', '--json'];

      // Another program on the account spends 20 of the window's 30 requests; the run needs some 16 bars requests
      // and a few trading ones, so it must wait for the window to reset.
      const headers = { 'APCA-API-KEY-ID': 'another-program', 'APCA-API-SECRET-KEY': 'same-account' };
      for (let i = 0; i < 20; i++) expect((await fetch(`${baseUrl}/v2/clock`, { headers })).status).toBe(200);
      const run = await runBuiltCliAsync(args, { cwd: dir, env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/"level":(50|60)/);
      expect(run.stderr).toMatch(/market data: the rate limit is used up; waiting \d+ s for it to reset/);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.data.symbols).toBe(505);
      expect(report.picks).toHaveLength(20);
    } finally {
      exchange.kill('SIGTERM');
    }
  }, 60_000);
});
