/**
 * A backtest: checks the request, loads the history, replays the cron job (and, for comparison, the same strategy
 * with the regime forced to TREND_BULL), runs the SPY and equal-weight benchmarks on the same days, data and costs,
 * and computes every figure with the one metrics module.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { CommandContext } from '../app/compose.js';
import { loadConfigFor, marketDataFor, cacheDirOf } from '../app/compose.js';
import { vixCloses } from '../app/regime-step.js';
import { chooseBroker } from '../app/broker-choice.js';
import { openSession } from '../app/session.js';
import type { RunInputs } from '../app/run-inputs.js';
import type { Config } from '../config/schema.js';
import { resolveUniverse } from '../config/universe.js';
import { configSchema } from '../config/schema.js';
import { err, ok, REGIMES, type Bar, type Regime, type Result, type SizingMode } from '../domain/index.js';
import { sessionsBetween } from '../exchange/calendar/index.js';
import { detectRegimes, type RegimeDay } from '../regime/detector.js';
import { regimeConfigOf } from '../app/regime-step.js';
import type { ScheduleKind } from '../schedule/rebalance-schedule.js';
import { addDays, isIsoDate } from '../time/calendar-date.js';
import { calendarDaysFor } from '../time/trading-date.js';
import { dailyReturns, drawdownSeries, monthlyReturns, returnMetrics, rollingSharpe, yearlyReturns } from '../metrics/performance.js';
import { loadDataDir, regimeCloses, type BacktestData } from './backtest-data.js';
import type { DailyClose } from '../regime/inputs/index.js';
import { equalWeightCurve, spyCurve } from './benchmarks.js';
import { replay, type Replay } from './replay.js';
import type { FillRules } from './sim-broker.js';
import type { BacktestMetrics, BacktestRun, BacktestSummary, EquityPoint, TradingMetrics } from './types.js';

export interface BacktestRequest {
  readonly from: string;
  readonly to: string;
  readonly universe?: string;
  readonly topN?: number;
  readonly schedule?: ScheduleKind;
  readonly regime?: Regime;
  readonly sizing?: SizingMode;
  readonly capital?: number;
  readonly configFile?: string;
  readonly dataDir?: string;
  /** Adjusted closes for dividends; default: DATA_DIR/adjclose when it exists. */
  readonly adjDir?: string;
  readonly scenario?: string;
  readonly noCache?: boolean;
  /** Config keys by dotted path ("exposure.policy": "regime"), over the config file and the flags: a sweep's parameters. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** Run the always-bull, SPY and equal-weight benchmarks (default true; a sweep's runs leave them out). */
  readonly benchmarks?: boolean;
}

/** A bad request or unusable data: exit 2, with every reason. */
export type BacktestResult = Result<BacktestRun>;

export async function runBacktest(request: BacktestRequest, context: CommandContext, onProgress?: (done: number, total: number) => void): Promise<BacktestResult> {
  const problems: string[] = [];
  if (!isIsoDate(request.from)) problems.push(`--from "${request.from}" is not a date (YYYY-MM-DD)`);
  if (!isIsoDate(request.to)) problems.push(`--to "${request.to}" is not a date (YYYY-MM-DD)`);
  if (problems.length === 0 && request.from > request.to) problems.push(`--from ${request.from} is after --to ${request.to}`);
  if (request.dataDir !== undefined && request.scenario !== undefined) problems.push('give --data-dir or --scenario, not both');
  if (request.adjDir !== undefined && request.dataDir === undefined) problems.push('--adj-dir goes with --data-dir');
  if (request.capital !== undefined && !(request.capital > 0)) problems.push(`--capital must be a positive amount, got ${request.capital}`);
  if (problems.length > 0) return err(problems);
  const loadedConfig = loadConfigFor(request.configFile, context);
  if (!loadedConfig.ok) return loadedConfig;
  const flagged: Config = {
    ...loadedConfig.value,
    topN: request.topN ?? loadedConfig.value.topN,
    schedule: request.schedule ?? loadedConfig.value.schedule,
    sizing: { ...loadedConfig.value.sizing, mode: request.sizing ?? loadedConfig.value.sizing.mode },
  };
  const overridden = withOverrides(flagged, request.overrides ?? {});
  if (!overridden.ok) return overridden;
  const config = overridden.value;
  const calendar = sessionsBetween(request.from, request.to).map((s) => s.date);
  if (calendar.length === 0) return err([`no trading session between ${request.from} and ${request.to}`]);
  const universeSpec = request.universe ?? config.universe;
  const allSymbols = universeSpec === 'all';
  if (allSymbols && request.dataDir === undefined) return err(['--universe all needs --data-dir (every symbol of the folder)']);
  const universe = allSymbols ? ok({ name: 'all', symbols: [] as string[] }) : resolveUniverse(universeSpec, context.paths.universesDir, context.cwd);
  if (!universe.ok) return universe;

  const lookbackStart = addDays(request.from, -calendarDaysFor(Math.max(config.scanner.lookbackDays, config.scanner.minHistoryDays)));
  const loaded = await loadHistory(request, config, universe.value.symbols, lookbackStart, context);
  if (!loaded.ok) return loaded;
  const { data, vix } = loaded.value;
  const indexSymbols = new Set([config.regime.symbol, 'VIX']);
  const symbols = allSymbols ? [...data.bars.keys()].filter((s) => !indexSymbols.has(s)).sort() : universe.value.symbols;
  // A name the data does not have at all is a mistake in the universe; one listed (or delisted) outside the span is
  // history: the scanner passes it over while it has too little data, and a note says so.
  const missing = symbols.filter((s) => (data.bars.get(s)?.length ?? 0) === 0);
  if (missing.length > 0) {
    const where = request.dataDir === undefined ? `between ${lookbackStart} (the scanner's lookback before --from) and ${request.to}` : 'at all';
    return err([`no bars ${where} for ${missing.length} symbol(s) of the universe: ${missing.join(', ')}`]);
  }
  const outside = symbols.filter((s) => !hasBarsIn(data.bars.get(s), lookbackStart, request.to));
  if (!symbols.some((s) => hasBarsIn(data.bars.get(s), request.from, request.to))) return err([`no bars of the universe between ${request.from} and ${request.to}`]);
  // A data set that ends before --to ends the backtest there, said aloud: holding stale prices would fake a flat line.
  const dataEnd = symbols.reduce((latest, s) => {
    const last = data.bars.get(s)?.at(-1)?.date ?? '';
    return last > latest ? last : latest;
  }, '');
  const sessions = calendar.filter((d) => d <= dataEnd);
  const notes = [
    ...(sessions.length < calendar.length ? [`the universe's bars end on ${dataEnd}: the backtest stops there (asked --to ${request.to})`] : []),
    ...(outside.length > 0
      ? [`${outside.length} symbol(s) have no bars from ${lookbackStart} (the scanner's lookback) to ${request.to}, so they were never candidates: ${outside.map((s) => `${s} (${data.bars.get(s)?.[0]?.date} .. ${data.bars.get(s)?.at(-1)?.date})`).join(', ')}`]
      : []),
  ];

  const closes = regimeCloses(data, config, context.cwd);
  if (!closes.ok) return closes;
  const throughTo = closes.value.filter((c) => c.date <= request.to);
  const regimeByDate = regimeSeries(throughTo, vix.closes, config);
  if (request.regime === undefined) {
    const before = sessionsBetween(addDays(request.from, -10), addDays(request.from, -1)).at(-1)?.date;
    const label = before === undefined ? undefined : regimeByDate.get(before)?.regime;
    if (label === undefined || label === 'UNKNOWN') {
      return err([
        `regime undeterminable on ${request.from}: ${throughTo.length} ${config.regime.symbol} closes (from ${throughTo[0]?.date ?? 'none'}) do not reach far enough back ` +
          'for the detector (warm-up plus 1000 training days); set regime.historyFile in a --config file for older closes, or give --regime',
      ]);
    }
  }

  const inputsFor = (regimeOverride: Regime | undefined): RunInputs => ({
    config,
    universe: { name: allSymbols ? `all (${symbols.length} symbols of the data folder)` : universe.value.name, symbols },
    ...(regimeOverride !== undefined ? { regimeOverride } : {}),
    choice: { kind: 'local', venue: 'local' },
    mode: 'local',
    auditPath: '',
    lockPath: '',
    accountKey: 'backtest',
  });
  const fills: FillRules = { fillPrice: config.backtest.fillPrice, slippageBps: config.backtest.slippageBps, commission: config.backtest.commission };
  const capital = request.capital ?? config.backtest.capital;
  const settings = { sessions, capital, fills, runTime: config.backtest.runTime, regimeByDate, vixNote: vix.note };
  const total = sessions.length * (request.benchmarks === false ? 1 : 2);
  const strategy = await replay({ ...settings, inputs: inputsFor(request.regime) }, data, context, (done) => onProgress?.(done, total));
  const withBenchmarks = request.benchmarks !== false;
  const alwaysBull = withBenchmarks ? await replay({ ...settings, inputs: inputsFor('TREND_BULL') }, data, context, (done) => onProgress?.(sessions.length + done, total)) : null;
  // Without the index's bars in the data (a folder of stocks only), SPY buy-and-hold follows the detector's closes.
  const spyHistory = data.bars.has(config.regime.symbol) ? data : { bars: new Map([[config.regime.symbol, closesAsBars(closes.value)]]), adjClose: new Map() };
  const spy = withBenchmarks ? spyCurve(sessions, spyHistory, config.regime.symbol, capital, fills) : null;
  const equalWeight = withBenchmarks ? equalWeightCurve(sessions, data, symbols, config.schedule, capital, fills) : null;

  const riskFree = config.backtest.riskFree;
  const metricsOf = (values: readonly number[], trading: TradingMetrics): BacktestMetrics => ({ ...returnMetrics(sessions, values, { riskFree }), ...trading });
  const strategyValues = strategy.days.map((d) => d.equity);
  const equity: EquityPoint[] = strategy.days.map((d, i) => ({
    date: d.date,
    equity: d.equity,
    cash: d.cash,
    invested: d.invested,
    exposure: d.equity > 0 ? d.invested / d.equity : 0,
    regime: d.regime,
    spy: spy?.values[i] ?? null,
    alwaysBull: alwaysBull?.days[i]?.equity ?? null,
    equalWeight: equalWeight?.values[i] ?? null,
  }));
  const spyYears = spy === null ? new Map<number, number>() : new Map(yearlyReturns(sessions, spy.values).map((y) => [y.year, y.return]));
  const regimeDays = Object.fromEntries(REGIMES.map((r) => [r, strategy.days.filter((d) => d.regime === r).length])) as Record<Regime, number>;
  const summary: BacktestSummary = {
    from: sessions[0] as string,
    to: sessions[sessions.length - 1] as string,
    days: sessions.length,
    config: { ...config, universe: inputsFor(undefined).universe.name, capital, ...(request.regime !== undefined ? { regimeForced: request.regime } : {}) },
    dataSource: data.source,
    // Total only when every name's dividends are known: a partly credited universe is still a price return.
    returns: symbols.every((s) => data.adjClose.has(s)) ? 'total' : 'price',
    metrics: metricsOf(strategyValues, tradingMetrics(strategy, capital)),
    benchmarks: {
      spy: spy === null ? null : metricsOf(spy.values, spy.trading),
      alwaysBull: alwaysBull === null ? null : metricsOf(alwaysBull.days.map((d) => d.equity), tradingMetrics(alwaysBull, capital)),
      equalWeight: equalWeight === null ? null : metricsOf(equalWeight.values, equalWeight.trading),
    },
    regimeDays,
    notes,
    years: yearlyReturns(sessions, strategyValues).map((y) => ({ year: y.year, return: y.return, spy: spyYears.get(y.year) ?? null })),
  };
  return ok({
    summary,
    equity,
    fills: strategy.fills,
    charts: { drawdown: drawdownSeries(strategyValues), monthly: monthlyReturns(sessions, strategyValues), rollingSharpe: rollingSharpe(strategyValues, 252, { riskFree }) },
    shortfalls: strategy.shortfalls,
  });
}

function tradingMetrics(run: Replay, capital: number): TradingMetrics {
  const years = Math.max(dailyReturns(run.days.map((d) => d.equity)).length, 1) / 252;
  const avgEquity = run.days.reduce((s, d) => s + d.equity, 0) / Math.max(run.days.length, 1) || capital;
  return {
    turnoverPerYear: run.traded / 2 / avgEquity / years,
    orders: run.fills.length,
    costs: run.costs,
    dividends: run.dividends,
    avgExposure: run.days.reduce((s, d) => s + (d.equity > 0 ? d.invested / d.equity : 0), 0) / Math.max(run.days.length, 1),
  };
}

/**
 * Config keys set by dotted path, then checked against the schema like a config file: an unknown key or a bad value
 * is bad input naming the key.
 */
export function withOverrides(config: Config, overrides: Readonly<Record<string, unknown>>): Result<Config> {
  if (Object.keys(overrides).length === 0) return ok(config);
  const copy = structuredClone(config) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(overrides)) {
    const keys = path.split('.');
    let node = copy;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) return err([`unknown config key "${path}"`]);
      node = next as Record<string, unknown>;
    }
    node[keys[keys.length - 1] as string] = value;
  }
  const parsed = configSchema.safeParse(copy);
  if (!parsed.success) return err(parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`));
  return ok(parsed.data);
}

// One detector pass per index history and regime settings, kept for the process: a sweep's runs in one worker
// share it. Computing it over the history through --to gives each day the label it had then (detectRegimes labels
// a day from closes up to it only), which the no-look-ahead test holds the replay to.
const regimeMemo = new Map<string, ReadonlyMap<string, RegimeDay>>();

function regimeSeries(closes: readonly DailyClose[], vix: ReadonlyMap<string, number> | null, config: Config): ReadonlyMap<string, RegimeDay> {
  // Keyed by a digest of every close and VIX value: a memo must never hand one history's labels to another.
  const digest = createHash('sha256');
  for (const c of closes) digest.update(`${c.date}:${c.close};`);
  for (const [date, value] of vix ?? []) digest.update(`${date}=${value};`);
  const key = `${digest.digest('hex')}|${JSON.stringify(regimeConfigOf(config))}`;
  let series = regimeMemo.get(key);
  if (series === undefined) {
    series = new Map(detectRegimes(closes, vix, regimeConfigOf(config)).map((day) => [day.date, day]));
    if (regimeMemo.size > 16) regimeMemo.clear();
    regimeMemo.set(key, series);
  }
  return series;
}

function closesAsBars(closes: readonly { readonly date: string; readonly close: number }[]): Bar[] {
  return closes.map(({ date, close }) => ({ date, open: close, high: close, low: close, close, volume: 0 }));
}

function hasBarsIn(bars: readonly Bar[] | undefined, from: string, to: string): boolean {
  return bars !== undefined && bars.some((b) => b.date >= from && b.date <= to);
}

interface History {
  readonly data: BacktestData;
  readonly vix: { readonly closes: ReadonlyMap<string, number> | null; readonly note: string };
}

// A data folder read once per process: a sweep's runs in one worker all replay the same history.
const dataDirMemo = new Map<string, Promise<Result<BacktestData>>>();

function loadDataDirOnce(dir: string, symbols: readonly string[] | 'all', adjDir: string | undefined): Promise<Result<BacktestData>> {
  const key = JSON.stringify([dir, symbols, adjDir]);
  let loading = dataDirMemo.get(key);
  if (loading === undefined) {
    loading = loadDataDir(dir, symbols, adjDir);
    if (dataDirMemo.size > 4) dataDirMemo.clear();
    dataDirMemo.set(key, loading);
  }
  return loading;
}

async function loadHistory(request: BacktestRequest, config: Config, symbols: readonly string[], start: string, context: CommandContext): Promise<Result<History>> {
  const indexSymbols = [config.regime.symbol, 'VIX'];
  if (request.dataDir !== undefined) {
    const dir = resolve(context.cwd, request.dataDir);
    const adjDir = request.adjDir === undefined ? undefined : resolve(context.cwd, request.adjDir);
    const loaded = await loadDataDirOnce(dir, symbols.length === 0 ? 'all' : [...symbols, ...indexSymbols], adjDir);
    if (!loaded.ok) return loaded;
    const vixBars = loaded.value.bars.get('VIX');
    const vix =
      vixBars !== undefined
        ? { closes: new Map(vixBars.map((b) => [b.date, b.close])), note: 'VIX from VIX.csv of the data folder' }
        : config.regime.vix === 'auto'
          ? { closes: null, note: 'VIX triggers off: no VIX.csv in the data folder' }
          : await vixCloses({ config, cwd: context.cwd, cacheDir: cacheDirOf(config, context), now: context.now(), fetchImpl: context.fetchImpl });
    return ok({ data: loaded.value, vix });
  }
  // The same market-data path as a live run: the local exchange (demo or scenario) or Alpaca, through the bar cache.
  const choice = chooseBroker(context.env, request.scenario);
  if (!choice.ok) return choice;
  const opened = await openSession(choice.value, context.cwd, context.logger, resolve(context.cwd, config.audit.path), { requestsPerMinute: config.data.requestsPerMinute });
  if (!opened.ok) return opened;
  const session = opened.value;
  try {
    const clock = await session.broker.getClock();
    const marketData = marketDataFor(session, config, context, { noCache: request.noCache === true });
    const local = session.kind === 'local';
    const fetched = await marketData.getDailyBars({ symbols, start, end: request.to, adjustment: config.data.adjustment, feed: config.data.feed, brokerTime: clock.timestamp });
    const index = await marketData.getDailyBars({
      symbols: local ? indexSymbols : [config.regime.symbol],
      start: '1990-01-01',
      end: request.to,
      adjustment: config.regime.adjustment,
      feed: config.data.feed,
      brokerTime: clock.timestamp,
    });
    const bars = new Map(fetched.bars);
    const indexBars = index.bars.get(config.regime.symbol);
    // The detector reads the index with its own adjustment; the equal-weight and SPY benchmarks read the same closes.
    if (indexBars !== undefined) bars.set(config.regime.symbol, indexBars);
    const vixBars = index.bars.get('VIX');
    const vix = local
      ? vixBars !== undefined
        ? { closes: new Map(vixBars.map((b) => [b.date, b.close])), note: 'VIX from the local exchange' }
        : { closes: null, note: 'VIX triggers off: the local exchange has no VIX data' }
      : await vixCloses({ config, cwd: context.cwd, cacheDir: cacheDirOf(config, context), now: context.now(), fetchImpl: context.fetchImpl });
    return ok({ data: { bars, adjClose: new Map(), source: session.detail }, vix });
  } finally {
    await session.close();
  }
}
