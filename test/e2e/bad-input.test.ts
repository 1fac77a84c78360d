import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

describe('bad input exits 2 with a clear message, no stack trace and no plan', () => {
  const tmp = useTempDir();

  const cases: [string, () => string[], RegExp][] = [
    ['--top-n 0', () => ['--top-n', '0'], /top-n.*whole number from 1 to 100/],
    ['--top-n -1', () => ['--top-n', '-1'], /top-n/],
    ['--top-n abc', () => ['--top-n', 'abc'], /top-n.*"abc"/],
    ['--top-n 1.5', () => ['--top-n', '1.5'], /top-n.*"1.5"/],
    ['an unknown regime', () => ['--regime', 'SIDEWAYS'], /unknown regime "SIDEWAYS"/],
    ['an unknown universe', () => ['--regime', 'bull', '--universe', 'energy'], /unknown universe "energy".*technology/],
    ['a universe file with invalid symbols', () => ['--regime', 'bull', '--universe', tmp.write('u.txt', 'AAPL\n$$$\n')], /invalid symbol.*\$\$\$/],
    ['a universe file with no symbols', () => ['--regime', 'bull', '--universe', tmp.write('u.json', '[]')], /no symbols/],
    ['a malformed config', () => ['--regime', 'bull', '--config', tmp.write('c.json', '{"topN": ')], /malformed JSON/],
    ['a wrongly typed config', () => ['--regime', 'bull', '--config', tmp.write('c.json', '{"topN": "ten"}')], /topN/],
    ['a missing config file', () => ['--regime', 'bull', '--config', 'no-such.json'], /no-such\.json.*cannot be read/],
    ['a scenario whose data dir is missing', () => ['--regime', 'bull', '--scenario', tmp.write('s.json', JSON.stringify({ clock: '2025-11-20T10:15:00-05:00', dataDir: 'nowhere' }))], /nowhere/],
    ['half-set credentials', () => ['--regime', 'bull'], /APCA_API_SECRET_KEY is not set/],
  ];

  it.each(cases)('%s', (name, args, message) => {
    const env: Record<string, string> = name === 'half-set credentials' ? { APCA_API_KEY_ID: 'PKHALF' } : {};
    const run = runBuiltCli(['--dry-run', ...args()], { cwd: tmp.path(), env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).not.toContain('Phase 1');
  });

  it.each([
    [[], 'https://api.alpaca.markets', 'no --live and no allowLive'],
    [['--live'], 'https://api.alpaca.markets', '--live without allowLive'],
    [[], 'https://api.alpaca.markets:443', 'the live host with its port'],
    [[], 'HTTPS://API.ALPACA.MARKETS', 'the live host in capitals'],
    [[], 'https://api.alpaca.markets./v2', 'the live host with a trailing dot'],
    [['--live'], 'https://api.alpaca.markets/v2/', 'the live host with /v2/'],
    [[], 'https://my-proxy.example.com', 'an unknown proxy'],
  ])('refuses a LIVE account before sending anything (%j, %s: %s)', (flags, url) => {
    const env = { APCA_API_KEY_ID: 'AKLIVEKEY', APCA_API_SECRET_KEY: 'live-secret-123', APCA_API_BASE_URL: url };
    const run = runBuiltCli(['--regime', 'bull', '--force', ...flags], { cwd: tmp.path(), env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('refusing to trade a LIVE Alpaca account');
    expect(run.stderr).toContain('nothing was sent');
    expect(run.stderr + run.stdout).not.toContain('live-secret-123');
  });
});
