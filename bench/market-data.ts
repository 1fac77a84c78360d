import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAlpacaClient } from '../src/broker/alpaca/client.js';
import { loadScenarioFile, startExchange } from '../src/exchange/index.js';
import { AlpacaMarketData } from '../src/market-data/alpaca/alpaca-market-data.js';
import { RateLimiter } from '../src/market-data/alpaca/rate-limiter.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const DATA = resolve(ROOT, '..', 'shared', 'data', 'sp500-2013-2018');
const CLOCK = '2018-02-07T10:30:00-05:00';
const TIME = '/usr/bin/time';

/** One whole `rebalance --dry-run` process. */
interface RunFigures {
  readonly wallMs: number;
  readonly peakRssMb: number | undefined;
  readonly requests: number | undefined;
  readonly cacheHits: number | undefined;
  readonly bars: number | undefined;
  /** The bars window, from the market-data log line: counts the bars when the report does not. */
  readonly window: { readonly start: string; readonly end: string } | undefined;
}

export interface Setup {
  readonly dir: string;
  readonly args: string[];
  /** The exchange, served by `rebalance exchange` in its own process, as Alpaca would be. */
  readonly baseUrl: string;
  readonly stop: () => void;
}

/** Starts `rebalance exchange --scenario` in the background and waits for its base URL. */
function serveExchange(dir: string): { baseUrl: string; stop: () => void } {
  const urlFile = join(dir, 'exchange-url.txt');
  const child = spawn(process.execPath, [CLI, 'exchange', '--scenario', 'scenario.json'], { cwd: dir, stdio: ['ignore', openSync(urlFile, 'w'), 'ignore'] });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const text = existsSync(urlFile) ? readFileSync(urlFile, 'utf8') : '';
    if (text.includes('\n')) return { baseUrl: text.trim(), stop: () => child.kill('SIGTERM') };
    spawnSync('sleep', ['0.05']);
  }
  child.kill('SIGKILL');
  throw new Error('the local exchange did not start within 60 s');
}

export function setUp(latencyMs: number): Setup {
  if (!existsSync(DATA)) throw new Error(`benchmark data missing: ${DATA} (../shared beside the checkout)`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-md-'));
  const symbols = readdirSync(DATA).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4));
  writeFileSync(join(dir, 'universe.txt'), symbols.join('\n'));
  const faults = latencyMs > 0 ? { faults: { latencyMs } } : {};
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ clock: CLOCK, dataDir: DATA, account: { cash: 100000 }, statePath: 'state.json', ...faults }));
  const args = ['--dry-run', '--regime', 'TREND_BULL', '--top-n', '20', '--universe', 'universe.txt', '--json'];
  const { baseUrl, stop } = serveExchange(dir);
  return { dir, args: [...args, '--audit-file', 'trail.csv'], baseUrl, stop };
}

const hasGnuTime = existsSync(TIME) && spawnSync(TIME, ['-f', '%M', '-o', '/dev/null', 'true']).status === 0;
// Without GNU time, the child reports its own peak RSS as it exits (main.js ends with process.exit).
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));",
)}`;

export function runOnce(setup: Setup, cacheDir: string, extraNodeArgs: string[] = []): RunFigures {
  const rssFile = join(setup.dir, 'rss.txt');
  rmSync(rssFile, { force: true });
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('APCA_'))),
    XDG_CACHE_HOME: cacheDir,
    BENCH_RSS_FILE: rssFile,
    // The tool talks to the exchange process exactly as it talks to Alpaca.
    APCA_API_KEY_ID: 'bench',
    APCA_API_SECRET_KEY: 'bench',
    APCA_API_BASE_URL: setup.baseUrl,
    APCA_API_DATA_URL: setup.baseUrl,
  };
  const node = [...extraNodeArgs, ...(hasGnuTime ? [] : ['--import', RSS_HOOK]), CLI, ...setup.args];
  const [command, argv] = hasGnuTime ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...node]] : [process.execPath, node];
  const started = process.hrtime.bigint();
  const run = spawnSync(command, argv, { cwd: setup.dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`dry run exited ${run.status}: ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 600)}`);
  const report = JSON.parse(run.stdout) as { data?: { requests?: number; cacheHits?: number; bars?: number } };
  const logLine = run.stderr.split('\n').find((l) => l.includes('"bars fetched"'));
  const log = logLine === undefined ? undefined : (JSON.parse(logLine) as { requests?: number; start?: string; end?: string });
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) : NaN;
  return {
    wallMs,
    // GNU time and maxRSS both report kilobytes on Linux.
    peakRssMb: Number.isFinite(rss) ? rss / 1024 : undefined,
    requests: report.data?.requests ?? log?.requests,
    cacheHits: report.data?.cacheHits,
    bars: report.data?.bars,
    window: log?.start !== undefined && log.end !== undefined ? { start: log.start, end: log.end } : undefined,
  };
}

/** Bars of the data set inside the window, when the report does not say. */
function barsInWindow(window: { start: string; end: string }): number {
  let count = 0;
  for (const file of readdirSync(DATA).filter((f) => f.endsWith('.csv'))) {
    for (const line of readFileSync(join(DATA, file), 'utf8').split('\n').slice(1)) {
      const date = line.slice(0, 10);
      if (date >= window.start && date <= window.end) count++;
    }
  }
  return count;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};
const mark = (value: number | undefined, limit: number): string => (value === undefined ? '?' : value <= limit ? 'ok' : 'MISSED');

function printRow(label: string, figures: readonly RunFigures[], targets: { wallMs: number; requests: number }): void {
  const wall = median(figures.map((f) => f.wallMs));
  const requests = figures[0]?.requests;
  const rss = Math.max(...figures.map((f) => f.peakRssMb ?? NaN));
  console.log(
    `  ${label.padEnd(22)} wall median ${wall.toFixed(0).padStart(5)} ms (target <= ${targets.wallMs}, ${mark(wall, targets.wallMs)})` +
      `  requests ${requests ?? '?'} (<= ${targets.requests}, ${mark(requests, targets.requests)})` +
      `  peak RSS ${Number.isFinite(rss) ? rss.toFixed(0) : '?'} MB (<= 300, ${mark(Number.isFinite(rss) ? rss : undefined, 300)})`,
  );
  console.log(`  ${''.padEnd(22)} runs: ${figures.map((f) => f.wallMs.toFixed(0)).join(', ')} ms; cache hits ${figures.map((f) => f.cacheHits ?? '?').join(', ')}`);
}

/** `runs` cold runs (each with an empty cache) and, when the cache works, `runs` warm runs on a primed one. */
function measureProcesses(runs: number): void {
  const plain = setUp(0);
  const slow = setUp(50);
  const cacheDirs: string[] = [];
  const freshCache = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-md-cache-'));
    cacheDirs.push(dir);
    return dir;
  };
  try {
    const cold = Array.from({ length: runs }, () => runOnce(plain, freshCache()));
    const first = cold[0];
    const totalBars = first?.bars ?? (first?.window === undefined ? undefined : barsInWindow(first.window));
    const coldBudget = totalBars === undefined ? NaN : 8 + Math.ceil(totalBars / 10_000);
    console.log(`  ${totalBars ?? '?'} bars in the window ${first?.window?.start ?? '?'} .. ${first?.window?.end ?? '?'}; request budget cold 8 + ceil(bars / 10000) = ${coldBudget}, warm 8`);
    printRow('cold cache', cold, { wallMs: 2000, requests: coldBudget });
    const warmDir = freshCache();
    const primed = runOnce(plain, warmDir);
    if (primed.cacheHits === undefined) {
      console.log('  warm cache             skipped: the report has no data.cacheHits yet (cache not wired)');
    } else {
      printRow('warm cache', Array.from({ length: runs }, () => runOnce(plain, warmDir)), { wallMs: 600, requests: 8 });
    }
    printRow('cold, latency 50 ms', Array.from({ length: runs }, () => runOnce(slow, freshCache())), { wallMs: 3000, requests: coldBudget });
  } finally {
    plain.stop();
    slow.stop();
    for (const dir of [plain.dir, slow.dir, ...cacheDirs]) rmSync(dir, { recursive: true, force: true });
  }
}

/** The fetch alone, in this process: the adapter's batches against one request per symbol (the naive way). */
async function measureFetchOnly(): Promise<void> {
  const setup = setUp(0);
  setup.stop();
  try {
    const loaded = await loadScenarioFile(join(setup.dir, 'scenario.json'));
    if (!loaded.ok) throw new Error(loaded.error.join('; '));
    const { statePath: _inMemory, ...scenario } = loaded.value;
    const exchange = await startExchange({ scenario });
    const symbols = [...scenario.bars.keys()];
    const window = { start: '2017-01-24', end: '2018-02-07' };
    try {
      const client = createAlpacaClient({ keyId: 'bench', secretKey: 'bench', venue: 'local', tradingBaseUrl: exchange.baseUrl, dataBaseUrl: exchange.baseUrl, retry: false, rateLimit: false });
      // Batched first: the exchange reports 200 requests a minute, and the naive run spends all of them.
      const batched: { ms: number; requests: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const adapter = new AlpacaMarketData(client, { rateLimiter: new RateLimiter() });
        const started = performance.now();
        const result = await adapter.getDailyBars({ symbols, ...window, adjustment: 'split', feed: 'iex' });
        batched.push({ ms: performance.now() - started, requests: result.requests });
      }
      const started = performance.now();
      const naive = await client.countRequests(async () => {
        for (const symbol of symbols) {
          let pageToken: string | undefined;
          do {
            // Midnight in New York (EST in January and February), the instants daily bars are stamped with.
            const page = await client.sdk.marketData.stocks.stockBars({
              symbols: symbol, timeframe: '1Day', start: new Date(`${window.start}T05:00:00Z`), end: new Date(`${window.end}T05:00:00Z`),
              limit: 10_000, adjustment: 'split', feed: 'iex', ...(pageToken === undefined ? {} : { pageToken }),
            });
            pageToken = page.nextPageToken ?? undefined;
          } while (pageToken !== undefined && pageToken !== '');
        }
      });
      const naiveMs = performance.now() - started;
      console.log(`  fetch only, in-process (${symbols.length} symbols, ${window.start} .. ${window.end}, no latency):`);
      console.log(`    batched adapter        median ${median(batched.map((b) => b.ms)).toFixed(0)} ms, ${batched[0]?.requests} requests  (runs: ${batched.map((b) => b.ms.toFixed(0)).join(', ')})`);
      const naiveWaitS = (Math.max(0, naive.requests - 200) / 200) * 60;
      console.log(`    naive, 1 per symbol    ${naiveMs.toFixed(0)} ms, ${naive.requests} requests; at Alpaca's 200/min it would also wait ${naiveWaitS.toFixed(0)} s for the rate limit`);
      const batchedMs = median(batched.map((b) => b.ms));
      const batchedRequests = batched[0]?.requests ?? NaN;
      console.log(
        `    ratio naive / batched: ${(naiveMs / batchedMs).toFixed(1)}x the time here, ${(naive.requests / batchedRequests).toFixed(1)}x the requests, ` +
          `${((naiveMs + naiveWaitS * 1000) / batchedMs).toFixed(0)}x the time at Alpaca's rate limit`,
      );
    } finally {
      await exchange.close();
    }
  } finally {
    rmSync(setup.dir, { recursive: true, force: true });
  }
}

/** BENCH_PROFILE=1: one cold run under --cpu-prof, self time grouped by where the code lives. */
function profileColdRun(): void {
  const setup = setUp(0);
  process.on('exit', () => setup.stop());
  const profDir = join(setup.dir, 'prof');
  try {
    runOnce(setup, mkdtempSync(join(setup.dir, 'cache-')), ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
    const file = readdirSync(profDir)[0];
    if (file === undefined) return;
    const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as {
      nodes: { id: number; callFrame: { functionName: string; url: string } }[];
      samples: number[];
      timeDeltas: number[];
    };
    const where = new Map(profile.nodes.map((n) => [n.id, placeOf(n.callFrame)]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const place = where.get(id) ?? '?';
      self.set(place, (self.get(place) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log('  cold run CPU profile, self time by place (top 12):');
    for (const [place, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${place}`);
  } finally {
    rmSync(setup.dir, { recursive: true, force: true });
  }
}

function placeOf(frame: { functionName: string; url: string }): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return `npm ${pkg[1]}`;
  // dist/ is one bundle of src/ with zod, the SDK and date-fns-tz: its chunks do not map back to src files.
  const own = /\/dist\/(.+\.js)$/.exec(frame.url);
  if (own) return `bundle dist/${own[1]} (src/ + bundled packages)`;
  if (frame.url.startsWith('node:')) return 'node internals (module loading, fs, http)';
  return frame.url === '' ? frame.functionName || '(native)' : frame.url;
}

export async function benchMarketData(runs = 5): Promise<void> {
  console.log(`\nmarket data (local exchange, sp500-2013-2018: 505 symbols, clock ${CLOCK}, dry run --top-n 20, ${runs} runs each, whole processes)`);
  console.log(`  peak RSS from ${hasGnuTime ? 'GNU time -f %M' : "the child's process.resourceUsage().maxRSS"}`);
  measureProcesses(runs);
  await measureFetchOnly();
  if (process.env['BENCH_PROFILE'] === '1') profileColdRun();
}
