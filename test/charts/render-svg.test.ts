import { describe, expect, it } from 'vitest';
import { renderChartSvg, type ChartOption } from '../../src/charts/render-svg.js';

const option: ChartOption = {
  xAxis: { type: 'category', data: ['a', 'b', 'c'] },
  yAxis: { type: 'value' },
  series: [{ type: 'line', data: [1, 3, 2] }],
};

describe('renderChartSvg', () => {
  it('gives the same text for the same option however many charts were rendered before', () => {
    const first = renderChartSvg(option, { width: 300, height: 200 }, 'c1');
    renderChartSvg(option, { width: 300, height: 200 }, 'other');
    expect(renderChartSvg(option, { width: 300, height: 200 }, 'c1')).toBe(first);
  });

  it('names every id and class after the chart, so charts on one page do not clash', () => {
    const svg = renderChartSvg(option, { width: 300, height: 200 }, 'equity');
    expect(svg).toMatch(/^<svg width="300" height="200"/);
    expect(svg).toContain('class="equity-cls-0"');
    expect(svg).toContain('clip-path="url(#equity-c0)"');
    expect(svg).not.toMatch(/\bzr\d+-/);
  });
});
