import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { err, ok, REGIMES, type MarketClock, type Regime, type Result } from '../domain/index.js';
import type { MarketData } from '../market-data/port.js';
import { detectRegimes, DEFAULT_REGIME_CONFIG, type RegimeConfig, type RegimeDay } from '../regime/detector.js';
import { CBOE_VIX_URL, loadVix, mergeCloses, readCloseHistory, type VixSource } from '../regime/inputs/index.js';
import { newYorkDateOfTimestamp } from '../time/trading-date.js';
import type { RegimeInputs } from './report.js';
import type { TradingDays } from './trading-days.js';
import { checkBarQuality, DEFAULT_QUALITY_LIMITS } from '../market-data/quality/index.js';

export interface DetectedRegime {
  readonly regime: Regime;
  /** The latest completed trading day and everything the detector knew about it. */
  readonly day: RegimeDay;
  readonly history: readonly RegimeDay[];
  /** Where the VIX closes came from, or why the VIX triggers are off. */
  readonly vix: { readonly used: boolean; readonly note: string };
  readonly closes: number;
}

export interface RegimeSources {
  readonly marketData: MarketData;
  readonly clock: MarketClock;
  readonly days: TradingDays;
  readonly config: Config;
  readonly cwd: string;
  readonly cacheDir: string;
  readonly now: Date;
  readonly fetchImpl: typeof fetch;
  readonly brokerKind: 'local' | 'alpaca';
  /** Classify this date (YYYY-MM-DD) instead of the latest completed trading day. */
  readonly asOf?: string;
}

/** The regime of the latest completed trading day, from the index's closes (broker bars over any history file) and VIX. */
export async function detectCurrentRegime(sources: RegimeSources): Promise<Result<DetectedRegime>> {
  const { config } = sources;
  const settings = config.regime;
  const through = sources.asOf ?? sources.days.lastCompleted;
  if (through === undefined) return err(['regime undeterminable: the broker\'s calendar has no completed trading day']);
  // On the local exchange "auto" reads VIX like any symbol of the scenario's data (no download).
  const localVix = settings.vix === 'auto' && sources.brokerKind === 'local';
  const fetched = await sources.marketData.getDailyBars({
    symbols: localVix ? [settings.symbol, 'VIX'] : [settings.symbol],
    start: '1990-01-01',
    end: newYorkDateOfTimestamp(sources.clock.timestamp),
    adjustment: settings.adjustment,
    feed: config.data.feed,
    brokerTime: sources.clock.timestamp,
  });
  const indexBars = fetched.bars.get(settings.symbol) ?? [];
  // The index passes the same data-quality gate as the stocks, over its last year: bad bars must not name a regime.
  if (indexBars.length > 0 && sources.asOf === undefined) {
    const recent = new Map([[settings.symbol, indexBars.slice(-260)]]);
    const lookback = sources.days.sessions.filter((d) => d >= (indexBars[Math.max(0, indexBars.length - 252)]?.date ?? '') && d <= (sources.days.previous ?? through));
    const checked = checkBarQuality(recent, {
      ...DEFAULT_QUALITY_LIMITS,
      tradingDays: lookback,
      previousTradingDay: sources.days.previous ?? through,
      lookbackDays: 252,
    });
    const problem = checked.excluded[0];
    if (problem !== undefined) return err([`regime undeterminable: ${settings.symbol} bars rejected by the data-quality gate: ${problem.reason}`]);
  }
  const brokerCloses = indexBars.map((b) => ({ date: b.date, close: b.close }));
  let closes = brokerCloses;
  if (settings.historyFile !== undefined) {
    const history = readCloseHistory(resolve(sources.cwd, settings.historyFile));
    if (!history.ok) return err(history.error.map((e) => `regime: ${e}`));
    closes = mergeCloses(history.value, brokerCloses);
  }
  closes = closes.filter((c) => c.date <= through);
  if (closes.length === 0) return err([`regime undeterminable: no ${settings.symbol} closes on or before ${through}`]);
  const bad = closes.find((c) => !Number.isFinite(c.close) || c.close <= 0);
  if (bad !== undefined) return err([`regime undeterminable: ${settings.symbol} close ${bad.close} on ${bad.date} is not a positive price`]);

  const localVixBars = fetched.bars.get('VIX');
  const vix = localVix
    ? localVixBars !== undefined && localVixBars.length > 0
      ? { closes: new Map(localVixBars.map((b) => [b.date, b.close])), note: 'VIX from the local exchange (VIX.csv of its data)' }
      : { closes: null, note: 'VIX triggers off: the local exchange has no VIX data' }
    : await vixCloses(sources);
  const history = detectRegimes(closes, vix.closes, regimeConfigOf(config));
  const day = history[history.length - 1];
  if (day === undefined || day.regime === 'UNKNOWN') {
    return err([
      `regime undeterminable for ${through}: ${closes.length} ${settings.symbol} closes (from ${closes[0]?.date}); ` +
        `the detector needs ${DEFAULT_REGIME_CONFIG.warmupDays} warm-up days plus at least 1000 training days before a refit date ` +
        '(set regime.historyFile for older closes, or give --regime)',
    ]);
  }
  const regime = REGIMES.find((r) => r === day.regime);
  if (regime === undefined) return err([`regime undeterminable: unexpected label ${day.regime}`]);
  return ok({ regime, day, history, vix: { used: vix.closes !== null, note: vix.note }, closes: closes.length });
}

export function regimeConfigOf(config: Config): RegimeConfig {
  const r = config.regime;
  return {
    ...DEFAULT_REGIME_CONFIG,
    lambda: r.lambda,
    trainingDays: r.trainingDays,
    vixCrash: r.vixCrash,
    vixSpikeFloor: r.vixSpikeFloor,
    vixSpike1d: r.vixSpike1d,
    vixSpike3d: r.vixSpike3d,
    vixCalm: r.vixCalm,
    ddCrash: r.ddCrash,
    ddCalm: r.ddCalm,
    r5Crash: r.r5Crash,
    drawdownCrash: r.drawdownCrash,
    calmDays: r.calmDays,
  };
}

/** VIX closes as a live run reads them (file, URL or CBOE's download, cached), or why the VIX triggers are off. */
export async function vixCloses(sources: Pick<RegimeSources, 'config' | 'cwd' | 'cacheDir' | 'now' | 'fetchImpl'>): Promise<{ closes: ReadonlyMap<string, number> | null; note: string }> {
  const setting = sources.config.regime.vix;
  let source: VixSource | undefined;
  if (setting === null) return { closes: null, note: 'VIX triggers off (regime.vix is null)' };
  if (setting === 'auto') {
    source = { url: CBOE_VIX_URL };
  } else {
    source = 'file' in setting ? { file: resolve(sources.cwd, setting.file) } : setting;
  }
  const loaded = await loadVix(source, { cacheDir: sources.cacheDir, now: sources.now, fetchImpl: sources.fetchImpl });
  if ('unavailable' in loaded) return { closes: null, note: `VIX triggers off: ${loaded.unavailable}` };
  return { closes: loaded.closes, note: loaded.detail };
}

/** The detector's inputs on the day it classified, for the report. */
export function currentInputs(day: RegimeDay, vixSource: string): RegimeInputs {
  return {
    date: day.date,
    regime: day.regime,
    jm: day.jm,
    evidence: day.evidence,
    features: day.features,
    ddAnnualized: day.ddAnnualized,
    sma50: day.sma50,
    sma200: day.sma200,
    trendUp: day.trendUp,
    vix: day.vix,
    vixSource,
    triggers: day.triggers,
    inCrash: day.inCrash,
    calmDays: day.calmDays,
    refitDate: day.refitDate,
    lambda: day.lambda,
  };
}
