import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, scratchDir } from '../support/run-cli.js';

describe('a reader that has gone away', () => {
  it('`rebalance --help | true`: no crash, exit 0, nothing on stderr', () => {
    // `true` exits before node has started, so every write to stdout meets a closed pipe (EPIPE).
    const cli = resolve(REPO_ROOT, 'dist', 'cli', 'main.js');
    const script = `'${process.execPath}' '${cli}' --help | true; echo "exit \${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['-c', script], { cwd: scratchDir(), encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('exit 0');
    expect(run.stderr).toBe('');
  });
});
