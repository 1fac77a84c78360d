import { classifyDay, crashTriggers, isTrendUp, nextCrashState, NO_CRASH, type CrashInputs } from './classifier.js';
import { DEFAULT_REGIME_CONFIG, type RegimeConfig } from './config.js';
import { computeFeatures, FEATURE_COUNT, type FeatureSeries } from './features.js';
import { JM_BEAR, JM_NONE, labelOnline, refitIndices } from './online.js';
import { drawdownFromHigh, simpleMovingAverage, trailingReturn } from './price-stats.js';
import { trainRegimeModel, usableRowIndices, type RegimeModel } from './regime-model.js';
import type { DailyClose, RegimeDay } from './types.js';

export { DEFAULT_REGIME_CONFIG, type RegimeConfig } from './config.js';
export type { CrashTrigger, DailyClose, JmState, RegimeDay, RegimeFeatures, RegimeLabel } from './types.js';

const SQRT_252 = Math.sqrt(252);
const FAST_SMA_DAYS = 50;
const SLOW_SMA_DAYS = 200;
const RETURN_DAYS = 5;
const HIGH_LOOKBACK_DAYS = 252;

/**
 * The regime of every day of `closes`, each computed only from data up to that day's close
 * (so appending data never changes earlier entries). `vix` maps ISO date → VIX close; null or a missing
 * date means the VIX rules cannot fire that day. Pure: no clock, no I/O.
 * Precondition (a caller bug otherwise, so it throws): dates strictly ascending, closes finite and > 0.
 */
export function detectRegimes(
  closes: readonly DailyClose[],
  vix: ReadonlyMap<string, number> | null,
  config: RegimeConfig = DEFAULT_REGIME_CONFIG,
): readonly RegimeDay[] {
  assertSeries(closes);
  const dates = closes.map((c) => c.date);
  const prices = Float64Array.from(closes, (c) => c.close);
  const features = computeFeatures(prices, config.warmupDays);
  const models = fitModels(features, dates, config);
  const online = labelOnline(features, models, config.lambda);
  const sma50 = simpleMovingAverage(prices, FAST_SMA_DAYS);
  const sma200 = simpleMovingAverage(prices, SLOW_SMA_DAYS);
  const return5d = trailingReturn(prices, RETURN_DAYS);
  const drawdown52w = drawdownFromHigh(prices, HIGH_LOOKBACK_DAYS);
  const vixOn = (i: number): number | null => (i >= 0 && vix !== null ? (vix.get(dates[i] as string) ?? null) : null);

  const days: RegimeDay[] = [];
  let crash = NO_CRASH;
  for (let i = 0; i < closes.length; i++) {
    const ddAnnualized = orNull((features.dd10[i] as number) * SQRT_252);
    const inputs: CrashInputs = {
      vix: vixOn(i),
      vixPrev1: vixOn(i - 1),
      vixPrev3: vixOn(i - 3),
      ddAnnualized,
      return5d: orNull(return5d[i] as number),
      drawdown52w: orNull(drawdown52w[i] as number),
    };
    const triggers = crashTriggers(inputs, config);
    crash = nextCrashState(crash, triggers.length > 0, inputs, config);
    const label = online.jm[i] as number;
    const jm = label === JM_NONE ? null : label === JM_BEAR ? 'bear' : 'bull';
    const fast = orNull(sma50[i] as number);
    const slow = orNull(sma200[i] as number);
    const trendUp = isTrendUp(prices[i] as number, fast, slow);
    const model = models[online.modelOf[i] as number];
    days.push({
      date: dates[i] as string,
      regime: classifyDay(jm, trendUp, crash.inCrash),
      jm,
      evidence: orNull(online.evidence[i] as number),
      features: featuresOn(features, i),
      ddAnnualized,
      sma50: fast,
      sma200: slow,
      trendUp,
      vix: inputs.vix,
      triggers,
      inCrash: crash.inCrash,
      calmDays: crash.calmDays,
      refitDate: model === undefined ? null : (dates[model.refitIndex] as string),
      lambda: config.lambda,
    });
  }
  return days;
}

/** One model per refit date that has enough training rows and a fit with both states populated; a skipped refit keeps the previous model in force. */
function fitModels(features: FeatureSeries, dates: readonly string[], config: RegimeConfig): RegimeModel[] {
  const usable = usableRowIndices(features);
  const models: RegimeModel[] = [];
  for (const refitIndex of refitIndices(dates)) {
    const trained = trainRegimeModel(features, usable, refitIndex, config);
    if (trained.ok) models.push(trained.value);
  }
  return models;
}

function featuresOn(features: FeatureSeries, i: number): RegimeDay['features'] {
  if (features.usable[i] !== 1) return null;
  const row = i * FEATURE_COUNT;
  return {
    dd10: features.matrix[row] as number,
    sortino20: features.matrix[row + 1] as number,
    sortino60: features.matrix[row + 2] as number,
  };
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

function assertSeries(closes: readonly DailyClose[]): void {
  for (let i = 0; i < closes.length; i++) {
    const c = closes[i] as DailyClose;
    if (!(Number.isFinite(c.close) && c.close > 0)) throw new RangeError(`close on ${c.date} must be a positive number, got ${c.close}`);
    if (i > 0 && !((closes[i - 1] as DailyClose).date < c.date)) {
      throw new RangeError(`dates must be strictly ascending: ${(closes[i - 1] as DailyClose).date} then ${c.date}`);
    }
  }
}
