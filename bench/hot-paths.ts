import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Asset, Bar } from '../src/domain/index.js';
import { parseDailyBarsCsv } from '../src/exchange/csv-bars.js';
import { loadBarsDirectory } from '../src/exchange/bars-dir.js';
import { checkBarQuality, DEFAULT_QUALITY_LIMITS } from '../src/market-data/quality/index.js';
import { parseCloseHistory } from '../src/regime/inputs/close-history.js';
import { parseVixCsv } from '../src/regime/inputs/vix-csv.js';
import { scanMomentum52w } from '../src/scanner/momentum52w.js';

// Times the backtest's hot paths on the real S&P 500 data, in process; the digests prove results did not change
// (compare them before and after a change). Run: node --import tsx bench/hot-paths.ts (REPEAT=n: best of n).
const DATA = resolve(import.meta.dirname, '..', '..', 'shared', 'data');
const SP500 = join(DATA, 'sp500-2013-2018');
const REPEAT = Number(process.env.REPEAT ?? 5);
const CALLS = 100;
const WINDOW = 260;

/** A short hash of a value, fed item by item: the whole run's results do not fit one JSON string. */
function digest(value: unknown): string {
  const hash = createHash('sha256');
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) hash.update(JSON.stringify(item, (_k, v: unknown) => (v instanceof Map ? [...v] : v)));
  return hash.digest('hex').slice(0, 12);
}

/** Best of REPEAT runs, in ms. */
function time<T>(fn: () => T): { ms: number; value: T } {
  let best = Infinity;
  let value: T | undefined;
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, value: value as T };
}

const report = (name: string, ms: number, d: string): void => console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  digest ${d}`);

const files = readdirSync(SP500).filter((f) => f.endsWith('.csv')).sort();
const texts = files.map((f) => ({ path: join(SP500, f), text: readFileSync(join(SP500, f), 'utf8') }));
const parse = time(() => texts.map(({ text, path }) => parseDailyBarsCsv(text, path)));
report(`parseDailyBarsCsv ×${files.length}`, parse.ms, digest(parse.value));

const t0 = performance.now();

const loaded = await loadBarsDirectory(SP500);
report('loadBarsDirectory (I/O + parse)', performance.now() - t0, digest(loaded));
if (!loaded.ok) throw new Error(loaded.error.join('\n'));
const all = loaded.value;

const spy = readFileSync(join(DATA, 'daily', 'SPY.csv'), 'utf8');
const vix = readFileSync(join(DATA, 'daily', 'VIX.csv'), 'utf8');
const dated = time(() => [parseCloseHistory(spy, 'SPY.csv'), parseVixCsv(vix, 'VIX.csv')]);
report('parseDatedSeries SPY+VIX', dated.ms, digest(dated.value));
const adjDir = join(DATA, 'adjclose');
const adjTexts = readdirSync(adjDir).sort().map((f) => readFileSync(join(adjDir, f), 'utf8'));
const adjusted = time(() => adjTexts.map((text) => parseCloseHistory(text, 'adj.csv')));
report(`parseDatedSeries adjclose ×${adjTexts.length}`, adjusted.ms, digest(adjusted.value));

// ~100 rebalance days across the data, each with every symbol's last 260 bars, as readSnapshot asks.
const sessions = [...new Set([...all.values()].flatMap((bars) => bars.map((b) => b.date)))].sort();
const ends = Array.from({ length: CALLS }, (_, i) => sessions[WINDOW + Math.floor((i * (sessions.length - WINDOW - 1)) / CALLS)] as string);
const windows = ends.map((end) => {
  const bars = new Map<string, readonly Bar[]>();
  for (const [symbol, series] of all) {
    let n = series.length;
    while (n > 0 && (series[n - 1] as Bar).date > end) n--;
    bars.set(symbol, series.slice(Math.max(0, n - WINDOW), n));
  }
  const endIndex = sessions.indexOf(end);
  return { end, bars, tradingDays: sessions.slice(endIndex - WINDOW + 1, endIndex), previous: sessions[endIndex - 1] as string };
});

const quality = time(() =>
  windows.map((w) =>
    checkBarQuality(w.bars, { ...DEFAULT_QUALITY_LIMITS, tradingDays: w.tradingDays, previousTradingDay: w.previous, lookbackDays: 252 }),
  ),
);
// Clean series are the input arrays themselves: their symbols say everything.
report(`checkBarQuality ×${CALLS}`, quality.ms, digest(quality.value.map((q) => ({ clean: [...q.clean.keys()], excluded: q.excluded }))));

const assets = new Map<string, Asset>([...all.keys()].map((s) => [s, { symbol: s, status: 'active', tradable: true, fractionable: true }]));
const universe = [...all.keys()];
const config = { lookbackDays: 252, minHistoryDays: 252, minMomentum: 0.9, highSource: 'close', minPrice: 5 } as const;
const scan = time(() => windows.map((w) => scanMomentum52w({ universe, bars: w.bars, assets, topN: 20, config })));
report(`scanMomentum52w ×${CALLS}`, scan.ms, digest(scan.value));
