import { AsyncLocalStorage } from 'node:async_hooks';
import { Alpaca } from '@alpacahq/alpaca-trade-api';

export interface AlpacaClientOptions {
  readonly keyId: string;
  readonly secretKey: string;
  readonly paper: boolean;
  /** Replaces Alpaca's trading host (APCA_API_BASE_URL or the local exchange), e.g. http://127.0.0.1:4010. */
  readonly tradingBaseUrl?: string;
  /** Replaces Alpaca's market-data host (APCA_API_DATA_URL or the local exchange). */
  readonly dataBaseUrl?: string;
  readonly fetchImpl?: typeof fetch;
  /** The SDK's retry of GETs on 429/5xx/network errors; on by default. */
  readonly retry?: boolean;
  /** The SDK's client-side limiter (200 requests/min per host); on by default. */
  readonly rateLimit?: boolean;
  /** Per-attempt timeout; the SDK's default is 30 s. */
  readonly timeoutMs?: number;
}

/** The SDK facade plus what the adapters need around it. */
export interface AlpacaClient {
  readonly sdk: Alpaca;
  /** True when orders would reach Alpaca's live (real money) trading host. */
  readonly isLive: boolean;
  readonly tradingBaseUrl: string;
  readonly dataBaseUrl: string;
  /** The trade_updates WebSocket URL to pass to `sdk.trading.stream({ url })`; undefined = the SDK's own. */
  readonly tradeStreamUrl: string | undefined;
  /** Runs `work` and counts the HTTP requests it sent (retries included). */
  countRequests<T>(work: () => Promise<T>): Promise<{ readonly value: T; readonly requests: number }>;
  /** Removes the API key id and secret from a text before it is logged or shown. */
  redact(text: string): string;
}

export const PAPER_TRADING_URL = 'https://paper-api.alpaca.markets';
export const LIVE_TRADING_URL = 'https://api.alpaca.markets';
export const MARKET_DATA_URL = 'https://data.alpaca.markets';

const TRADING_HOST = /^https:\/\/(?:paper-api|api)\.alpaca\.markets(?=[/?]|$)/;
const DATA_HOST = /^https:\/\/data(?:\.sandbox)?\.alpaca\.markets(?=[/?]|$)/;

/**
 * Normalises a base URL: no trailing slash, and no trailing `/v2` because Alpaca's dashboard shows the endpoint as
 * `https://paper-api.alpaca.markets/v2` while the SDK appends `/v2/...` itself.
 */
export function normaliseBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/v2$/, '');
}

/** Rewrites the SDK's fixed Alpaca hosts to the configured bases; other URLs pass unchanged. */
export function rewriteAlpacaUrl(url: string, bases: { readonly trading?: string; readonly data?: string }): string {
  if (bases.trading !== undefined && TRADING_HOST.test(url)) return url.replace(TRADING_HOST, bases.trading);
  if (bases.data !== undefined && DATA_HOST.test(url)) return url.replace(DATA_HOST, bases.data);
  return url;
}

export function createAlpacaClient(opts: AlpacaClientOptions): AlpacaClient {
  const tradingOverride = opts.tradingBaseUrl === undefined ? undefined : normaliseBaseUrl(opts.tradingBaseUrl);
  const dataOverride = opts.dataBaseUrl === undefined ? undefined : normaliseBaseUrl(opts.dataBaseUrl);
  const tradingBaseUrl = tradingOverride ?? (opts.paper ? PAPER_TRADING_URL : LIVE_TRADING_URL);
  const dataBaseUrl = dataOverride ?? MARKET_DATA_URL;
  const baseFetch = opts.fetchImpl ?? fetch;
  // One counter per countRequests() call, carried through the SDK's awaits so concurrent calls do not mix.
  const counters = new AsyncLocalStorage<{ requests: number }>();
  const bases = {
    ...(tradingOverride === undefined ? {} : { trading: tradingOverride }),
    ...(dataOverride === undefined ? {} : { data: dataOverride }),
  };

  const sdk = new Alpaca({
    keyId: opts.keyId,
    secret: opts.secretKey,
    paper: opts.paper,
    ...(opts.retry === false ? { retry: false as const } : {}),
    ...(opts.rateLimit === false ? { rateLimit: false as const } : {}),
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    fetchApi: (url: string, init: RequestInit) => {
      const counter = counters.getStore();
      if (counter !== undefined) counter.requests += 1;
      return baseFetch(rewriteAlpacaUrl(url, bases), init);
    },
  });

  // Dummy local keys of a few characters are no secret, and redacting them would mangle every message.
  const secrets = [opts.secretKey, opts.keyId].filter((s) => s.length >= 4);
  return {
    sdk,
    isLive: new URL(tradingBaseUrl).hostname === new URL(LIVE_TRADING_URL).hostname,
    tradingBaseUrl,
    dataBaseUrl,
    tradeStreamUrl: tradingOverride === undefined ? undefined : `${tradingOverride.replace(/^http/, 'ws')}/stream`,
    async countRequests<T>(work: () => Promise<T>) {
      const counter = { requests: 0 };
      const value = await counters.run(counter, work);
      return { value, requests: counter.requests };
    },
    redact: (text: string) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text),
  };
}
