import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli } from '../support/run-cli.js';

describe('rebalance exchange', () => {
  it('serves the demo exchange, prints its base URL, answers Alpaca requests and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'dist/cli/main.js'), 'exchange'], { cwd: REPO_ROOT });
    try {
      let stdout = '';
      child.stdout.setEncoding('utf8');
      const firstLine = new Promise<string>((done) => {
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          if (stdout.includes('\n')) done(stdout.split('\n')[0] ?? '');
        });
      });
      const baseUrl = await firstLine;
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const headers = { 'APCA-API-KEY-ID': 'any', 'APCA-API-SECRET-KEY': 'any' };
      const clock = (await (await fetch(`${baseUrl}/v2/clock`, { headers })).json()) as { timestamp: string };
      expect(clock.timestamp).toBe('2025-11-20T10:15:00-05:00');
      expect((await fetch(`${baseUrl}/v2/account`)).status).toBe(401);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 2 naming the problem when the scenario file is missing', () => {
    const run = runBuiltCli(['exchange', '--scenario', 'missing-scenario.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing-scenario.json');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
