import { describe, expect, it } from 'vitest';
import {
  classifyDay,
  crashTriggers,
  isTrendUp,
  nextCrashState,
  NO_CRASH,
  type CrashInputs,
  type CrashState,
} from '../../src/regime/classifier.js';
import { DEFAULT_REGIME_CONFIG } from '../../src/regime/config.js';

const quiet: CrashInputs = { vix: 15, vixPrev1: 15, vixPrev3: 15, ddAnnualized: 0.1, return5d: 0.01, drawdown52w: -0.02 };
const day = (overrides: Partial<CrashInputs>): CrashInputs => ({ ...quiet, ...overrides });

describe('crash triggers', () => {
  it.each<[string, Partial<CrashInputs>, string[]]>([
    ['a quiet day', {}, []],
    ['VIX at 40', { vix: 40, vixPrev1: 39, vixPrev3: 39 }, ['VIX_LEVEL']],
    ['VIX just under 40', { vix: 39.9, vixPrev1: 39, vixPrev3: 39 }, []],
    ['VIX +24% in a day above the 25 floor', { vix: 26, vixPrev1: 21, vixPrev3: 21 }, ['VIX_SPIKE_1D']],
    ['VIX +18% in a day', { vix: 26, vixPrev1: 22, vixPrev3: 22 }, []],
    ['VIX +60% in a day but below the 25 floor', { vix: 24, vixPrev1: 15, vixPrev3: 15 }, []],
    ['VIX +53% over 3 days, never +20% in one', { vix: 27.5, vixPrev1: 23, vixPrev3: 18 }, ['VIX_SPIKE_3D']],
    ['annualized downside deviation at 0.40', { ddAnnualized: 0.4 }, ['DOWNSIDE_DEVIATION']],
    ['annualized downside deviation at 0.39', { ddAnnualized: 0.39 }, []],
    ['−8% in 5 days, 12% below the high', { return5d: -0.08, drawdown52w: -0.12 }, ['FAST_DECLINE_IN_DRAWDOWN']],
    ['−8% in 5 days but only 8% below the high', { return5d: -0.08, drawdown52w: -0.08 }, []],
    ['12% below the high after a slow −3% week', { return5d: -0.03, drawdown52w: -0.12 }, []],
    ['no VIX at all', { vix: null, vixPrev1: null, vixPrev3: null }, []],
    ['VIX 30 with no earlier VIX', { vix: 30, vixPrev1: null, vixPrev3: null }, []],
    ['VIX 45, +50% in a day', { vix: 45, vixPrev1: 30, vixPrev3: 30 }, ['VIX_LEVEL', 'VIX_SPIKE_1D', 'VIX_SPIKE_3D']],
  ])('%s', (_name, overrides, expected) => {
    expect(crashTriggers(day(overrides), DEFAULT_REGIME_CONFIG)).toEqual(expected);
  });
});

describe('the crash state machine', () => {
  const step = (state: CrashState, inputs: CrashInputs, triggered = false) => nextCrashState(state, triggered, inputs, DEFAULT_REGIME_CONFIG);

  it('enters on any trigger and leaves only on the fifth consecutive calm day', () => {
    let state = step(NO_CRASH, quiet, true);
    const seen: CrashState[] = [];
    for (let i = 0; i < 5; i++) {
      state = step(state, quiet);
      seen.push(state);
    }
    expect(seen.map((s) => s.inCrash)).toEqual([true, true, true, true, false]);
    expect(seen.map((s) => s.calmDays)).toEqual([1, 2, 3, 4, 5]);
  });

  it.each<[string, Partial<CrashInputs>]>([
    ['VIX at 30', { vix: 30 }],
    ['annualized downside deviation at 0.30', { ddAnnualized: 0.3 }],
  ])('restarts the calm count on a day with %s', (_name, overrides) => {
    let state = step(NO_CRASH, quiet, true);
    state = step(step(state, quiet), quiet);
    expect(state.calmDays).toBe(2);
    state = step(state, day(overrides));
    expect(state).toEqual({ inCrash: true, calmDays: 0 });
  });

  it('counts a day without VIX as calm when the downside deviation is calm', () => {
    expect(step({ inCrash: true, calmDays: 4 }, day({ vix: null }))).toEqual({ inCrash: false, calmDays: 5 });
  });

  it('re-arms on a new trigger during the calm count', () => {
    expect(step({ inCrash: true, calmDays: 4 }, quiet, true)).toEqual({ inCrash: true, calmDays: 0 });
  });

  it('stays out of a crash with no trigger, however stressed the day', () => {
    expect(step(NO_CRASH, day({ vix: 35, ddAnnualized: 0.35 }))).toEqual(NO_CRASH);
  });
});

describe('trend and base regime', () => {
  it.each<[number, number | null, number | null, boolean | null]>([
    [110, 105, 100, true],
    [99, 105, 100, false],
    [110, 99, 100, false],
    [110, 105, null, null],
  ])('close %f, SMA50 %s, SMA200 %s → trend up %s', (close, sma50, sma200, expected) => {
    expect(isTrendUp(close, sma50, sma200)).toBe(expected);
  });

  it.each<[Parameters<typeof classifyDay>, string]>([
    [[null, true, false], 'UNKNOWN'],
    [['bull', null, false], 'UNKNOWN'],
    [['bull', null, true], 'UNKNOWN'],
    [['bull', true, true], 'CRASH'],
    [['bear', true, false], 'TREND_BEAR'],
    [['bull', true, false], 'TREND_BULL'],
    [['bull', false, false], 'TREND_NEUTRAL'],
  ])('%j → %s', (args, expected) => {
    expect(classifyDay(...args)).toBe(expected);
  });
});
