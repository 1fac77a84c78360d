import { describe, expect, it } from 'vitest';
import { packagePaths } from '../../src/app/paths.js';
import { resolveRunInputs } from '../../src/app/run-inputs.js';
import { useTempDir } from '../support/temp-dir.js';

const LIVE_ENV = { APCA_API_KEY_ID: 'AK1', APCA_API_SECRET_KEY: 'sk1', APCA_API_BASE_URL: 'https://api.alpaca.markets/v2' };

describe('resolveRunInputs: live trading needs two opt-ins', () => {
  const tmp = useTempDir();

  it.each([
    { live: false, allowLive: false, ok: false },
    { live: true, allowLive: false, ok: false },
    { live: false, allowLive: true, ok: false },
    { live: true, allowLive: true, ok: true },
  ])('--live $live with allowLive $allowLive: allowed $ok', ({ live, allowLive, ok }) => {
    const configFile = tmp.write('c.json', JSON.stringify({ allowLive }));
    const result = resolveRunInputs({ dryRun: false, force: false, regime: 'TREND_BULL', live, configFile }, LIVE_ENV, tmp.path(), packagePaths());
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.value.mode).toBe('live');
    else expect(result.error[0]).toContain('refusing to trade a LIVE Alpaca account');
  });

  it.each([
    'https://api.alpaca.markets:443',
    'HTTPS://API.ALPACA.MARKETS',
    'https://api.alpaca.markets./v2',
    'https://api.alpaca.markets/v2/',
    'https://my-proxy.example.com',
  ])('refuses a live venue written as %s without both opt-ins, and accepts it with both', (url) => {
    const env = { ...LIVE_ENV, APCA_API_BASE_URL: url };
    const refused = resolveRunInputs({ dryRun: false, force: false, regime: 'TREND_BULL' }, env, tmp.path(), packagePaths());
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error[0]).toContain('refusing to trade a LIVE Alpaca account');
    const configFile = tmp.write('c.json', JSON.stringify({ allowLive: true }));
    const allowed = resolveRunInputs({ dryRun: false, force: false, regime: 'TREND_BULL', live: true, configFile }, env, tmp.path(), packagePaths());
    expect(allowed.ok && allowed.value.mode).toBe('live');
  });

  it.each([
    ['https://paper-api.alpaca.markets', 'paper'],
    ['http://127.0.0.1:4010', 'local'],
  ])('runs %s as %s without any opt-in', (url, mode) => {
    const result = resolveRunInputs({ dryRun: false, force: false, regime: 'TREND_BULL' }, { ...LIVE_ENV, APCA_API_BASE_URL: url }, tmp.path(), packagePaths());
    expect(result.ok && result.value.mode).toBe(mode);
  });

  it('lets a dry run read a live account, and runs paper by default', () => {
    const dry = resolveRunInputs({ dryRun: true, force: false, regime: 'TREND_BULL' }, LIVE_ENV, tmp.path(), packagePaths());
    expect(dry.ok && dry.value.mode).toBe('dry-run');
    const paper = resolveRunInputs({ dryRun: false, force: false, regime: 'TREND_BULL' }, { APCA_API_KEY_ID: 'PK', APCA_API_SECRET_KEY: 's' }, tmp.path(), packagePaths());
    expect(paper.ok && paper.value.mode).toBe('paper');
  });

  it('keeps one lock per account, beside the audit trail', () => {
    const a = resolveRunInputs({ dryRun: false, force: false, regime: 'TREND_BULL', scenario: 'a.json', auditFile: 'out/t.csv' }, {}, tmp.path(), packagePaths());
    const b = resolveRunInputs({ dryRun: false, force: false, regime: 'TREND_BULL', scenario: 'b.json', auditFile: 'out/t.csv' }, {}, tmp.path(), packagePaths());
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.lockPath.startsWith(`${tmp.path()}/out/.rebalance-`)).toBe(true);
    expect(a.value.lockPath).not.toBe(b.value.lockPath);
  });
});
