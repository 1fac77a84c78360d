import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, sharedData } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

interface Report {
  picks: { symbol: string }[];
  excluded: { symbol: string; reason: string }[];
}

const SOURCE = sharedData('recent-2021-2026', 'daily');

describe('what the report says about a symbol\'s history (real bars, recent-2021-2026)', () => {
  const tmp = useTempDir();

  function dryRun(dataDir: string, json = true) {
    const scenario = join(tmp.path(), 'scenario.json');
    writeFileSync(scenario, JSON.stringify({ clock: '2026-04-10T10:15:00-04:00', dataDir, account: { cash: 60000 } }));
    return runBuiltCli(['--dry-run', '--regime', 'bull', '--scenario', scenario, ...(json ? ['--json'] : [])]);
  }

  it('calls a stock listed 137 sessions ago "too little history", not bad data, in JSON and text', () => {
    const data = join(tmp.path(), 'data');
    mkdirSync(data);
    for (const file of readdirSync(SOURCE)) copyFileSync(join(SOURCE, file), join(data, file));
    // AMD as if it had listed 137 sessions before the run's day.
    const [header, ...rows] = readFileSync(join(SOURCE, 'AMD.csv'), 'utf8').trim().split('\n');
    const recent = rows.filter((row) => row < '2026-04-10').slice(-137);
    writeFileSync(join(data, 'AMD.csv'), [header, ...recent].join('\n') + '\n');
    const firstDay = recent[0]?.slice(0, 10) ?? '';

    const run = dryRun(data);
    expect(run.code, run.stderr).toBe(0);
    const amd = (JSON.parse(run.stdout) as Report).excluded.find((e) => e.symbol === 'AMD');
    expect(amd?.reason).toMatch(new RegExp(`^too little history: the first bar is on ${firstDay}, 137 of the 252 trading days from \\d{4}-\\d{2}-\\d{2} to 2026-04-09$`));
    const text = dryRun(data, false);
    expect(text.stdout).toMatch(new RegExp(`^  AMD {4}too little history: the first bar is on ${firstDay}`, 'm'));
    expect(text.stdout).not.toMatch(/AMD +bad data/);
  });

  it('reads a data folder of symbolic links like one of files', () => {
    const data = join(tmp.path(), 'links');
    mkdirSync(data);
    for (const file of readdirSync(SOURCE)) symlinkSync(join(SOURCE, file), join(data, file));
    const linked = dryRun(data);
    expect(linked.code, linked.stderr).toBe(0);
    const report = JSON.parse(linked.stdout) as Report;
    const withData = new Set(readdirSync(SOURCE).map((file) => file.slice(0, -'.csv'.length)));
    const unknown = report.excluded.filter((e) => /unknown asset/.test(e.reason)).map((e) => e.symbol);
    // Only the technology names the data set lacks are unknown; every linked CSV is an asset.
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.filter((symbol) => withData.has(symbol))).toEqual([]);
    expect(report.picks.length).toBeGreaterThan(0);
  });
});
