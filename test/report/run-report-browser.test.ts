/**
 * A run's --report-html page as a person sees it: a real run of the built CLI on the demo, opened offline in
 * Debian's Chromium (playwright-core), as the backtest report is. Leaves test-output/run-report.png to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { openInChromium, type OpenPage } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli, scratchDir } from '../support/run-cli.js';

const SCREENSHOT = resolve('test-output', 'run-report.png');

describe('a run report in a headless browser', () => {
  let opened: OpenPage | undefined;
  let page: Page;
  let requests: string[] = [];
  let problems: string[] = [];
  let report: { orders: { symbol: string }[]; picks: unknown[] };

  beforeAll(async () => {
    const cwd = scratchDir();
    const run = runBuiltCli(['--regime', 'neutral', '--force', '--report-html', 'run.html', '--json'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    report = JSON.parse(run.stdout) as typeof report;
    opened = await openInChromium(pathToFileURL(join(cwd, 'run.html')).href);
    ({ page, requests, problems } = opened);
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('loads with no console error and no request but the file itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/^file:/);
  });

  it('draws one momentum bar per pick and the holdings before, target and after', async () => {
    const bars = async (id: string, colour: string): Promise<number> => page.locator(`#chart-${id} svg path[fill="${colour}"]`).count();
    expect(await bars('momentum', '#1565c0')).toBeGreaterThanOrEqual(report.picks.length);
    for (const colour of ['#9e9e9e', '#1565c0', '#2e7d32']) expect(await bars('holdings', colour)).toBeGreaterThan(3);
    for (const id of ['momentum', 'holdings']) {
      const box = await page.locator(`#chart-${id} svg`).boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(500);
    }
  });

  it('lists every order with its fill, every gate, and the drift after the run', async () => {
    const text = await page.locator('main').innerText();
    for (const order of report.orders) expect(text).toContain(order.symbol);
    expect(text).toContain('7 regime compliance');
    expect(text).toMatch(/after: \$0 \(0\.00%\)/);
    expect(await page.locator('table.words tbody tr:has-text("filled")').count()).toBe(report.orders.length);
  });

  it('writes a full-page screenshot for a person to look at', async () => {
    mkdirSync(resolve('test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(readFileSync(SCREENSHOT).length).toBeGreaterThan(20_000);
  });
});

describe('the status page in a headless browser', () => {
  let opened: OpenPage | undefined;

  afterAll(async () => {
    await opened?.close();
  });

  it('shows the verdict, the last run with its orders and the plan a run would make now; no error, no request', async () => {
    const cwd = scratchDir();
    expect(runBuiltCli(['--regime', 'neutral', '--force'], { cwd }).code).toBe(0);
    const status = runBuiltCli(['status', '--regime', 'neutral', '--report-html', 'status.html'], { cwd });
    expect(status.code, status.stderr).toBe(0);
    opened = await openInChromium(pathToFileURL(join(cwd, 'status.html')).href);
    const text = await opened.page.locator('main').innerText();
    expect(text).toContain('Rebalance status: all right (exit 0)');
    expect(text).toMatch(/status\s+complete: every order filled; positions at target/);
    expect(text).toContain('The plan a run would make now (nothing submitted)');
    expect(await opened.page.locator('#chart-momentum svg path[fill="#1565c0"]').count()).toBeGreaterThan(5);
    expect(opened.problems).toEqual([]);
    expect(opened.requests).toHaveLength(1);
    mkdirSync(resolve('test-output'), { recursive: true });
    await opened.page.screenshot({ path: resolve('test-output', 'status-report.png'), fullPage: true });
  }, 90_000);
});
