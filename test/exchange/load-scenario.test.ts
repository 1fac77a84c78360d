import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/exchange/load-scenario.js';
import { aTempDir, barsCsv, sessionBars, writeFiles } from './helpers.js';

const AAPL = sessionBars('2025-11-03', '2025-11-21', 100);
const BRK = sessionBars('2025-11-03', '2025-11-21', 400);

/** A scenario folder: scenarios/<name>.json next to data/*.csv. Returns the scenario path. */
async function aScenarioFile(scenario: unknown, csvs: Record<string, string> = { 'AAPL.csv': barsCsv(AAPL), 'brk.b.csv': barsCsv(BRK) }): Promise<string> {
  const root = await aTempDir();
  await writeFiles(join(root, 'data'), csvs);
  await writeFiles(join(root, 'scenarios'), { 'week.json': typeof scenario === 'string' ? scenario : JSON.stringify(scenario) });
  return join(root, 'scenarios', 'week.json');
}

const VALID = {
  clock: '2025-11-20T15:00:00Z',
  dataDir: '../data',
  account: { cash: 2500.5, multiplier: 2 },
  positions: [{ symbol: 'aapl', qty: 3, avgEntryPrice: 101.5 }],
  assets: { notFractionable: ['brk.b'] },
  keys: { keyId: 'PK1' },
};

async function errorsOf(path: string): Promise<readonly string[]> {
  const result = await loadScenarioFile(path);
  if (result.ok) throw new Error('expected the scenario to be rejected');
  return result.error;
}

describe('loadScenarioFile', () => {
  it('resolves dataDir from the scenario file and keys symbols by upper-cased file name', async () => {
    const path = await aScenarioFile(VALID);
    const result = await loadScenarioFile(path);
    if (!result.ok) throw new Error(result.error.join('\n'));
    const s = result.value;
    expect(s.name).toBe('week');
    expect(s.clock.toISOString()).toBe('2025-11-20T15:00:00.000Z');
    expect([...s.bars.keys()].sort()).toEqual(['AAPL', 'BRK.B']);
    expect(s.bars.get('BRK.B')).toEqual(BRK);
    expect(s.account).toEqual({ cash: 2500.5, multiplier: 2, buyingPower: null, tradingBlocked: false });
    expect(s.positions).toEqual([{ symbol: 'AAPL', qty: 3, avgEntryPrice: 101.5 }]);
    expect(s.assets).toEqual({ notTradable: [], notFractionable: ['BRK.B'], inactive: [] });
    expect(s.keys).toEqual({ keyId: 'PK1' });
  });

  it('fills in the schema defaults when only clock and dataDir are given', async () => {
    const result = await loadScenarioFile(await aScenarioFile({ clock: '2025-11-20T10:00:00-05:00', dataDir: '../data' }));
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value.account).toEqual({ cash: 100_000, multiplier: 1, buyingPower: null, tradingBlocked: false });
    expect(result.value.positions).toEqual([]);
    expect(result.value.keys).toBeUndefined();
  });

  it('names a missing scenario file', async () => {
    const dir = await aTempDir();
    const errors = await errorsOf(join(dir, 'nope.json'));
    expect(errors).toEqual([`scenario file ${join(dir, 'nope.json')} does not exist`]);
  });

  it('names the file when the JSON is malformed', async () => {
    const path = await aScenarioFile('{ "clock": "2025-11-20T15:00:00Z", ');
    const errors = await errorsOf(path);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`scenario file ${path} is not valid JSON`);
  });

  it('lists every schema problem with its key path', async () => {
    const path = await aScenarioFile({
      clock: 'tomorrow',
      dataDir: '../data',
      account: { cash: 'lots', multiplier: 3 },
      positions: [{ symbol: 'AAPL', qty: -1, avgEntryPrice: 100 }],
      extra: true,
    });
    const errors = await errorsOf(path);
    const byKey = (key: string): string | undefined => errors.find((e) => e.startsWith(`${path}: ${key}:`));
    expect(byKey('clock')).toBeDefined();
    expect(byKey('account.cash')).toMatch(/expected number/);
    expect(byKey('account.multiplier')).toBeDefined();
    expect(byKey('positions[0].qty')).toMatch(/>0|positive|greater/i);
    expect(byKey('(scenario)')).toMatch(/extra/);
    expect(errors).toHaveLength(5);
  });

  it('names the resolved data directory when it is missing', async () => {
    const path = await aScenarioFile({ ...VALID, dataDir: '../missing' });
    const errors = await errorsOf(path);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(join(path, '..', '..', 'missing'));
  });

  it('names the data directory when it holds no CSV files', async () => {
    const path = await aScenarioFile({ ...VALID, positions: [] }, { 'README.txt': 'no data' });
    const errors = await errorsOf(path);
    expect(errors[0]).toMatch(/holds no \.csv files/);
    expect(errors[0]).toContain(join(path, '..', '..', 'data'));
  });

  it('names the file and line of a malformed CSV row', async () => {
    const csv = 'date,open,high,low,close,volume\n2025-11-03,1,2,0.5,1.5,100\n2025-11-04,1,2,oops,1.5,100\n';
    const path = await aScenarioFile({ ...VALID, positions: [] }, { 'AAPL.csv': barsCsv(AAPL), 'BAD.csv': csv });
    const errors = await errorsOf(path);
    expect(errors).toEqual([`${join(path, '..', '..', 'data', 'BAD.csv')}:3: low is not a number: "oops"`]);
  });

  it('rejects positions in symbols without data', async () => {
    const path = await aScenarioFile({ ...VALID, positions: [{ symbol: 'TSLA', qty: 1, avgEntryPrice: 1 }] });
    expect(await errorsOf(path)).toEqual([`${path}: positions[0].symbol: no bar data for TSLA`]);
  });

  it('rejects a position whose data starts after the clock date', async () => {
    const path = await aScenarioFile({ ...VALID, clock: '2025-10-01T15:00:00Z' });
    expect((await errorsOf(path))[0]).toMatch(/positions\[0\]\.symbol: AAPL has no bar on or before the clock's date 2025-10-01/);
  });

  it('rejects two CSV files that name the same symbol', async () => {
    const path = await aScenarioFile({ ...VALID, positions: [] }, { 'AAPL.csv': barsCsv(AAPL), 'aapl.csv': barsCsv(AAPL) });
    expect((await errorsOf(path))[0]).toMatch(/symbol AAPL also comes from/);
  });

  it('loads from an absolute dataDir too', async () => {
    const root = await aTempDir();
    await writeFiles(join(root, 'bars'), { 'SPY.csv': barsCsv(AAPL) });
    const path = join(root, 'abs.json');
    await writeFile(path, JSON.stringify({ clock: '2025-11-20T15:00:00Z', dataDir: join(root, 'bars') }));
    const result = await loadScenarioFile(path);
    expect(result.ok && [...result.value.bars.keys()]).toEqual(['SPY']);
  });

  it('follows symbolic links to CSV files in the data folder, named by the link', async () => {
    const root = await aTempDir();
    await writeFiles(join(root, 'store'), { 'apple-2025.csv': barsCsv(AAPL), 'BRK.B.csv': barsCsv(BRK) });
    await mkdir(join(root, 'data'));
    await symlink(join(root, 'store', 'apple-2025.csv'), join(root, 'data', 'AAPL.csv'));
    // A relative link, as `ln -s ../store/BRK.B.csv` makes.
    await symlink(join('..', 'store', 'BRK.B.csv'), join(root, 'data', 'brk.b.csv'));
    await writeFiles(root, { 'linked.json': JSON.stringify({ clock: '2025-11-20T15:00:00Z', dataDir: 'data', positions: [{ symbol: 'AAPL', qty: 1, avgEntryPrice: 100 }] }) });
    const result = await loadScenarioFile(join(root, 'linked.json'));
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect([...result.value.bars.keys()].sort()).toEqual(['AAPL', 'BRK.B']);
    expect(result.value.bars.get('AAPL')).toEqual(AAPL);
    expect(result.value.bars.get('BRK.B')).toEqual(BRK);
  });

  it('names a symbolic link that leads nowhere instead of skipping the symbol', async () => {
    const root = await aTempDir();
    await writeFiles(join(root, 'data'), { 'SPY.csv': barsCsv(AAPL) });
    await symlink(join(root, 'gone.csv'), join(root, 'data', 'AAPL.csv'));
    await writeFiles(root, { 's.json': JSON.stringify({ clock: '2025-11-20T15:00:00Z', dataDir: 'data' }) });
    expect(await errorsOf(join(root, 's.json'))).toEqual([`${join(root, 'data', 'AAPL.csv')}: a symbolic link that cannot be followed (ENOENT)`]);
  });

  it('reads the market-data plan: every feed by default, sipForbidden true or "recent"', async () => {
    const plain = await loadScenarioFile(await aScenarioFile({ clock: '2025-11-20T10:00:00-05:00', dataDir: '../data' }));
    expect(plain.ok && plain.value.marketData).toEqual({ sipForbidden: false });
    const recent = await loadScenarioFile(await aScenarioFile({ clock: '2025-11-20T10:00:00-05:00', dataDir: '../data', marketData: { sipForbidden: 'recent' } }));
    expect(recent.ok && recent.value.marketData).toEqual({ sipForbidden: 'recent' });
    expect(await errorsOf(await aScenarioFile({ clock: '2025-11-20T10:00:00-05:00', dataDir: '../data', marketData: { sipForbidden: 'yes' } }))).toEqual([
      expect.stringMatching(/week\.json: marketData\.sipForbidden: /),
    ]);
  });
});
