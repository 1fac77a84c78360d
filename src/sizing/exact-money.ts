/**
 * Exact arithmetic for sizing: money in micro-dollars and quantities in micro-shares, as bigint,
 * so that budgets and quantities never pick up float artefacts like 0.30000000000000004.
 */
export const SCALE = 1_000_000n;
const SCALE_DIGITS = 6;

/**
 * Converts dollars to micro-dollars. A value within float noise of a whole micro-dollar snaps to it
 * (33.33 * 1e6 is 33330000.000000004); otherwise it rounds in the given direction, so a price
 * never shrinks and a budget never grows.
 */
export function toMicros(value: number, direction: 'up' | 'down'): bigint {
  const scaled = value * 10 ** SCALE_DIGITS;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) <= Math.max(1e-6, Math.abs(scaled) * 1e-12)) return BigInt(nearest);
  return BigInt(direction === 'up' ? Math.ceil(scaled) : Math.floor(scaled));
}

/** The number closest to `scaled / 10^decimals`, via its decimal text (one rounding only). */
export function fromScaled(scaled: bigint, decimals: number): number {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const text = `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`;
  return Number(negative ? `-${text}` : text);
}
