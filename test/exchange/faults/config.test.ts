import { describe, expect, it } from 'vitest';
import { parseScenarioFile } from '../../../src/exchange/scenario-build.js';

const minimal = { clock: '2025-11-20T15:00:00Z', dataDir: 'bars' };

describe('scenario faults', () => {
  it('default to no fault at all when the scenario file has no faults key', () => {
    const parsed = parseScenarioFile(minimal);
    expect(parsed.ok && parsed.value.faults).toEqual({
      latencyMs: 0,
      errorRate: 0,
      errorMethods: ['GET'],
      rateLimitPerMinute: null,
      rateLimitWindowMs: 60_000,
      dropAfterOrderAccepted: null,
      seed: 1,
    });
  });

  it('keep what the file sets and default the rest', () => {
    const parsed = parseScenarioFile({ ...minimal, faults: { errorRate: 0.25, errorMethods: ['GET', 'POST'], seed: 42 } });
    expect(parsed.ok && parsed.value.faults).toMatchObject({ errorRate: 0.25, errorMethods: ['GET', 'POST'], seed: 42, latencyMs: 0 });
  });

  it.each([
    [{ errorRate: 1.5 }, 'faults.errorRate'],
    [{ latencyMs: -1 }, 'faults.latencyMs'],
    [{ rateLimitPerMinute: 0 }, 'faults.rateLimitPerMinute'],
    [{ dropAfterOrderAccepted: 0 }, 'faults.dropAfterOrderAccepted'],
    [{ errorMethods: ['PUT'] }, 'faults.errorMethods[0]'],
    [{ latencyMS: 10 }, 'faults'],
  ])('reject %j, naming the key %s', (faults, key) => {
    const parsed = parseScenarioFile({ ...minimal, faults });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.error).toEqual([expect.stringMatching(new RegExp(`^${key.replace(/[[\].]/g, '\\$&')}: `))]);
  });
});
