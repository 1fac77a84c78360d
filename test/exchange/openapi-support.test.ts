import { describe, expect, it } from 'vitest';
import { expectConformsToSpec } from '../support/openapi.js';

// The exchange's tests lean on this checker; these make sure it can say no.
const CLOCK = { timestamp: '2025-06-24T14:15:22-04:00', is_open: true, next_open: '2025-06-25T09:30:00-04:00', next_close: '2025-06-24T16:00:00-04:00' };
const BAR = { t: '2025-11-20T05:00:00Z', o: 1, h: 2, l: 0.5, c: 1.5, v: 100, n: 0, vw: 1.3 };

describe('expectConformsToSpec', () => {
  it('accepts a body that matches and rejects one missing a required field, listing ajv\'s messages', () => {
    expectConformsToSpec('trading', 'GET', '/v2/clock', 200, CLOCK);
    const { next_close: _dropped, ...incomplete } = CLOCK;
    expect(() => expectConformsToSpec('trading', 'get', '/v2/clock', 200, incomplete)).toThrow(/must have required property 'next_close'/);
  });

  it('checks types and formats, including string money as decimal-formatted strings', () => {
    expect(() => expectConformsToSpec('trading', 'GET', '/v2/clock', 200, { ...CLOCK, is_open: 'yes' })).toThrow(/is_open must be boolean/);
    expect(() => expectConformsToSpec('trading', 'GET', '/v2/clock', 200, { ...CLOCK, timestamp: 'noon' })).toThrow(/format "date-time"/);
    expect(() => expectConformsToSpec('market-data', 'GET', '/v2/stocks/bars', 200, { bars: { A: [{ ...BAR, v: 1.5 }] }, next_page_token: null })).toThrow(/v must be integer/);
  });

  it('turns OpenAPI nullable into an allowed null without loosening the type', () => {
    expectConformsToSpec('market-data', 'GET', '/v2/stocks/bars', 200, { bars: { A: [BAR] }, next_page_token: null });
    expectConformsToSpec('market-data', 'GET', '/v2/stocks/bars', 200, { bars: {}, next_page_token: 'QQ==' });
    expect(() => expectConformsToSpec('market-data', 'GET', '/v2/stocks/bars', 200, { bars: {}, next_page_token: 7 })).toThrow(/next_page_token/);
  });

  it('follows $refs into component schemas (array of Position)', () => {
    expect(() => expectConformsToSpec('trading', 'GET', '/v2/positions', 200, [{ symbol: 'AAPL' }])).toThrow(/\/0 must have required property 'asset_id'/);
  });

  it('refuses a status or path the spec does not declare', () => {
    expect(() => expectConformsToSpec('trading', 'GET', '/v2/clock', 418, {})).toThrow(/does not declare status 418/);
    expect(() => expectConformsToSpec('trading', 'GET', '/v2/nowhere', 200, {})).toThrow(/no path \/v2\/nowhere/);
  });
});
