/**
 * A tiny seeded PRNG, shared by the synthetic demo market, the exchange's fault injection and the regime fit. mulberry32 (Tommy Ettinger's 32-bit generator, public domain):
 * one uint32 of state, good enough statistical quality for a demo, and only integer ops, so every JS engine
 * produces the same stream.
 */
export type Random = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SQRT_3 = 1.7320508075688772;

/**
 * A bell-shaped variate with mean 0 and variance 1 (bounded to ±3.46): the sum of 4 uniforms, centred and scaled by
 * √3. Chosen over Box–Muller because Math.log/Math.cos are implementation-approximated in ECMAScript, while sums and
 * products are exact IEEE-754 and keep the demo byte-identical across engines; 4 draws rather than the classic 12
 * keep the demo fast, and a demo needs no fat tails.
 */
export function standardNormal(random: Random): number {
  const sum = random() + random() + random() + random();
  return (sum - 2) * SQRT_3;
}

/** FNV-1a hash of a label mixed with a base seed: each symbol gets its own stream, independent of list order. */
export function seedFor(label: string, baseSeed: number): number {
  let hash = 0x811c9dc5 ^ baseSeed;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
