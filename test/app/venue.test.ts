import { describe, expect, it } from 'vitest';
import { venueOfTradingUrl } from '../../src/app/venue.js';

describe('venueOfTradingUrl: decided once from the parsed URL', () => {
  it.each([
    ['https://api.alpaca.markets:443', 'live'],
    ['HTTPS://API.ALPACA.MARKETS', 'live'],
    ['https://api.alpaca.markets./v2', 'live'],
    ['https://api.alpaca.markets/v2/', 'live'],
    ['https://api.alpaca.markets', 'live'],
    ['https://my-proxy.example.com', 'live'],
    ['https://paper-api.alpaca.markets.evil.example', 'live'],
    ['http://paper-api.alpaca.markets', 'live'],
    ['https://paper-api.alpaca.markets:8443', 'live'],
    ['https://paper-api.alpaca.markets/proxy/v2', 'live'],
    ['https://user:pw@paper-api.alpaca.markets', 'live'],
    ['https://paper-api.alpaca.markets', 'paper'],
    ['https://paper-api.alpaca.markets/', 'paper'],
    ['https://paper-api.alpaca.markets/v2', 'paper'],
    ['HTTPS://PAPER-API.ALPACA.MARKETS./v2/', 'paper'],
    ['https://paper-api.alpaca.markets:443', 'paper'],
    ['http://127.0.0.1:4010', 'local'],
    ['http://127.0.0.1:54321/v2', 'local'],
    ['http://localhost:8080', 'local'],
    ['http://[::1]:4010', 'local'],
    ['http://127.1:4010', 'local'],
  ])('%s is %s', (url, venue) => {
    expect(venueOfTradingUrl(url)).toEqual({ ok: true, value: venue });
  });

  it.each(['paper-api', 'ftp://paper-api.alpaca.markets', ''])('refuses %j as no http(s) URL', (url) => {
    expect(venueOfTradingUrl(url).ok).toBe(false);
  });
});
