import type { IncomingHttpHeaders } from 'node:http';
import type { MarketScenario } from '../scenario.js';

/** Alpaca's key headers must be present and non-empty; when the scenario fixes keys, they must match. */
export function isAuthorized(headers: IncomingHttpHeaders, keys: MarketScenario['keys']): boolean {
  const keyId = single(headers['apca-api-key-id']);
  const secret = single(headers['apca-api-secret-key']);
  if (!keyId || !secret) return false;
  if (keys?.keyId !== undefined && keys.keyId !== keyId) return false;
  if (keys?.secretKey !== undefined && keys.secretKey !== secret) return false;
  return true;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value?.trim() || undefined;
}
