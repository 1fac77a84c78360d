import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/exchange/load-scenario.js';
import { startExchange } from '../../src/exchange/server.js';
import { expectConformsToSpec } from '../support/openapi.js';
import { KEYS, aTempDir } from './helpers.js';

// CI checks out ../shared beside the repository; without it this test must fail, not skip.
const DATA_DIR = fileURLToPath(new URL('../../../shared/data/recent-2021-2026/daily/', import.meta.url));

/** Rows of a shared CSV between two dates, read independently of the exchange's parser. */
function csvRows(symbol: string, from: string, to: string): string[][] {
  return readFileSync(join(DATA_DIR, `${symbol}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(','))
    .filter(([date]) => date !== undefined && date >= from && date <= to);
}

describe('the real shared data folder (recent-2021-2026)', () => {
  it('loads every file and serves it back unchanged through pagination and the account', async () => {
    expect(existsSync(DATA_DIR), `shared data folder missing at ${DATA_DIR}`).toBe(true);
    const dir = await aTempDir();
    const path = join(dir, 'real.json');
    await writeFile(
      path,
      JSON.stringify({
        clock: '2025-06-02T14:00:00Z',
        dataDir: DATA_DIR,
        account: { cash: 1000 },
        positions: [{ symbol: 'SPY', qty: 3, avgEntryPrice: 500 }],
      }),
    );
    const loaded = await loadScenarioFile(path);
    if (!loaded.ok) throw new Error(loaded.error.join('\n'));
    expect(loaded.value.bars.size).toBe(26);
    expect(loaded.value.bars.get('SPY')).toHaveLength(1256);

    const exchange = await startExchange({ scenario: loaded.value });
    try {
      const symbols = [...loaded.value.bars.keys()].join(',');
      const collected: Record<string, { t: string; c: number; v: number }[]> = {};
      let token: string | null = null;
      let pages = 0;
      do {
        const suffix: string = token === null ? '' : `&page_token=${encodeURIComponent(token)}`;
        const res = await fetch(`${exchange.baseUrl}/v2/stocks/bars?symbols=${symbols}&timeframe=1Day&start=2024-06-03&end=2025-12-31&limit=2500${suffix}`, { headers: KEYS });
        const body = (await res.json()) as { bars: Record<string, { t: string; c: number; v: number }[]>; next_page_token: string | null };
        expectConformsToSpec('market-data', 'GET', '/v2/stocks/bars', 200, body);
        for (const [symbol, bars] of Object.entries(body.bars)) (collected[symbol] ??= []).push(...bars);
        token = body.next_page_token;
        pages++;
      } while (token !== null);

      for (const symbol of loaded.value.bars.keys()) {
        const rows = csvRows(symbol, '2024-06-03', '2025-06-02');
        const served = collected[symbol] ?? [];
        expect(served.map((b) => b.t.slice(0, 10)), symbol).toEqual(rows.map((r) => r[0]));
        expect(served.map((b) => b.c), symbol).toEqual(rows.map((r) => Number(r[4])));
        expect(served.map((b) => b.v), symbol).toEqual(rows.map((r) => Number(r[5])));
      }
      const total = Object.values(collected).flat().length;
      expect(pages).toBe(Math.ceil(total / 2500));

      const account = (await (await fetch(`${exchange.baseUrl}/v2/account`, { headers: KEYS })).json()) as Record<string, string>;
      const spyClose = Number(csvRows('SPY', '2025-06-02', '2025-06-02')[0]?.[4]);
      expect(account['long_market_value']).toBe((3 * spyClose).toFixed(2));
      expect(account['equity']).toBe((1000 + 3 * spyClose).toFixed(2));
    } finally {
      await exchange.close();
    }
  });
});
