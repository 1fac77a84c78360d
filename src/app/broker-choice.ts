import { err, ok, type Result, type Venue } from '../domain/index.js';
import type { Env } from './environment.js';
import { venueOfTradingUrl } from './venue.js';

/** How a run reaches its venue: Alpaca's API (or a server speaking it) with keys, or the in-process local exchange. */
export type BrokerChoice =
  | {
      readonly kind: 'alpaca';
      /** Decided once here from the parsed trading URL; the guard, the client, the report and the trail use it. */
      readonly venue: Venue;
      readonly keyId: string;
      readonly secretKey: string;
      readonly tradingBaseUrl?: string;
      readonly dataBaseUrl?: string;
    }
  | {
      readonly kind: 'local';
      readonly venue: 'local';
      readonly scenarioPath?: string;
      /** The environment's keys, sent to the local exchange too (a scenario may require particular keys). */
      readonly credentials?: { readonly keyId: string; readonly secretKey: string };
    };

/**
 * --scenario means the local exchange with that scenario; otherwise Alpaca when both keys are set (paper unless
 * APCA_API_BASE_URL names another venue); otherwise the local exchange with the built-in demo scenario.
 */
export function chooseBroker(env: Env, scenarioPath: string | undefined): Result<BrokerChoice> {
  const keyId = nonEmpty(env['APCA_API_KEY_ID']);
  const secretKey = nonEmpty(env['APCA_API_SECRET_KEY']);
  if ((keyId === undefined) !== (secretKey === undefined)) {
    const missing = keyId === undefined ? 'APCA_API_KEY_ID' : 'APCA_API_SECRET_KEY';
    return err([`credentials: ${missing} is not set; set both APCA_API_KEY_ID and APCA_API_SECRET_KEY, or neither`]);
  }
  const credentials = keyId !== undefined && secretKey !== undefined ? { keyId, secretKey } : undefined;
  if (scenarioPath !== undefined) return ok({ kind: 'local', venue: 'local', scenarioPath, ...(credentials ? { credentials } : {}) });
  if (keyId === undefined || secretKey === undefined) return ok({ kind: 'local', venue: 'local' });
  const tradingBaseUrl = nonEmpty(env['APCA_API_BASE_URL']);
  const dataBaseUrl = nonEmpty(env['APCA_API_DATA_URL']);
  const problems: string[] = [];
  let venue: Venue = 'paper';
  if (tradingBaseUrl !== undefined) {
    const decided = venueOfTradingUrl(tradingBaseUrl);
    if (decided.ok) venue = decided.value;
    else problems.push(...decided.error.map((e) => `credentials: APCA_API_BASE_URL ${e}`));
  }
  if (dataBaseUrl !== undefined && !isHttpUrl(dataBaseUrl)) {
    problems.push(`credentials: APCA_API_DATA_URL ${JSON.stringify(dataBaseUrl)} is not an http(s) URL`);
  }
  if (problems.length > 0) return err(problems);
  return ok({
    kind: 'alpaca',
    venue,
    keyId,
    secretKey,
    ...(tradingBaseUrl !== undefined ? { tradingBaseUrl } : {}),
    ...(dataBaseUrl !== undefined ? { dataBaseUrl } : {}),
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
