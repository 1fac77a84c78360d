/**
 * The report as a person sees it: rendered, written to a file and opened offline in a real headless Chromium
 * (Debian's package, driven by playwright-core). Leaves a full-page screenshot in test-output/ to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { openInChromium, type OpenPage } from '../../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percent } from '../../../src/backtest/report/format.js';
import { renderBacktestReport } from '../../../src/backtest/report/render-report.js';
import { aBacktestRun } from './fixture.js';

const SCREENSHOT = resolve('test-output', 'backtest-report.png');

/**
 * What each chart draws from the data (not its axes): the selector of those marks in ECharts' SVG, how many there
 * must be, and how many points the longest must pass through (a curve of 780 days; bands and cells are shapes).
 */
const CHARTS: readonly (readonly [id: string, marks: string, count: number, points: number])[] = [
  ['equity', 'path[fill="none"]:is([stroke="#1565c0"], [stroke="#424242"], [stroke="#2e7d32"], [stroke="#8e24aa"])', 4, 200],
  ['drawdown', 'path:is([fill="#c62828"], [stroke="#c62828"])', 2, 200],
  // One band per run of equal regimes in the fixture's schedule.
  ['regime', 'polygon', 10, 4],
  ['exposure', 'path:is([fill="#00838f"], [stroke="#00838f"])', 2, 10],
  ['monthly', 'path[stroke="#ffffff"]', 36, 4],
  ['sharpe', 'path[stroke="#5d4037"]', 1, 200],
];

describe('the backtest report in a headless browser', () => {
  // One folder for the whole suite: the page stays open across its tests.
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-report-'));
  const run = aBacktestRun();
  let opened: OpenPage | undefined;
  let page: Page;
  let requests: string[] = [];
  let problems: string[] = [];
  let fileUrl: string;

  beforeAll(async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderBacktestReport(run));
    fileUrl = pathToFileURL(file).href;
    opened = await openInChromium(fileUrl);
    page = opened.page;
    requests = opened.requests;
    problems = opened.problems;
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no error and requests nothing but the file itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it.each(CHARTS)('draws the %s chart: a visible box with the data’s marks', async (id, marks, count, points) => {
    const chart = page.locator(`#chart-${id} svg`);
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(50);
    const pointCounts = await chart.locator(marks).evaluateAll((shapes) =>
      shapes.map((shape) => (shape.getAttribute('d') ?? shape.getAttribute('points') ?? '').match(/-?[\d.]+[ ,]-?[\d.]+/g)?.length ?? 0),
    );
    expect(pointCounts.length).toBeGreaterThanOrEqual(count);
    expect(Math.max(...pointCounts)).toBeGreaterThanOrEqual(points);
  });

  it('draws one line per curve in the equity chart, in the legend’s colours', async () => {
    const strokes = await page.locator('#chart-equity svg path[fill="none"]').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')));
    for (const colour of ['#1565c0', '#424242', '#2e7d32', '#8e24aa']) expect(strokes).toContain(colour);
    const legend = await page.locator('#chart-equity svg text').allTextContents();
    expect(legend).toEqual(expect.arrayContaining(['strategy', 'SPY buy & hold', 'always bull', 'equal weight']));
  });

  it('puts equity on a log axis: equal ratios are equal distances', async () => {
    const labels = await page.locator('#chart-equity svg text').evaluateAll((texts) =>
      texts
        .filter((t) => /^\$[\d,]+$/.test(t.textContent ?? ''))
        .map((t) => ({ value: Number((t.textContent ?? '').replace(/[$,]/g, '')), y: t.getBoundingClientRect().y })),
    );
    expect(labels.length).toBeGreaterThanOrEqual(4);
    const pixelsPerLog = labels.slice(1).map((l, i) => (l.y - (labels[i]?.y ?? 0)) / Math.log(l.value / (labels[i]?.value ?? 1)));
    for (const slope of pixelsPerLog) expect(slope).toBeCloseTo(pixelsPerLog[0] ?? 0, -1);
  });

  it('shows the strategy’s CAGR as computed, in the metrics table', async () => {
    const cagr = await page.locator('table.metrics tbody tr').first().locator('td').nth(1).innerText();
    expect(cagr).toBe(percent(run.summary.metrics.cagr));
  });

  it('writes a full-page screenshot for a person to look at', async () => {
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
