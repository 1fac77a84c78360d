import type { Bar } from '../../domain/index.js';
import { sessionsBetween } from '../calendar/index.js';
import { standardNormal, type Random } from '../../random/prng.js';

/** Calm and stressed spells of the synthetic index: daily drift and volatility, and how long a spell lasts. */
const CALM = { drift: 0.0006, vol: 0.008, minDays: 180, maxDays: 420 } as const;
const STRESS = { drift: -0.0025, vol: 0.024, minDays: 25, maxDays: 70 } as const;

/**
 * Older daily bars for the demo's index (SPY), so the regime detector has the years of history it trains on:
 * alternating calm and stressed spells, scaled to join the existing series at its first bar. Deterministic for a
 * given random source; only the index gets them, so the stock universe and the plan are unchanged.
 */
export function indexHistoryBefore(bars: readonly Bar[], fromDate: string, random: Random): Bar[] {
  const first = bars[0];
  if (first === undefined) return [];
  const dates = sessionsBetween(fromDate, first.date).map((s) => s.date).filter((d) => d < first.date);
  const closes: number[] = [];
  let close = 100;
  let calm = true;
  let spellLeft = 0;
  for (let i = 0; i < dates.length; i++) {
    if (spellLeft === 0) {
      calm = !calm;
      const spell = calm ? CALM : STRESS;
      spellLeft = spell.minDays + Math.floor(random() * (spell.maxDays - spell.minDays));
    }
    spellLeft--;
    const spell = calm ? CALM : STRESS;
    close *= Math.exp(spell.drift + spell.vol * standardNormal(random));
    closes.push(close);
  }
  // The day before the existing series closes where the existing series opens.
  const scale = first.open / (closes[closes.length - 1] ?? first.open);
  const round2 = (n: number): number => Math.round(n * 100) / 100;
  return dates.map((date, i) => {
    const c = round2((closes[i] ?? 0) * scale);
    const o = round2((i === 0 ? c : (closes[i - 1] ?? 0) * scale));
    const spread = Math.abs(c - o) * 0.5 + c * 0.003;
    return { date, open: o, high: round2(Math.max(o, c) + spread), low: round2(Math.min(o, c) - spread), close: c, volume: 70_000_000 };
  });
}
