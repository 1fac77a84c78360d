import { describe, expect, it } from 'vitest';
import { chooseBroker } from '../../src/app/broker-choice.js';

const KEYS = { APCA_API_KEY_ID: 'k', APCA_API_SECRET_KEY: 's' };

describe('chooseBroker', () => {
  it('uses the local demo exchange when no credentials are set', () => {
    expect(chooseBroker({}, undefined)).toEqual({ ok: true, value: { kind: 'local', venue: 'local' } });
  });

  it('uses Alpaca paper when both keys are set and no base URL is given', () => {
    const choice = chooseBroker({ APCA_API_KEY_ID: 'PKTEST', APCA_API_SECRET_KEY: 'sekrit-value' }, undefined);
    expect(choice).toEqual({ ok: true, value: { kind: 'alpaca', venue: 'paper', keyId: 'PKTEST', secretKey: 'sekrit-value' } });
  });

  it.each([
    ['https://api.alpaca.markets:443', 'live'],
    ['HTTPS://API.ALPACA.MARKETS', 'live'],
    ['https://api.alpaca.markets./v2', 'live'],
    ['https://api.alpaca.markets/v2/', 'live'],
    ['https://my-proxy.example.com', 'live'],
    ['https://paper-api.alpaca.markets', 'paper'],
    ['http://127.0.0.1:4010', 'local'],
  ])('APCA_API_BASE_URL=%s is the %s venue, and the client gets that URL', (url, venue) => {
    const choice = chooseBroker({ ...KEYS, APCA_API_BASE_URL: url, APCA_API_DATA_URL: 'http://127.0.0.1:9/' }, undefined);
    expect(choice.ok && choice.value).toMatchObject({ kind: 'alpaca', venue, tradingBaseUrl: url, dataBaseUrl: 'http://127.0.0.1:9/' });
  });

  it('prefers an explicit --scenario over credentials, and forwards the keys to the local exchange', () => {
    const choice = chooseBroker(KEYS, 'my.json');
    expect(choice).toEqual({ ok: true, value: { kind: 'local', venue: 'local', scenarioPath: 'my.json', credentials: { keyId: 'k', secretKey: 's' } } });
  });

  it.each([
    [{ APCA_API_KEY_ID: 'k' }, 'APCA_API_SECRET_KEY is not set'],
    [{ APCA_API_SECRET_KEY: 'super-secret' }, 'APCA_API_KEY_ID is not set'],
    [{ ...KEYS, APCA_API_BASE_URL: 'paper-api' }, 'APCA_API_BASE_URL "paper-api" is not a URL'],
    [{ ...KEYS, APCA_API_DATA_URL: 'data' }, 'APCA_API_DATA_URL "data" is not an http(s) URL'],
  ])('rejects half-set or malformed credentials (%o) without echoing the secret', (env, message) => {
    const choice = chooseBroker(env, undefined);
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.error.join(' ')).toContain(message);
    expect(choice.error.join(' ')).not.toContain('super-secret');
  });
});
