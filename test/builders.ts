/**
 * Hand-written builders for the domain types. Each takes overrides and fills the rest with plain,
 * valid defaults; derived fields (marketValue, value, phase) follow the overrides unless given.
 */
import type {
  Account,
  Asset,
  Bar,
  BarsBySymbol,
  MarketClock,
  MomentumPick,
  OpenOrder,
  OrderIntent,
  Position,
  Target,
} from '../src/domain/index.js';
import type { PlanContext } from '../src/validate/validate-plan.js';

export function aBar(overrides: Partial<Bar> = {}): Bar {
  const close = overrides.close ?? 100;
  return {
    date: '2024-01-02',
    open: close,
    high: Math.max(close, overrides.open ?? close),
    low: Math.min(close, overrides.open ?? close),
    close,
    volume: 1_000_000,
    ...overrides,
  };
}

export interface SeriesOptions {
  /** First trading day, YYYY-MM-DD; weekends are skipped. Default 2023-01-02. */
  readonly start?: string;
  /** Daily high for the i-th bar; default: the close. */
  readonly high?: (close: number, index: number) => number;
}

/** One bar per close, on consecutive weekdays, open = low = close. */
export function barsSeries(closes: readonly number[], options: SeriesOptions = {}): Bar[] {
  const dates = weekdays(options.start ?? '2023-01-02', closes.length);
  return closes.map((close, i) => ({
    date: dates[i] ?? '',
    open: close,
    high: options.high?.(close, i) ?? close,
    low: close,
    close,
    volume: 1_000_000,
  }));
}

/** `count` closes rising linearly from `from` to `to` (inclusive). */
export function ramp(from: number, to: number, count: number): number[] {
  if (count === 1) return [to];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

export function barsBySymbol(entries: Readonly<Record<string, readonly Bar[]>>): BarsBySymbol {
  return new Map(Object.entries(entries));
}

/** Consecutive weekdays from `start` (moved forward to a weekday), as YYYY-MM-DD. */
export function weekdays(start: string, count: number): string[] {
  const day = new Date(`${start}T00:00:00Z`);
  const out: string[] = [];
  while (out.length < count) {
    const dow = day.getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}

export function anAsset(overrides: Partial<Asset> = {}): Asset {
  return { symbol: 'AAPL', status: 'active', tradable: true, fractionable: true, ...overrides };
}

export function assetsBySymbol(...assets: readonly Asset[]): ReadonlyMap<string, Asset> {
  return new Map(assets.map((asset) => [asset.symbol, asset]));
}

/** Active, tradable, fractionable assets for the given symbols. */
export function activeAssets(symbols: readonly string[]): ReadonlyMap<string, Asset> {
  return assetsBySymbol(...symbols.map((symbol) => anAsset({ symbol })));
}

export function aPosition(overrides: Partial<Position> = {}): Position {
  const qty = overrides.qty ?? 10;
  const currentPrice = overrides.currentPrice ?? 100;
  return {
    symbol: 'AAPL',
    assetClass: 'us_equity',
    qty,
    avgEntryPrice: currentPrice,
    currentPrice,
    marketValue: qty * currentPrice,
    ...overrides,
  };
}

export function anAccount(overrides: Partial<Account> = {}): Account {
  return {
    equity: 100_000,
    cash: 100_000,
    buyingPower: 100_000,
    status: 'ACTIVE',
    tradingBlocked: false,
    accountBlocked: false,
    ...overrides,
  };
}

export function aClock(overrides: Partial<MarketClock> = {}): MarketClock {
  return {
    timestamp: '2024-06-03T10:30:00-04:00',
    isOpen: true,
    nextOpen: '2024-06-04T09:30:00-04:00',
    nextClose: '2024-06-03T16:00:00-04:00',
    ...overrides,
  };
}

/** A market day order; a sell defaults to phase 1 and CLOSE, a buy to phase 2 and OPEN. */
export function anOrderIntent(overrides: Partial<OrderIntent> = {}): OrderIntent {
  const side = overrides.side ?? 'buy';
  const qty = overrides.qty ?? 10;
  const fromQty = overrides.fromQty ?? (side === 'buy' ? 0 : qty);
  return {
    action: side === 'buy' ? 'OPEN' : 'CLOSE',
    side,
    symbol: 'AAPL',
    qty,
    fromQty,
    toQty: side === 'buy' ? fromQty + qty : fromQty - qty,
    phase: side === 'sell' ? 1 : 2,
    type: 'market',
    timeInForce: 'day',
    reason: 'test order',
    ...overrides,
  };
}

export function anOpenOrder(overrides: Partial<OpenOrder> = {}): OpenOrder {
  return { id: 'order-1', clientOrderId: 'client-1', symbol: 'AAPL', side: 'buy', qty: 1, status: 'new', assetClass: 'us_equity', ...overrides };
}

export function aTarget(overrides: Partial<Target> = {}): Target {
  const qty = overrides.qty ?? 10;
  const price = overrides.price ?? 100;
  return { symbol: 'AAPL', qty, price, value: qty * price, ...overrides };
}

export function aPick(overrides: Partial<MomentumPick> = {}): MomentumPick {
  const price = overrides.price ?? 100;
  const high52w = overrides.high52w ?? price;
  return { rank: 1, symbol: 'AAPL', momentum: price / high52w, price, high52w, ...overrides };
}

/**
 * A plan context with nothing to do: no orders, positions or targets, market open, TREND_BULL at full
 * allocation, $100,000 equity and buying power.
 */
export function aPlanContext(overrides: Partial<PlanContext> = {}): PlanContext {
  return {
    orders: [],
    targets: [],
    positions: [],
    unmanagedPositions: [],
    account: anAccount(),
    prices: new Map(),
    assets: new Map(),
    openOrders: [],
    clock: aClock(),
    regime: 'TREND_BULL',
    allocation: 1,
    sizingMode: 'floor',
    ignoreSymbols: [],
    config: { maxPositionPct: 0.25, positionSizeFails: false, maxTotalAllocation: 1, minPrice: 5 },
    force: false,
    dryRun: false,
    ...overrides,
  };
}
