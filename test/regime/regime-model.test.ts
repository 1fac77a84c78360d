import { describe, expect, it } from 'vitest';
import { DEFAULT_REGIME_CONFIG } from '../../src/regime/config.js';
import { computeFeatures } from '../../src/regime/features.js';
import { trainRegimeModel, usableRowIndices, type RegimeModel } from '../../src/regime/regime-model.js';
import { closesFromReturns, noisyReturns } from './builders.js';

/** Calm bull blocks and volatile falling blocks, 400 days each, 3600 days in all. */
function market() {
  const returns: number[] = [];
  for (let b = 0; b < 9; b++) returns.push(...noisyReturns(400, b % 2 ? -0.0015 : 0.0006, b % 2 ? 0.022 : 0.007, 40 + b));
  const closes = closesFromReturns(returns);
  const features = computeFeatures(Float64Array.from(closes, (c) => c.close), DEFAULT_REGIME_CONFIG.warmupDays);
  return { features, usable: usableRowIndices(features) };
}

const train = (refitIndex: number, overrides: Partial<typeof DEFAULT_REGIME_CONFIG> = {}) => {
  const { features, usable } = market();
  return { usable, result: trainRegimeModel(features, usable, refitIndex, { ...DEFAULT_REGIME_CONFIG, ...overrides }) };
};

describe('training the model in force from a refit date', () => {
  it('trains on the last trainingDays usable rows strictly before the refit date', () => {
    const { usable, result } = train(3500);
    expect(result.ok).toBe(true);
    const model = (result as { value: RegimeModel }).value;
    const before = [...usable].filter((i) => i < 3500);
    expect(model.trainingRows).toBe(3000);
    expect(model.trainStart).toBe(before[before.length - 3000]);
    expect(model.refitIndex).toBe(3500);
  });

  it('uses every usable row when fewer than trainingDays precede the refit date', () => {
    const { usable, result } = train(1500);
    const model = (result as { value: RegimeModel }).value;
    expect(model.trainingRows).toBe([...usable].filter((i) => i < 1500).length);
    expect(model.trainStart).toBe(usable[0]);
  });

  it('refuses (as a value) a window shorter than minTrainingDays', () => {
    const { result } = train(1000);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/fewer than 1000/) });
  });

  it('names bull the state of the calm rising blocks: lower downside deviation, higher Sortino ratios', () => {
    const model = (train(3500).result as { value: RegimeModel }).value;
    // Centroids are in z units: [dd10, sortino20, sortino60].
    expect(model.bull[0]).toBeLessThan(model.bear[0] as number);
    expect(model.bull[1]).toBeGreaterThan(model.bear[1] as number);
    expect(model.bull[2]).toBeGreaterThan(model.bear[2] as number);
  });

  it('refuses (as a value) a fit that leaves one state empty', () => {
    // A jump penalty larger than the whole window's loss makes one state the optimum.
    const { result } = train(3500, { lambda: 1e9 });
    expect(result).toEqual({ ok: false, error: 'the fit left one state empty' });
  });
});
