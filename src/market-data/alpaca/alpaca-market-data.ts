import type { marketData } from '@alpacahq/alpaca-trade-api';
import type { AlpacaClient } from '../../broker/alpaca/client.js';
import { isApiError, toBrokerError, unexpectedResponse } from '../../broker/alpaca/errors.js';
import { BrokerError } from '../../broker/port.js';
import { FeedNotPermittedError, type DailyBarsRequest, type DailyBarsResult, type MarketData } from '../port.js';
import { NO_PROGRESS, type FetchProgress } from '../progress/progress.js';
import { BarsMerger, barsPageSchema, newYorkMidnight, type BarsPage } from './bars-page.js';
import { planBatches, type BatchPolicy } from './batch-plan.js';
import { forEachLimited } from './for-each-limited.js';
import { rateLimitSignal, sharedRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface AlpacaMarketDataOptions extends Partial<BatchPolicy> {
  /** Batches fetched at the same time. */
  readonly concurrency?: number;
  /** The limiter every request waits for; default: the process's shared limiter for the client's data host. */
  readonly rateLimiter?: RateLimiter;
  /** Rate of the shared limiter when this adapter is the first to use it. Default 200 (Alpaca's free plan). */
  readonly requestsPerMinute?: number;
  /** 429 answers waited out per page before the fetch fails. */
  readonly maxRateLimitWaits?: number;
  readonly progress?: FetchProgress;
  /** Told once per pause of a second or more that the server's rate limit imposes, e.g. to log why a run waits. */
  readonly onRateLimitPause?: (waitMs: number) => void;
  /** The clock used when a request carries no brokerTime. Default: the machine's. */
  readonly now?: () => Date;
}

/** Alpaca serves SIP data to plans without real-time access only when it is older than this. */
export const RECENT_DATA_MS = 15 * 60_000;
/** Alpaca's answer to a feed the plan does not include (403, code 42210000). */
const FEED_NOT_PERMITTED = /subscription does not permit/i;
const SDK_SIP_HINT = ' (Your account may not have SIP';

/**
 * Measured against the local exchange (505 symbols, a year, 132k bars; medians of 6 on a busy 2-CPU machine):
 * with 50 ms latency one batch (14 pages in a row) took 2.2 s, 2 batches 1.8 s, 4 or 8 batches 1.2-1.3 s, 16 one-page
 * batches 1.5 s; without latency all were 0.8-1.4 s (the in-process exchange shares the CPU). 8 batches at once keep
 * the pages in a row at 2 and the requests within 8 + ceil(bars / 10000) whatever the data holds; 200 symbols per
 * request keeps the URL near 1 kB.
 */
export const DEFAULT_BATCH_POLICY: BatchPolicy = { pageLimit: 10_000, maxBatches: 8, maxSymbolsPerRequest: 200 };
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_RATE_LIMIT_WAITS = 5;
/** Shorter pauses are routine and not worth a word. */
const PAUSE_WORTH_TELLING_MS = 1_000;

interface PageParams {
  readonly symbols: string;
  readonly start: Date;
  readonly end: Date;
  readonly request: DailyBarsRequest;
  readonly pageToken: string | undefined;
}

/**
 * The MarketData port over Alpaca's multi-symbol bars endpoint, under one rate limiter per data host. Failures are
 * thrown as BrokerError, classified like the broker's, since both are the same Alpaca edge.
 * Our limiter rather than the SDK's: the SDK's is per Configuration (each new client starts with a fresh 200-token
 * bucket), never reads X-Ratelimit-Remaining/Reset, and waits out a 429 for at most its retry cap (5 s by default)
 * while Alpaca's window is a minute. The SDK's may stay on behind ours: at the same rate it never binds.
 */
export class AlpacaMarketData implements MarketData {
  private readonly policy: BatchPolicy;
  private readonly concurrency: number;
  private readonly limiter: RateLimiter;
  private readonly maxRateLimitWaits: number;
  private readonly progress: FetchProgress;
  private readonly onRateLimitPause: (waitMs: number) => void;
  private readonly now: () => Date;
  /** The end of the last pause told about: the batches waiting in parallel tell it once. */
  private toldPauseUntil = 0;

  constructor(
    private readonly client: AlpacaClient,
    options: AlpacaMarketDataOptions = {},
  ) {
    this.policy = {
      pageLimit: options.pageLimit ?? DEFAULT_BATCH_POLICY.pageLimit,
      maxBatches: options.maxBatches ?? DEFAULT_BATCH_POLICY.maxBatches,
      maxSymbolsPerRequest: options.maxSymbolsPerRequest ?? DEFAULT_BATCH_POLICY.maxSymbolsPerRequest,
    };
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.limiter =
      options.rateLimiter ??
      sharedRateLimiter(client.dataBaseUrl, options.requestsPerMinute === undefined ? {} : { requestsPerMinute: options.requestsPerMinute });
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? DEFAULT_RATE_LIMIT_WAITS;
    this.progress = options.progress ?? NO_PROGRESS;
    this.onRateLimitPause = options.onRateLimitPause ?? (() => undefined);
    this.now = options.now ?? (() => new Date());
  }

  async getDailyBars(request: DailyBarsRequest): Promise<DailyBarsResult> {
    // Sorted like Alpaca's answers, so a page's last symbol tells which symbols of its batch are complete.
    const symbols = [...new Set(request.symbols)].sort();
    const start = newYorkMidnight(request.start);
    const end = this.endBound(request);
    // Nothing old enough yet (e.g. only today's bar wanted, minutes after midnight): Alpaca would refuse end < start.
    if (end < start) return { bars: new Map(), requests: 0 };
    const merger = new BarsMerger(new Set(symbols));
    const batches = planBatches(symbols, request.start, request.end, this.policy);
    const { requests } = await this.client.countRequests(() =>
      forEachLimited(batches, this.concurrency, async (batch) => {
        let done = 0;
        for await (const page of this.pages(batch, start, end, request)) {
          merger.add(page);
          const complete = Math.max(done, completedSymbols(batch, page));
          if (complete > done) this.progress.symbolsFetched(complete - done);
          done = complete;
        }
      }),
    );
    return { bars: merger.result(), requests };
  }

  /**
   * The last day's bar is stamped at its New York midnight and `end` is inclusive, so that midnight is the bound; but
   * never later than 15 minutes before the broker's time: Alpaca refuses SIP data newer than that to plans without
   * real-time access (and a daily bar that recent is still forming).
   */
  private endBound(request: DailyBarsRequest): Date {
    const lastDay = newYorkMidnight(request.end);
    const brokerTime = request.brokerTime === undefined ? this.now() : new Date(request.brokerTime);
    if (Number.isNaN(brokerTime.getTime())) throw new RangeError(`brokerTime is not a time: ${JSON.stringify(request.brokerTime)}`);
    const newest = new Date(brokerTime.getTime() - RECENT_DATA_MS);
    return lastDay < newest ? lastDay : newest;
  }

  /** Follows next_page_token until Alpaca sends none. */
  private async *pages(batch: readonly string[], start: Date, end: Date, request: DailyBarsRequest): AsyncGenerator<BarsPage> {
    const action = `fetching daily bars for ${batch.length} symbols (${batch[0] ?? ''}…)`;
    const symbols = batch.join(',');
    const tokens = new Set<string>();
    let pageToken: string | undefined;
    do {
      const page = await this.fetchPage({ symbols, start, end, request, pageToken }, action);
      yield page;
      pageToken = page.nextPageToken;
      // The same token twice would loop forever; fail loudly rather than return partial history.
      if (pageToken !== undefined && tokens.has(pageToken)) {
        throw new BrokerError('fatal', `Alpaca sent the same page token twice while ${action}`);
      }
      if (pageToken !== undefined) tokens.add(pageToken);
    } while (pageToken !== undefined);
  }

  /** One GET, sent when the limiter allows; a 429 is waited out (until the window resets) and the GET repeated. */
  private async fetchPage(params: PageParams, action: string): Promise<BarsPage> {
    for (let waits = 0; ; waits++) {
      this.tellPause();
      await this.limiter.acquire();
      let body: unknown;
      try {
        const response = await this.stocksApi().stockBarsRaw({
          symbols: params.symbols,
          timeframe: '1Day',
          start: params.start,
          end: params.end,
          limit: this.policy.pageLimit,
          adjustment: params.request.adjustment,
          sort: 'asc',
          ...(params.request.feed === undefined ? {} : { feed: params.request.feed }),
          ...(params.pageToken === undefined ? {} : { pageToken: params.pageToken }),
        });
        // The raw body through JSON.parse: the SDK's lossless parse of a 10,000-bar page costs several times more,
        // and its only gain (integers beyond 2^53 kept exact) never applies to daily bars.
        body = await readJson(response.raw, action);
      } catch (error) {
        if (isApiError(error) && error.status === 429 && waits < this.maxRateLimitWaits) {
          if (error.retryAfterMs !== undefined) this.limiter.pauseFor(error.retryAfterMs);
          continue;
        }
        const feed = params.request.feed;
        if (isApiError(error) && error.status === 403 && feed !== undefined && FEED_NOT_PERMITTED.test(error.message)) {
          // Without the SDK's appended advice, which speaks to SDK callers ("pass { feed: 'iex' }").
          const said = error.message.split(SDK_SIP_HINT)[0]?.trim() ?? error.message;
          throw new FeedNotPermittedError(feed, `Alpaca refused the ${feed} feed while ${action} (HTTP 403: ${this.client.redact(said)})`);
        }
        throw toBrokerError(error, action, this.client.redact) ?? error;
      }
      const parsed = barsPageSchema.safeParse(body);
      if (!parsed.success) throw unexpectedResponse(action, parsed.error);
      return parsed.data;
    }
  }

  private tellPause(): void {
    const pause = this.limiter.currentPause();
    if (pause === undefined || pause.untilMs === this.toldPauseUntil || pause.remainingMs < PAUSE_WORTH_TELLING_MS) return;
    this.toldPauseUntil = pause.untilMs;
    this.onRateLimitPause(pause.remainingMs);
  }

  /**
   * The SDK's stock API with this adapter's hooks: every attempt (the SDK's own retries included) is reported and
   * counted against the limiter, and every answer's rate-limit headers are read. Attempts after the first were not
   * waited for (the SDK sends them from inside its timeout), so they are charged instead.
   */
  private stocksApi(): marketData.StockApi {
    let attempts = 0;
    return this.client.sdk.marketData.stocks.withMiddleware({
      pre: async () => {
        if (attempts++ > 0) this.limiter.charge();
        this.progress.requestSent();
      },
      post: async ({ response }) => {
        this.limiter.observe(rateLimitSignal(response.status, response.headers));
      },
    });
  }
}

async function readJson(response: Response, action: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BrokerError('fatal', `Alpaca sent a body that is not JSON while ${action} (${text.length} characters)`);
  }
}

/** Symbols of a sorted batch whose bars are all in: those before the page's last one, or all after the last page. */
export function completedSymbols(batch: readonly string[], page: BarsPage): number {
  if (page.nextPageToken === undefined) return batch.length;
  let last: string | undefined;
  for (const symbol of Object.keys(page.bars)) if (last === undefined || symbol > last) last = symbol;
  if (last === undefined) return 0;
  let complete = 0;
  while (complete < batch.length && (batch[complete] as string) < last) complete++;
  return complete;
}
