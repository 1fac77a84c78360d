import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRegimeEval } from '../../../src/regime/eval/run-eval.js';
import { GENERATED_MARKER } from '../../../src/regime/eval/report-markdown.js';
import { REGIME_COLOURS } from '../../../src/regime/eval/regime-chart.js';
import { useTempDir } from '../../support/temp-dir.js';

const DATA = join(process.cwd(), '..', 'shared', 'data');

describe('runRegimeEval on the shared SPY and VIX history', () => {
  const temp = useTempDir();

  it('keeps the hand-written intro, rewrites the results and draws the chart', () => {
    const spyFile = join(DATA, 'adjclose', 'SPY.csv');
    expect(existsSync(spyFile), `${spyFile} is missing: tests need ../shared beside the checkout`).toBe(true);
    const docFile = temp.write('regime.md', `# Intro kept\n\n${GENERATED_MARKER}\n\nstale results\n`);
    const chartFile = join(temp.path(), 'regime-chart.svg');
    const run = runRegimeEval({
      spyFile,
      vixFile: join(DATA, 'daily', 'VIX.csv'),
      docFile,
      chartFile,
      sources: { spy: 'SPY.csv', vix: 'VIX.csv', chart: 'regime-chart.svg' },
    });
    if (!run.ok) throw new Error(run.error.join('\n'));

    const doc = readFileSync(docFile, 'utf8');
    expect(doc.startsWith(`# Intro kept\n\n${GENERATED_MARKER}\n\n## Results`)).toBe(true);
    expect(doc).not.toContain('stale results');
    // The spec's protocol: the first refit with a full 3000-row window falls in January 2006.
    expect(run.value.evaluation.onlineStart).toMatch(/^2006-01-0\d$/);
    expect(run.value.evaluation.lastDate).toBe('2025-09-26');
    for (const goal of run.value.goals) expect(doc).toContain(`| ${goal.goal} | ${goal.measured} |`);
    expect(run.value.evaluation.windows.map((w) => [...w.strategies.keys()])).toEqual([
      ['Buy and hold', 'Jump model 0/1', 'Four regimes'],
      ['Buy and hold', 'Jump model 0/1', 'Four regimes'],
    ]);
    const svg = readFileSync(chartFile, 'utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(`fill="${REGIME_COLOURS.CRASH}"`);
  });

  it('reports an unreadable input as an error naming the file', () => {
    const missing = join(temp.path(), 'no-spy.csv');
    const run = runRegimeEval({
      spyFile: missing,
      vixFile: join(DATA, 'daily', 'VIX.csv'),
      docFile: join(temp.path(), 'regime.md'),
      chartFile: join(temp.path(), 'regime-chart.svg'),
      sources: { spy: 'SPY.csv', vix: 'VIX.csv', chart: 'regime-chart.svg' },
    });
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.error[0]).toMatch(new RegExp(`^${missing}: cannot read the close history`));
    expect(existsSync(join(temp.path(), 'regime.md'))).toBe(false);
  });
});
