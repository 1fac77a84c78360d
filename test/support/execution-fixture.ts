import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCsv } from './read-csv.js';
import { REPO_ROOT, runBuiltCliAsync, sharedData, type CliRun } from './run-cli.js';

export type TrailRow = Readonly<Record<string, string>>;

export interface ExchangeOrder {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly status: string;
  readonly filledQty: number;
}

export interface ExecutionRun extends CliRun {
  readonly report: Record<string, unknown> & { exitCode: number };
}

/**
 * A real-data scenario (recent-2021-2026, an open Friday), a config that rebalances daily with short timeouts,
 * and helpers to run the BUILT command against it and read what it left behind: trail, exchange state.
 */
export class ExecutionFixture {
  readonly trailPath: string;
  readonly statePath: string;
  readonly scenarioPath: string;
  readonly configPath: string;

  constructor(
    readonly dir: string,
    scenarioExtra: Record<string, unknown> = {},
    configExtra: Record<string, unknown> = {},
    write: (name: string, content: string) => string,
  ) {
    this.trailPath = join(dir, 'trail', 'execution_log.csv');
    this.statePath = join(dir, 'state.json');
    this.scenarioPath = write(
      'scenario.json',
      JSON.stringify({
        clock: '2026-04-10T10:15:00-04:00',
        dataDir: sharedData('recent-2021-2026', 'daily'),
        account: { cash: 60000 },
        positions: [
          { symbol: 'AAPL', qty: 40, avgEntryPrice: 250 },
          { symbol: 'INTC', qty: 300, avgEntryPrice: 30 },
          { symbol: 'MSFT', qty: 10, avgEntryPrice: 400 },
        ],
        statePath: 'state.json',
        fills: { delayMs: 30 },
        ...scenarioExtra,
      }),
    );
    this.configPath = write(
      'config.json',
      JSON.stringify({ schedule: 'daily', execution: { fillTimeoutSec: 15, pollIntervalSec: 0.2 }, ...configExtra }),
    );
  }

  args(...extra: string[]): string[] {
    return ['--regime', 'neutral', '--scenario', this.scenarioPath, '--config', this.configPath, '--audit-file', this.trailPath, '--json', ...extra];
  }

  async run(extra: string[] = [], env: Record<string, string> = {}): Promise<ExecutionRun> {
    const run = await runBuiltCliAsync(this.args(...extra), { cwd: this.dir, env });
    let report: ExecutionRun['report'];
    try {
      report = JSON.parse(run.stdout) as ExecutionRun['report'];
    } catch {
      throw new Error(`no JSON report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
    return { ...run, report };
  }

  /** Starts a run and SIGKILLs it as soon as the trail shows `when`; resolves once it is dead. */
  async runAndKill(when: (rows: readonly TrailRow[]) => boolean): Promise<void> {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'dist/cli/main.js'), ...this.args()], { cwd: this.dir, stdio: 'ignore' });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    let dead = false;
    void exited.then(() => (dead = true));
    const deadline = Date.now() + 30_000;
    while (!dead && Date.now() < deadline) {
      if (when(this.trail())) {
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    if (!dead && Date.now() >= deadline) child.kill('SIGKILL');
    await exited;
  }

  /** Every row of the trail, rotated files included, oldest first. */
  trail(): TrailRow[] {
    const dir = join(this.dir, 'trail');
    if (!existsSync(dir)) return [];
    const files = readdirSync(dir).filter((f) => f.startsWith('execution_log.') && f.endsWith('.csv') && f !== 'execution_log.csv').sort();
    if (existsSync(this.trailPath)) files.push('execution_log.csv');
    return files.flatMap((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const lastNewline = text.lastIndexOf('\n');
      const [header, ...rows] = readCsv(text.slice(0, lastNewline + 1));
      return rows.map((cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ''])));
    });
  }

  orders(): ExchangeOrder[] {
    return (JSON.parse(readFileSync(this.statePath, 'utf8')) as { orders: ExchangeOrder[] }).orders;
  }

  positions(): Map<string, number> {
    const state = JSON.parse(readFileSync(this.statePath, 'utf8')) as { positions: { symbol: string; qty: number }[] };
    return new Map(state.positions.map((p) => [p.symbol, p.qty]));
  }
}
