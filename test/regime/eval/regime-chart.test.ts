import { describe, expect, it } from 'vitest';
import type { ChartDay } from '../../../src/regime/eval/regime-chart.js';
import { priceTicks, regimeChartSvg } from '../../../src/regime/eval/regime-chart.js';
import type { RegimeLabel } from '../../../src/regime/types.js';

function chartDays(closes: readonly number[], regimes: readonly RegimeLabel[], start = 2019): ChartDay[] {
  return closes.map((close, i) => ({
    date: `${start + Math.floor(i / 2)}-0${1 + (i % 2) * 5}-02`,
    close,
    regime: regimes[i] ?? 'TREND_BULL',
  }));
}

/** The shaded bands: regime, left edge and width of every `data-regime` rect. */
function bands(svg: string): { regime: string; x: number; width: number }[] {
  return [...svg.matchAll(/<rect data-regime="(\w+)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => ({
    regime: m[1] as string,
    x: Number(m[2]),
    width: Number(m[3]),
  }));
}

function polylineYs(svg: string): number[] {
  const points = /<polyline points="([^"]+)"/.exec(svg)?.[1] ?? '';
  return points.split(' ').map((p) => Number(p.split(',')[1]));
}

describe('regimeChartSvg', () => {
  it('shades one band per run of equal regimes, tiling the plot from edge to edge', () => {
    const regimes: RegimeLabel[] = ['TREND_BULL', 'TREND_BULL', 'TREND_BULL', 'CRASH', 'CRASH', 'TREND_BEAR'];
    const svg = regimeChartSvg(chartDays([100, 101, 102, 90, 85, 88], regimes), { title: 'SPY', width: 556 });
    // Plot spans x 56..540 (width 556 minus margins 56 and 16); 6 days are 96.8 px apart.
    expect(bands(svg)).toEqual([
      { regime: 'TREND_BULL', x: 56, width: 242 },
      { regime: 'CRASH', x: 298, width: 193.6 },
      { regime: 'TREND_BEAR', x: 491.6, width: 48.4 },
    ]);
  });

  it('draws prices on a log scale: 100 sits halfway between 10 and 1000', () => {
    const ys = polylineYs(regimeChartSvg(chartDays([10, 100, 1000], []), { title: 'log' }));
    expect(ys).toHaveLength(3);
    const [y10, y100, y1000] = ys as [number, number, number];
    expect(y10).toBeGreaterThan(y100);
    expect(Math.abs(y10 - y100 - (y100 - y1000))).toBeLessThanOrEqual(0.1);
  });

  it('labels years, legends the regimes with their shares and escapes the title', () => {
    const regimes: RegimeLabel[] = ['TREND_BULL', 'TREND_BULL', 'TREND_BULL', 'CRASH'];
    const svg = regimeChartSvg(chartDays([100, 110, 120, 130], regimes), { title: 'SPY <adj> & VIX' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('>SPY &lt;adj&gt; &amp; VIX</text>');
    expect(svg).toContain('>2020</text>');
    expect(svg).toContain('>TREND_BULL 75.0%</text>');
    expect(svg).toContain('>CRASH 25.0%</text>');
    expect(svg).not.toContain('TREND_BEAR');
  });

  it('produces identical text for identical input', () => {
    const days = chartDays([100, 120, 90], ['TREND_BULL', 'TREND_NEUTRAL', 'UNKNOWN']);
    expect(regimeChartSvg(days, { title: 't' })).toBe(regimeChartSvg(days, { title: 't' }));
  });
});

describe('priceTicks', () => {
  it('picks 1-2-5 levels inside the range', () => {
    expect(priceTicks(60, 700)).toEqual([100, 200, 500]);
    expect(priceTicks(0.15, 3)).toEqual([0.2, 0.5, 1, 2]);
  });
});
