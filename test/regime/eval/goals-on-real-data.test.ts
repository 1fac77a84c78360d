import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRegimeEval } from '../../../src/regime/eval/run-eval.js';
import { useTempDir } from '../../support/temp-dir.js';

const DATA = resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');
const DOC = resolve(import.meta.dirname, '..', '..', '..', 'docs', 'regime.md');

describe('the regime evaluation on 1993-2025 SPY and VIX', () => {
  const tmp = useTempDir();

  it('meets every goal of the issue over the online span, and docs/regime.md holds the same table', () => {
    const spyFile = join(DATA, 'adjclose', 'SPY.csv');
    if (!existsSync(spyFile)) throw new Error(`real data not found at ${spyFile}: ../shared must sit beside the checkout`);
    const docFile = join(tmp.path(), 'regime.md');
    copyFileSync(DOC, docFile);
    const run = runRegimeEval({
      spyFile,
      vixFile: join(DATA, 'daily', 'VIX.csv'),
      docFile,
      chartFile: join(tmp.path(), 'regime-chart.svg'),
      sources: { spy: '../shared/data/adjclose/SPY.csv', vix: '../shared/data/daily/VIX.csv', chart: 'regime-chart.svg' },
    });
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    const failed = run.value.goals.filter((g) => !g.pass);
    expect(failed).toEqual([]);
    expect(run.value.goals.length).toBe(7);
    // The committed document is what the command produces from this data: regenerate it when the detector changes.
    expect(readFileSync(docFile, 'utf8')).toBe(readFileSync(DOC, 'utf8'));
  });
});
