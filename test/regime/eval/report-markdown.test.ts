import { describe, expect, it } from 'vitest';
import { GENERATED_MARKER, evaluationMarkdown, replaceGenerated } from '../../../src/regime/eval/report-markdown.js';
import { anEvaluation, aWindow } from './builders.js';

const sources = { spy: '../shared/data/adjclose/SPY.csv', vix: '../shared/data/daily/VIX.csv', chart: 'regime-chart.svg', detector: 'λ = 50.' };

describe('replaceGenerated', () => {
  it('keeps the hand-written intro above the marker and replaces everything below it', () => {
    const existing = `# Regime\n\nHand-written.\n\n${GENERATED_MARKER}\n\nold table\n`;
    expect(replaceGenerated(existing, 'new table\n', 'unused')).toBe(
      `# Regime\n\nHand-written.\n\n${GENERATED_MARKER}\n\nnew table\n`,
    );
  });

  it('is stable when regenerated with the same results', () => {
    const once = replaceGenerated('# Intro\n', 'table', 'unused');
    expect(replaceGenerated(once, 'table', 'unused')).toBe(once);
  });

  it('keeps a document without the marker whole as the intro, and starts a missing one from the default', () => {
    expect(replaceGenerated('# Mine\n', 'table', 'unused')).toBe(`# Mine\n\n${GENERATED_MARKER}\n\ntable\n`);
    expect(replaceGenerated(undefined, 'table', '# Default\n')).toBe(`# Default\n\n${GENERATED_MARKER}\n\ntable\n`);
  });
});

describe('evaluationMarkdown', () => {
  it('prints PASS or FAIL beside each goal and the figures of each strategy', () => {
    const goals = [
      { goal: 'March 2020: CRASH on >= 20 of 22 days', pass: true, measured: '22 of 22' },
      { goal: 'Jump model alone: < 2 switches a year (online)', pass: false, measured: '2.50' },
    ];
    const evaluation = anEvaluation({
      windows: [aWindow('online 2006-01-03 .. 2025-09-26', { 'Buy and hold': { cagr: 0.1078, volatility: 0.1946, sharpe: 0.6234, maxDrawdown: -0.5519 } })],
    });
    const text = evaluationMarkdown(evaluation, goals, sources);
    expect(text).toContain('| March 2020: CRASH on >= 20 of 22 days | 22 of 22 | PASS |');
    expect(text).toContain('| Jump model alone: < 2 switches a year (online) | 2.50 | **FAIL** |');
    expect(text).toContain('### Performance, online 2006-01-03 .. 2025-09-26');
    expect(text).toContain('| Buy and hold | 10.78% | 19.46% | 0.623 | -55.19% | 0.00% | 0.00 |');
    expect(text).toContain('![SPY (log scale) shaded by regime](regime-chart.svg)');
    expect(text).toContain('| March 2020 | 22 | 0 | 0 | 0 | 22 | 0 | 22 | 0 |');
  });

  it('prints n/a for figures a curve does not define', () => {
    const evaluation = anEvaluation({ windows: [aWindow('online', { 'Buy and hold': { cagr: null, volatility: null, sharpe: null, maxDrawdown: 0 } })] });
    expect(evaluationMarkdown(evaluation, [], sources)).toContain('| Buy and hold | n/a | n/a | n/a | 0.00% | 0.00% | 0.00 |');
  });

  it('warns when online days had no label', () => {
    const text = evaluationMarkdown(anEvaluation({ unlabelledDays: 3 }), [], sources);
    expect(text).toContain('Note: 3 online days had no regime or no jump-model state.');
  });
});
