import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenarioFile } from '../../../src/exchange/load-scenario.js';
import { aTempDir, barsCsv, sessionBars, writeFiles } from '../helpers.js';

const MINIMAL = { clock: '2025-11-20T15:00:00Z', dataDir: '../data' };

describe('scenario fill rules and state path', () => {
  it('defaults to full fills 50 ms after routing, without slippage, and to no state file', () => {
    const parsed = parseScenarioFile(MINIMAL);
    if (!parsed.ok) throw new Error(parsed.error.join('\n'));
    expect(parsed.value.fills).toEqual({ delayMs: 50, slippageBps: 0, partial: {}, reject: [], neverFill: [] });
    expect(parsed.value.statePath).toBeUndefined();
  });

  it.each([
    [{ partial: { AAPL: 1.5 } }, 'fills.partial.AAPL'],
    [{ delayMs: -1 }, 'fills.delayMs'],
    [{ slippageBps: -5 }, 'fills.slippageBps'],
    [{ neverFill: 'AAPL' }, 'fills.neverFill'],
    [{ sometimes: true }, 'fills'],
  ])('names the key of a bad fill rule %j', (fills, key) => {
    const parsed = parseScenarioFile({ ...MINIMAL, fills });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.join('\n')).toMatch(new RegExp(`^${key.replace(/\./g, '\\.')}: `, 'm'));
  });

  it('upper-cases fill-rule symbols and resolves statePath from the scenario file', async () => {
    const root = await aTempDir();
    await writeFiles(join(root, 'data'), { 'AAPL.csv': barsCsv(sessionBars('2025-11-03', '2025-11-21')) });
    await writeFiles(join(root, 'scenarios'), {
      'week.json': JSON.stringify({
        ...MINIMAL,
        fills: { delayMs: 5, slippageBps: 12.5, partial: { aapl: 0.25 }, reject: ['msft'], neverFill: [' spy '] },
        statePath: '../state/week.json',
      }),
    });
    const loaded = await loadScenarioFile(join(root, 'scenarios', 'week.json'));
    if (!loaded.ok) throw new Error(loaded.error.join('\n'));
    expect(loaded.value.fills).toEqual({ delayMs: 5, slippageBps: 12.5, partial: { AAPL: 0.25 }, reject: ['MSFT'], neverFill: ['SPY'] });
    expect(loaded.value.statePath).toBe(join(root, 'state', 'week.json'));
  });
});
