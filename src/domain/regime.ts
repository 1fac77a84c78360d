/** The four market regimes, from fully invested to all cash. */
export const REGIMES = ['TREND_BULL', 'TREND_NEUTRAL', 'TREND_BEAR', 'CRASH'] as const;
export type Regime = (typeof REGIMES)[number];

export type RegimeAllocation = Readonly<Record<Regime, number>>;

const SHORT_NAMES: Readonly<Record<string, Regime>> = {
  BULL: 'TREND_BULL',
  NEUTRAL: 'TREND_NEUTRAL',
  BEAR: 'TREND_BEAR',
};

/** Parses a user-typed regime name: case-insensitive, BULL/NEUTRAL/BEAR accepted. */
export function parseRegimeName(text: string): Regime | undefined {
  const upper = text.trim().toUpperCase();
  if ((REGIMES as readonly string[]).includes(upper)) return upper as Regime;
  return SHORT_NAMES[upper];
}
