import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoScenario } from '../../src/exchange/demo/index.js';
import { startExchange, type RunningExchange } from '../../src/exchange/server.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuiltCliAsync, scratchDir } from '../support/run-cli.js';

const KEY_ID = 'PKE2ETESTKEY0001';
const SECRET = 'e2e-secret-value-never-printed-42';

describe('with Alpaca credentials (hosts pointed at a local exchange that requires these keys)', () => {
  let exchange: RunningExchange;
  beforeAll(async () => {
    exchange = await startExchange({ scenario: { ...createDemoScenario(), keys: { keyId: KEY_ID, secretKey: SECRET } } });
  });
  afterAll(() => exchange.close());

  const env = (secret: string): Record<string, string> => ({
    APCA_API_KEY_ID: KEY_ID,
    APCA_API_SECRET_KEY: secret,
    APCA_API_BASE_URL: exchange.baseUrl,
    APCA_API_DATA_URL: exchange.baseUrl,
    LOG_LEVEL: 'debug',
  });

  it('plans through the Alpaca adapter, says so, and prints neither key anywhere', async () => {
    const run = await runBuiltCliAsync(['--dry-run', '--regime', 'bull', '--json'], { env: env(SECRET) });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { broker: string; brokerDetail: string };
    expect(report.broker).toBe('alpaca');
    // A loopback URL is the local venue, whatever keys are set: never reported (or guarded) as paper or live.
    expect(report.brokerDetail).toBe(`local exchange at ${exchange.baseUrl}, through the Alpaca adapter`);
    for (const text of [run.stdout, run.stderr]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(KEY_ID);
    }
  });

  it('trades through the Alpaca adapter and leaves neither key in the logs, the trail or the report', async () => {
    const dir = scratchDir();
    const run = await runBuiltCliAsync(['--regime', 'neutral', '--force', '--json', '--audit-file', 'trail.csv'], { env: env(SECRET), cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ mode: 'local', venue: 'local', broker: 'alpaca', execution: { status: 'complete' } });
    const trail = readFileSync(join(dir, 'trail.csv'), 'utf8');
    expect(trail).toContain('order_filled');
    for (const text of [run.stdout, run.stderr, trail]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(KEY_ID);
    }
  });

  it('exits 2 with a message naming the credentials when the keys are wrong, without echoing them', async () => {
    const run = await runBuiltCliAsync(['--dry-run', '--regime', 'bull'], { env: env('wrong-secret-value-77') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/APCA_API_KEY_ID/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    for (const secret of ['wrong-secret-value-77', KEY_ID]) expect(run.stderr + run.stdout).not.toContain(secret);
  });
});
