import { describe, expect, it } from 'vitest';
import { chooseBroker } from '../../src/app/broker-choice.js';

describe('chooseBroker', () => {
  it('uses the local demo exchange when no credentials are set', () => {
    expect(chooseBroker({}, undefined)).toEqual({ ok: true, value: { kind: 'local' } });
  });

  it('uses Alpaca paper when both keys are set', () => {
    const choice = chooseBroker({ APCA_API_KEY_ID: 'PKTEST', APCA_API_SECRET_KEY: 'sekrit-value' }, undefined);
    expect(choice).toEqual({ ok: true, value: { kind: 'alpaca', keyId: 'PKTEST', secretKey: 'sekrit-value', paper: true } });
  });

  it('passes host overrides and recognises the live host', () => {
    const choice = chooseBroker(
      { APCA_API_KEY_ID: 'k', APCA_API_SECRET_KEY: 's', APCA_API_BASE_URL: 'https://api.alpaca.markets/', APCA_API_DATA_URL: 'http://127.0.0.1:9/' },
      undefined,
    );
    expect(choice.ok && choice.value).toMatchObject({ kind: 'alpaca', paper: false, tradingBaseUrl: 'https://api.alpaca.markets', dataBaseUrl: 'http://127.0.0.1:9' });
  });

  it('prefers an explicit --scenario over credentials, and forwards the keys to the local exchange', () => {
    const choice = chooseBroker({ APCA_API_KEY_ID: 'k', APCA_API_SECRET_KEY: 's' }, 'my.json');
    expect(choice).toEqual({ ok: true, value: { kind: 'local', scenarioPath: 'my.json', credentials: { keyId: 'k', secretKey: 's' } } });
  });

  it.each([
    [{ APCA_API_KEY_ID: 'k' }, 'APCA_API_SECRET_KEY is not set'],
    [{ APCA_API_SECRET_KEY: 'super-secret' }, 'APCA_API_KEY_ID is not set'],
    [{ APCA_API_KEY_ID: 'k', APCA_API_SECRET_KEY: 's', APCA_API_BASE_URL: 'paper-api' }, 'not an http(s) URL'],
  ])('rejects half-set or malformed credentials (%o) without echoing the secret', (env, message) => {
    const choice = chooseBroker(env, undefined);
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.error.join(' ')).toContain(message);
    expect(choice.error.join(' ')).not.toContain('super-secret');
  });
});
