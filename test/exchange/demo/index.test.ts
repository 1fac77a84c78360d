import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/domain/index.js';
import { clockAt, isTradingDay, sessionsBetween } from '../../../src/exchange/calendar/index.js';
import { createDemoScenario } from '../../../src/exchange/demo/index.js';

const scenario = createDemoScenario();
const universePath = fileURLToPath(new URL('../../../config/universes/technology.json', import.meta.url));
const universe = (JSON.parse(readFileSync(universePath, 'utf8')) as { symbols: string[] }).symbols;

function barsOf(symbol: string): readonly Bar[] {
  const bars = scenario.bars.get(symbol);
  if (bars === undefined) throw new Error(`demo has no bars for ${symbol}`);
  return bars;
}
const lastClose = (symbol: string): number => barsOf(symbol).at(-1)?.close ?? Number.NaN;
/** Latest close over the highest close of the last 252 bars, as the 52-week-high scanner measures it. */
function momentum(symbol: string): number {
  const closes = barsOf(symbol).map((b) => b.close);
  return (closes.at(-1) ?? 0) / Math.max(...closes.slice(-252));
}
const clockDate = clockAt(scenario.clock).timestamp.slice(0, 10);
const held = new Map(scenario.positions.map((p) => [p.symbol, p.qty]));
const equity = scenario.account.cash + scenario.positions.reduce((sum, p) => sum + p.qty * lastClose(p.symbol), 0);

describe('createDemoScenario', () => {
  it('returns identical scenarios on every call, down to the serialized bytes', () => {
    const again = createDemoScenario();
    expect(again).toEqual(scenario);
    const serialize = (s: typeof scenario) => JSON.stringify({ ...s, bars: [...s.bars] });
    expect(serialize(again)).toBe(serialize(scenario));
  });

  it('builds a scenario in under 50 ms', () => {
    const timings = [0, 1, 2].map(() => {
      const started = performance.now();
      createDemoScenario();
      return performance.now() - started;
    });
    expect(Math.min(...timings)).toBeLessThan(50);
  });

  it('has bars for exactly the technology universe plus SPY', () => {
    expect([...scenario.bars.keys()].sort()).toEqual([...universe, 'SPY'].sort());
  });

  it('freezes the clock during regular hours on a trading day', () => {
    expect(isTradingDay(clockDate)).toBe(true);
    expect(clockAt(scenario.clock).isOpen).toBe(true);
  });

  it.each([...scenario.bars.keys()])('gives %s about three years of NYSE sessions ending on the clock date', (symbol) => {
    const dates = barsOf(symbol).map((b) => b.date);
    expect(dates.length).toBeGreaterThanOrEqual(504);
    expect(dates.at(-1)).toBe(clockDate);
    expect(dates).toEqual(sessionsBetween(dates[0] ?? '', clockDate).map((s) => s.date));
  });

  it.each([...scenario.bars.keys()])('keeps every %s bar consistent: low <= open, close <= high, cents, whole volumes', (symbol) => {
    const broken = barsOf(symbol).filter(
      (b) =>
        !(b.low > 0 && b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close)) ||
        [b.open, b.high, b.low, b.close].some((p) => Math.round(p * 100) / 100 !== p) ||
        !(Number.isInteger(b.volume) && b.volume > 0),
    );
    expect(broken).toEqual([]);
  });

  it('describes a cash account of about $100,000 with no asset restrictions', () => {
    expect(scenario.name).toBe('demo');
    expect(scenario.account.multiplier).toBe(1);
    expect(scenario.account.buyingPower).toBeNull();
    expect(scenario.assets).toEqual({ notTradable: [], notFractionable: [], inactive: [] });
    expect(scenario.account.cash).toBeGreaterThan(0);
    expect(Math.abs(equity - 100_000)).toBeLessThan(1_000);
  });

  it('spreads momentum: names at new highs, names under the 0.90 floor, and one stock under $5', () => {
    const values = universe.map(momentum);
    expect(values.filter((m) => m >= 0.98).length).toBeGreaterThanOrEqual(3);
    expect(values.filter((m) => m >= 0.85 && m < 0.95).length).toBeGreaterThanOrEqual(3);
    expect(values.filter((m) => m < 0.9).length).toBeGreaterThanOrEqual(3);
    expect(universe.filter((s) => lastClose(s) < 5)).toHaveLength(1);
  });

  it('SPY draws down about 20% or more inside the last 52 weeks and recovers to near its high', () => {
    const closes = barsOf('SPY').map((b) => b.close).slice(-252);
    let peak = 0;
    let worst = 0;
    for (const close of closes) {
      peak = Math.max(peak, close);
      worst = Math.min(worst, close / peak - 1);
    }
    expect(worst).toBeLessThan(-0.18);
    expect(momentum('SPY')).toBeGreaterThan(0.95);
  });

  describe('against a TREND_NEUTRAL top-10 plan (70% of equity, equal weights)', () => {
    const eligible = universe.filter((s) => lastClose(s) >= 5 && momentum(s) >= 0.9);
    const picks = [...eligible].sort((a, b) => momentum(b) - momentum(a)).slice(0, 10);
    const targetValue = (0.7 * equity) / 10;

    it('holds a top pick whose size differs from its target by at least one share (ADJUST)', () => {
      const adjusted = picks.filter((s) => {
        const qty = held.get(s);
        return qty !== undefined && Math.abs(qty * lastClose(s) - targetValue) > lastClose(s);
      });
      expect(adjusted.length).toBeGreaterThanOrEqual(1);
    });

    it('holds names that will not be picked: one under $5 and one under the momentum floor (CLOSE)', () => {
      const dropped = [...held.keys()].filter((s) => !picks.includes(s));
      expect(dropped.some((s) => lastClose(s) < 5)).toBe(true);
      expect(dropped.some((s) => momentum(s) < 0.9)).toBe(true);
    });

    it('leaves top picks unheld (OPEN)', () => {
      expect(picks.filter((s) => !held.has(s)).length).toBeGreaterThanOrEqual(1);
    });

    it('can pay for every buy with cash plus sell proceeds at current prices', () => {
      let buys = 0;
      let sells = 0;
      for (const symbol of new Set([...picks, ...held.keys()])) {
        const current = (held.get(symbol) ?? 0) * lastClose(symbol);
        const target = picks.includes(symbol) ? targetValue : 0;
        if (target > current) buys += target - current;
        else sells += current - target;
      }
      expect(buys).toBeLessThanOrEqual(scenario.account.cash + sells);
    });
  });
});
