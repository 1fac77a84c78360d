/**
 * A page opened offline in Debian's Chromium (playwright-core), recording every request and every console or page
 * error: how the report tests look at pages as a person would. Fails loudly when Chromium is missing.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface OpenPage {
  readonly page: Page;
  readonly requests: string[];
  readonly problems: string[];
  close(): Promise<void>;
}

export async function openInChromium(fileUrl: string): Promise<OpenPage> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: this test needs a real browser. Install Debian's package: apt-get update && apt-get install -y chromium (.ci/run does this).`);
  }
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(fileUrl, { waitUntil: 'load' });
  return { page, requests, problems, close: () => browser.close() };
}
