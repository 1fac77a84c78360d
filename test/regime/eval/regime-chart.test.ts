import { describe, expect, it } from 'vitest';
import type { ChartDay } from '../../../src/regime/eval/regime-chart.js';
import { REGIME_COLOURS, regimeChartOption, regimeChartSvg } from '../../../src/regime/eval/regime-chart.js';
import type { RegimeLabel } from '../../../src/regime/types.js';

function chartDays(closes: readonly number[], regimes: readonly RegimeLabel[], start = 2019): ChartDay[] {
  return closes.map((close, i) => ({
    date: `${start + Math.floor(i / 2)}-0${1 + (i % 2) * 5}-02`,
    close,
    regime: regimes[i] ?? 'TREND_BULL',
  }));
}

/** The visible text of an SVG: every <text> element's content. */
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);

describe('regimeChartSvg', () => {
  const regimes: RegimeLabel[] = ['TREND_BULL', 'TREND_BULL', 'TREND_BULL', 'CRASH', 'CRASH', 'TREND_BEAR'];
  const days = chartDays([100, 101, 102, 90, 85, 88], regimes);

  it('draws the closes as a line over bands filled with each present regime’s colour', () => {
    const svg = regimeChartSvg(days, { title: 'SPY' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // The price line: one path through six points (a move and five line segments).
    expect(svg).toMatch(/<path d="M[\d. ]+(L[\d. ]+){5}" fill="none"[^>]*stroke="#212121"/);
    for (const regime of ['TREND_BULL', 'CRASH', 'TREND_BEAR'] as const) expect(svg).toContain(`fill="${REGIME_COLOURS[regime]}"`);
    expect(svg).not.toContain(`fill="${REGIME_COLOURS.TREND_NEUTRAL}"`);
  });

  it('shades one band per run of equal regimes, each reaching the next run', () => {
    const option = regimeChartOption(days, { title: 'SPY' });
    const bands = (option.series as { name: string; markArea: { data: { xAxis: string }[][] } }[])
      .slice(1)
      .map((s) => [s.name, s.markArea.data.map(([from, to]) => `${from?.xAxis}..${to?.xAxis}`)]);
    expect(bands).toEqual([
      ['TREND_BULL 50.0%', ['2019-01-02..2020-06-02']],
      ['TREND_BEAR 16.7%', ['2021-06-02..2021-06-02']],
      ['CRASH 33.3%', ['2020-06-02..2021-06-02']],
    ]);
  });

  it('puts prices on a log axis labelled at round levels', () => {
    const option = regimeChartOption(chartDays([10, 100, 1000], []), { title: 'log' });
    expect(option.yAxis).toMatchObject({ type: 'log', axisLabel: { customValues: [10, 20, 50, 100, 200, 500, 1000] } });
    expect(texts(regimeChartSvg(chartDays([10, 100, 1000], []), { title: 'log' }))).toEqual(expect.arrayContaining(['10', '100', '1,000']));
  });

  it('shows the title escaped, the years and the regimes with their shares', () => {
    const shown = texts(regimeChartSvg(chartDays([100, 110, 120, 130], ['TREND_BULL', 'TREND_BULL', 'TREND_BULL', 'CRASH']), { title: 'SPY <adj> & VIX' }));
    expect(shown).toEqual(expect.arrayContaining(['SPY &lt;adj&gt; &amp; VIX', '2020', 'TREND_BULL 75.0%', 'CRASH 25.0%']));
    expect(shown.join(' ')).not.toContain('TREND_BEAR');
  });

  it('produces identical text for identical input', () => {
    const input = chartDays([100, 120, 90], ['TREND_BULL', 'TREND_NEUTRAL', 'UNKNOWN']);
    expect(regimeChartSvg(input, { title: 't' })).toBe(regimeChartSvg(input, { title: 't' }));
  });
});
