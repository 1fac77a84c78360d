import type { Asset, Bar, BarsBySymbol, Exclusion, MomentumPick, ScanResult } from '../domain/index.js';

export interface ScannerConfig {
  /** Trading days in the high window, today included (252 ≈ 52 weeks). */
  readonly lookbackDays: number;
  readonly minHistoryDays: number;
  readonly minMomentum: number;
  readonly highSource: 'close' | 'high';
  readonly minPrice: number;
}

export interface ScanInput {
  readonly universe: readonly string[];
  readonly bars: BarsBySymbol;
  readonly assets: ReadonlyMap<string, Asset>;
  readonly topN: number;
  readonly config: ScannerConfig;
}

type Measured = Omit<MomentumPick, 'rank'>;
type Verdict = { readonly ok: true; readonly pick: Measured } | { readonly ok: false; readonly reason: string };

/**
 * George & Hwang (2004) 52-week-high nearness: latest close / highest price of the lookback window.
 * Every universe symbol ends up either ranked (possibly beyond the top N) or excluded with a reason.
 */
export function scanMomentum52w(input: ScanInput): ScanResult {
  const qualified: Measured[] = [];
  const excluded: Exclusion[] = [];
  for (const symbol of new Set(input.universe)) {
    const verdict = assess(symbol, input);
    if (verdict.ok) qualified.push(verdict.pick);
    else excluded.push({ symbol, reason: verdict.reason });
  }
  const picks = qualified
    .sort((a, b) => b.momentum - a.momentum || compareSymbols(a.symbol, b.symbol))
    .slice(0, Math.max(0, Math.floor(input.topN)))
    .map((pick, index) => ({ rank: index + 1, ...pick }));
  return { picks, excluded };
}

function assess(symbol: string, input: ScanInput): Verdict {
  // The broker's verdict comes first: for a delisted symbol "inactive" says more than "no bars".
  const assetProblem = checkAsset(input.assets.get(symbol));
  if (assetProblem !== undefined) return fail(assetProblem);

  const { config } = input;
  const bars = sortedByDate(input.bars.get(symbol) ?? []);
  if (bars.length === 0) return fail('no daily bars');
  if (bars.length < config.minHistoryDays) {
    return fail(`only ${bars.length} daily bars, at least ${config.minHistoryDays} needed`);
  }
  const latest = bars[bars.length - 1];
  const price = latest?.close;
  if (latest === undefined || !isPositiveFinite(price)) {
    return fail(`no usable latest close (${String(price)} on ${latest?.date ?? 'unknown date'})`);
  }
  const window = bars.slice(-Math.max(1, Math.floor(config.lookbackDays)));
  const bad = window.find((bar) => !isPositiveFinite(bar.close) || (config.highSource === 'high' && !isPositiveFinite(bar.high)));
  if (bad !== undefined) {
    const field = isPositiveFinite(bad.close) ? `high ${String(bad.high)}` : `close ${String(bad.close)}`;
    return fail(`invalid ${field} on ${bad.date} inside the ${window.length}-day window`);
  }
  if (price < config.minPrice) {
    return fail(`latest close ${money(price)} is below the minimum price ${money(config.minPrice)}`);
  }
  const high52w = windowHigh(window, config.highSource);
  const momentum = price / high52w;
  if (momentum < config.minMomentum) {
    return fail(
      `momentum ${momentum.toFixed(4)} (close ${money(price)} / ${window.length}-day high ${money(high52w)}) ` +
        `is below the minimum ${config.minMomentum.toFixed(4)}`,
    );
  }
  return { ok: true, pick: { symbol, momentum, price, high52w } };
}

function checkAsset(asset: Asset | undefined): string | undefined {
  if (asset === undefined) return 'unknown asset: the broker does not list it';
  if (asset.status !== 'active') return `asset is ${asset.status}`;
  if (!asset.tradable) return 'asset is not tradable at the broker';
  return undefined;
}

function windowHigh(window: readonly Bar[], source: ScannerConfig['highSource']): number {
  // A bar's high below its own close is a bad print; never let it push momentum above 1.
  let high = 0;
  for (const bar of window) high = Math.max(high, source === 'high' ? Math.max(bar.high, bar.close) : bar.close);
  return high;
}

/** The bars by ascending date, equal dates in their given order; as given (no copy) when they already are. */
function sortedByDate(bars: readonly Bar[]): readonly Bar[] {
  // Sorting is stable, so bars that never descend come out in the same order: one pass saves a copy and a sort.
  let ascending = true;
  for (let i = 1; i < bars.length && ascending; i++) ascending = (bars[i - 1] as Bar).date <= (bars[i] as Bar).date;
  if (ascending) return bars;
  return [...bars].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function isPositiveFinite(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function compareSymbols(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function money(value: number): string {
  // Sub-dollar prices need more than cents to be told apart.
  return value.toFixed(value < 1 ? 4 : 2);
}

function fail(reason: string): Verdict {
  return { ok: false, reason };
}
