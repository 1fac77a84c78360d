import { err, ok, type Result } from '../domain/index.js';
import type { Env } from './environment.js';

export type BrokerChoice =
  | {
      readonly kind: 'alpaca';
      readonly keyId: string;
      readonly secretKey: string;
      readonly paper: boolean;
      readonly tradingBaseUrl?: string;
      readonly dataBaseUrl?: string;
    }
  | {
      readonly kind: 'local';
      readonly scenarioPath?: string;
      /** The environment's keys, sent to the local exchange too (a scenario may require particular keys). */
      readonly credentials?: { readonly keyId: string; readonly secretKey: string };
    };

const LIVE_HOST = /^https:\/\/api\.alpaca\.markets(\/v2)?\/*$/i;

/**
 * --scenario means the local exchange with that scenario; otherwise Alpaca paper when both keys are set;
 * otherwise the local exchange with the built-in demo scenario.
 */
export function chooseBroker(env: Env, scenarioPath: string | undefined): Result<BrokerChoice> {
  const keyId = nonEmpty(env['APCA_API_KEY_ID']);
  const secretKey = nonEmpty(env['APCA_API_SECRET_KEY']);
  if ((keyId === undefined) !== (secretKey === undefined)) {
    const missing = keyId === undefined ? 'APCA_API_KEY_ID' : 'APCA_API_SECRET_KEY';
    return err([`credentials: ${missing} is not set; set both APCA_API_KEY_ID and APCA_API_SECRET_KEY, or neither`]);
  }
  const credentials = keyId !== undefined && secretKey !== undefined ? { keyId, secretKey } : undefined;
  if (scenarioPath !== undefined) return ok({ kind: 'local', scenarioPath, ...(credentials ? { credentials } : {}) });
  if (keyId === undefined || secretKey === undefined) return ok({ kind: 'local' });
  const tradingBaseUrl = nonEmpty(env['APCA_API_BASE_URL']);
  const dataBaseUrl = nonEmpty(env['APCA_API_DATA_URL']);
  const urlProblems = [tradingBaseUrl, dataBaseUrl]
    .filter((u): u is string => u !== undefined && !isHttpUrl(u))
    .map((u) => `credentials: ${JSON.stringify(u)} is not an http(s) URL (APCA_API_BASE_URL / APCA_API_DATA_URL)`);
  if (urlProblems.length > 0) return err(urlProblems);
  return ok({
    kind: 'alpaca',
    keyId,
    secretKey,
    paper: tradingBaseUrl === undefined || !LIVE_HOST.test(tradingBaseUrl),
    ...(tradingBaseUrl !== undefined ? { tradingBaseUrl: tradingBaseUrl.replace(/\/+$/, '') } : {}),
    ...(dataBaseUrl !== undefined ? { dataBaseUrl: dataBaseUrl.replace(/\/+$/, '') } : {}),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
