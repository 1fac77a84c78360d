import { AsyncLocalStorage } from 'node:async_hooks';
// The REST-only entry: the full one also loads the streaming stack (ws, msgpack), which only a real run needs
// (openTradingStream loads it then). A dry run starts about 80 ms sooner.
import { Alpaca, type trading } from '@alpacahq/alpaca-trade-api/rest';
import type { streaming } from '@alpacahq/alpaca-trade-api';
import type { Venue } from '../../domain/index.js';

export interface AlpacaClientOptions {
  readonly keyId: string;
  readonly secretKey: string;
  /**
   * Where orders go, decided once by the caller from the parsed trading URL (src/app/venue.ts). The client never
   * decides it again: it only picks Alpaca's default host for paper or live when no base URL is given.
   */
  readonly venue: Venue;
  /** Replaces Alpaca's trading host (APCA_API_BASE_URL or the local exchange), e.g. http://127.0.0.1:4010. */
  readonly tradingBaseUrl?: string;
  /** Replaces Alpaca's market-data host (APCA_API_DATA_URL or the local exchange). */
  readonly dataBaseUrl?: string;
  readonly fetchImpl?: typeof fetch;
  /**
   * The SDK's retry of GETs on 429/5xx/network errors (POST, PATCH and DELETE are never retried by the SDK).
   * true or absent: the SDK's defaults (2 retries from 250 ms); false: off; an object: that policy.
   */
  readonly retry?: boolean | GetRetryPolicy;
  /** The SDK's client-side limiter (200 requests/min per host); on by default. */
  readonly rateLimit?: boolean;
  /** Per-attempt timeout; the SDK's default is 30 s. */
  readonly timeoutMs?: number;
}

/** How the SDK retries a failed GET: exponential backoff from retryDelayMs, honouring Retry-After up to maxDelayMs. */
export interface GetRetryPolicy {
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  /** Cap of one wait; a Retry-After longer than this is cut short. Default 5 s (the SDK's). */
  readonly maxDelayMs?: number;
}

/**
 * For the local exchange: quick retries (its faults are injected 5xx and short rate-limit windows), enough of them
 * that a 20 % error rate almost never gets through (0.2^5), and a cap that lets a whole Retry-After be honoured.
 */
export const LOCAL_EXCHANGE_RETRY: GetRetryPolicy = { maxRetries: 4, retryDelayMs: 50, maxDelayMs: 60_000 };

/** The SDK facade plus what the adapters need around it. */
export interface AlpacaClient {
  readonly sdk: Alpaca;
  /** The venue it was built for: 'live' means real money. */
  readonly venue: Venue;
  readonly tradingBaseUrl: string;
  readonly dataBaseUrl: string;
  /** The trade_updates WebSocket URL; undefined = the SDK's own (Alpaca's paper or live stream). */
  readonly tradeStreamUrl: string | undefined;
  /** A trade_updates stream, not yet connected: what `sdk.trading.stream()` of the full SDK entry builds. */
  openTradingStream(): Promise<{ readonly stream: streaming.TradingStream; readonly streaming: typeof streaming }>;
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

function sdkRetry(retry: AlpacaClientOptions['retry']): { retry?: false | trading.RetryConfig } {
  if (retry === false) return { retry: false };
  if (retry === undefined || retry === true) return {};
  return { retry: { ...retry, respectRetryAfter: true } };
}

export function createAlpacaClient(opts: AlpacaClientOptions): AlpacaClient {
  const tradingOverride = opts.tradingBaseUrl === undefined ? undefined : normaliseBaseUrl(opts.tradingBaseUrl);
  const dataOverride = opts.dataBaseUrl === undefined ? undefined : normaliseBaseUrl(opts.dataBaseUrl);
  if (opts.venue === 'local' && tradingOverride === undefined) throw new Error('a local venue needs the local exchange\'s base URL');
  const tradingBaseUrl = tradingOverride ?? (opts.venue === 'live' ? LIVE_TRADING_URL : PAPER_TRADING_URL);
  // The SDK's own hosts and stream: live only for the live venue.
  const paper = opts.venue !== 'live';
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
    paper,
    ...sdkRetry(opts.retry),
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
  const tradeStreamUrl = tradingOverride === undefined ? undefined : `${tradingOverride.replace(/^http/, 'ws')}/stream`;
  return {
    sdk,
    venue: opts.venue,
    tradingBaseUrl,
    dataBaseUrl,
    tradeStreamUrl,
    async openTradingStream() {
      const { streaming } = await import('@alpacahq/alpaca-trade-api');
      const stream = new streaming.TradingStream({
        credentials: { keyId: opts.keyId, secret: opts.secretKey },
        paper,
        ...(tradeStreamUrl === undefined ? {} : { url: tradeStreamUrl }),
      });
      return { stream, streaming };
    },
    async countRequests<T>(work: () => Promise<T>) {
      const counter = { requests: 0 };
      const value = await counters.run(counter, work);
      return { value, requests: counter.requests };
    },
    redact: (text: string) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text),
  };
}
