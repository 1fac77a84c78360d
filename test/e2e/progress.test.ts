import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, scratchDir, sharedData } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

/** Runs the built command on a pseudo-terminal (util-linux `script`), as a person at a terminal would see it. */
function onTerminal(args: readonly string[], cwd: string): string {
  const command = [process.execPath, resolve(REPO_ROOT, 'dist/cli/main.js'), ...args].map((a) => `'${a}'`).join(' ');
  const env: Record<string, string | undefined> = { ...process.env, XDG_CACHE_HOME: scratchDir() };
  for (const key of Object.keys(env)) if (key.startsWith('APCA_')) delete env[key];
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (run.error !== undefined) throw new Error(`cannot run script(1) for a pseudo-terminal: ${run.error.message}`);
  return run.stdout;
}

describe('the market-data progress line', () => {
  const tmp = useTempDir();

  it('shows on a terminal for a long fetch, and never in --json output', () => {
    const data = sharedData('sp500-2013-2018');
    const symbols = readdirSync(data).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4));
    tmp.write('universe.txt', symbols.join('\n'));
    tmp.write('scenario.json', JSON.stringify({ clock: '2018-02-07T10:30:00-05:00', dataDir: data, account: { cash: 100000 } }));
    const args = ['--dry-run', '--regime', 'bull', '--top-n', '5', '--universe', 'universe.txt', '--scenario', 'scenario.json'];
    const text = onTerminal(args, tmp.path());
    expect(text).toMatch(/market data: 505\/505 symbols, \d+ requests/);
    expect(text).toContain('Rebalance plan (dry run');
    const json = onTerminal([...args, '--json'], tmp.path());
    expect(json).not.toContain('market data:');
    expect(json).toContain('"mode": "dry-run"');
  });
});

describe('the backtest progress line', () => {
  it('shows the simulated days on a terminal, and never in --json output', () => {
    const cwd = scratchDir();
    const args = ['backtest', '--from', '2012-01-03', '--to', '2012-12-31', '--data-dir', sharedData('daily'), '--universe', 'AAPL,MSFT,NVDA', '--top-n', '2'];
    const text = onTerminal([...args, '--out', 'bt'], cwd);
    expect(text).toMatch(/backtest: 100% \(500 of 500 simulated days\)/);
    expect(text).toContain('Backtest 2012-01-03 .. 2012-12-31');
    const json = onTerminal([...args, '--out', 'bt2', '--json'], cwd);
    expect(json).not.toContain('simulated days');
    expect(json).toContain('"returns": "price"');
  });
});
