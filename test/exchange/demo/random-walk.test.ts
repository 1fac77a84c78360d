import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/random/prng.js';
import { type WalkProfile, walkBars } from '../../../src/exchange/demo/random-walk.js';

const dates = Array.from({ length: 60 }, (_, i) => `2025-01-${String((i % 28) + 1).padStart(2, '0')}`);
const flatMarket = dates.map(() => 0);

function aProfile(overrides: Partial<WalkProfile> = {}): WalkProfile {
  return { lastClose: 100, beta: 1, drift: 0, vol: 0, late: 0, lateDays: 0, volume: 1_000_000, ...overrides };
}

describe('walkBars', () => {
  it('ends exactly on the profile’s last close', () => {
    const bars = walkBars(dates, flatMarket, aProfile({ lastClose: 123.45, vol: 0.02 }), mulberry32(1));
    expect(bars.at(-1)?.close).toBe(123.45);
    expect(bars.map((b) => b.date)).toEqual(dates);
  });

  it('compounds a constant drift when there is no noise', () => {
    const closes = walkBars(dates, flatMarket, aProfile({ drift: 0.01 }), mulberry32(1)).map((b) => b.close);
    expect(closes[0]).toBeCloseTo(100 / 1.01 ** 59, 2);
    expect(closes[30]).toBeCloseTo(100 / 1.01 ** 29, 2);
  });

  it('applies the late drift only over the final lateDays', () => {
    const closes = walkBars(dates, flatMarket, aProfile({ late: 0.05, lateDays: 5 }), mulberry32(1)).map(
      (b) => b.close,
    );
    const flatPart = closes.slice(0, 55);
    expect(new Set(flatPart).size).toBe(1);
    expect(closes.slice(55).every((c, i) => c > (closes[54 + i] ?? Infinity))).toBe(true);
  });

  it('moves with the market in proportion to beta', () => {
    const market = dates.map(() => 0.01);
    const closes = walkBars(dates, market, aProfile({ beta: 2 }), mulberry32(1)).map((b) => b.close);
    expect((closes[59] ?? 0) / (closes[58] ?? 1)).toBeCloseTo(1.02, 3);
  });

  it('keeps bars positive and consistent under extreme volatility and a collapse', () => {
    const bars = walkBars(dates, flatMarket, aProfile({ lastClose: 0.5, vol: 0.15, late: -0.1, lateDays: 30 }), mulberry32(5));
    for (const b of bars) {
      expect(b.low).toBeGreaterThan(0);
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(Number.isInteger(b.volume) && b.volume > 0).toBe(true);
    }
  });
});
