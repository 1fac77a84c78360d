import { describe, expect, it } from 'vitest';
import { percent } from '../../../src/backtest/report/format.js';
import { renderBacktestReport } from '../../../src/backtest/report/render-report.js';
import { aBacktestRun } from './fixture.js';

describe('renderBacktestReport', () => {
  const html = renderBacktestReport(aBacktestRun());

  it('is one page that refers to no URL: no src or href, no script, no stylesheet link', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(\s*["']?https?:/i);
    // ECharts' SVG namespaces are names, not fetches; nothing else may mention the web.
    expect(html.replaceAll('http://www.w3.org/', '')).not.toMatch(/https?:\/\//);
  });

  it('titles the page with the span and draws the six charts inline', () => {
    expect(html).toContain('<title>Backtest 2021-01-04 .. 2023-12-29</title>');
    for (const id of ['equity', 'drawdown', 'regime', 'exposure', 'monthly', 'sharpe']) expect(html).toMatch(new RegExp(`id="chart-${id}"><svg `));
  });

  it('shows the strategy and the three benchmarks with the metrics formatted as percentages', () => {
    const run = aBacktestRun();
    for (const name of ['strategy', 'SPY buy &amp; hold', 'always bull', 'equal weight']) expect(html).toContain(`<td>${name}</td>`);
    expect(html).toContain(`<td>strategy</td><td>${percent(run.summary.metrics.cagr)}</td>`);
    expect(html).toContain(`${run.summary.metrics.maxDrawdownPeak} → ${run.summary.metrics.maxDrawdownTrough}`);
  });

  it('escapes text from the config', () => {
    const page = renderBacktestReport(aBacktestRun({ config: { note: '<script>alert(1)</script>' } }));
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says "price return only" when no dividend data was used', () => {
    expect(renderBacktestReport(aBacktestRun({ returns: 'price' }))).toContain('price return only (no dividend data)');
    expect(html).not.toContain('price return only');
  });

  it('shows a missing benchmark as "not available"', () => {
    const page = renderBacktestReport(aBacktestRun({ withoutEqualWeight: true }));
    expect(page).toMatch(/<td>equal weight<\/td><td class="na" colspan="\d+">not available<\/td>/);
    expect(html).not.toContain('not available');
  });

  it('names the limits: survivorship and modelled fills with their slippage and commission', () => {
    expect(html).toContain('survivorship');
    expect(html).toContain('Orders fill at the close with 5 bp of slippage and a commission of $0 per share (minimum $0)');
  });

  it('renders the same page twice from the same run', () => {
    expect(renderBacktestReport(aBacktestRun())).toBe(html);
  });
});
