import type { AlpacaClient } from '../../broker/alpaca/client.js';
import { callAlpaca, unexpectedResponse } from '../../broker/alpaca/errors.js';
import { BrokerError } from '../../broker/port.js';
import type { DailyBarsRequest, DailyBarsResult, MarketData } from '../port.js';
import { BarsMerger, barsPageSchema, newYorkMidnight, type BarsPage } from './bars-page.js';

export interface AlpacaMarketDataOptions {
  /** Bars per page, counted across all symbols of a request; Alpaca's maximum (and default here) is 10000. */
  readonly pageLimit?: number;
  /** Symbols per request; keeps the query string short. */
  readonly batchSize?: number;
  /** Batches fetched at the same time. */
  readonly concurrency?: number;
}

/** Splits a list into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Runs `work` on every item with at most `limit` in flight. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The MarketData port over Alpaca's multi-symbol bars endpoint. Failures are thrown as BrokerError, classified like
 * the broker's, since both are the same Alpaca edge.
 */
export class AlpacaMarketData implements MarketData {
  private readonly pageLimit: number;
  private readonly batchSize: number;
  private readonly concurrency: number;

  constructor(
    private readonly client: AlpacaClient,
    options: AlpacaMarketDataOptions = {},
  ) {
    this.pageLimit = options.pageLimit ?? 10_000;
    this.batchSize = options.batchSize ?? 100;
    this.concurrency = options.concurrency ?? 4;
  }

  async getDailyBars(request: DailyBarsRequest): Promise<DailyBarsResult> {
    const symbols = [...new Set(request.symbols)];
    const start = newYorkMidnight(request.start);
    // The last day's bar is stamped at its New York midnight and `end` is inclusive; a later bound could also be in
    // the future, which Alpaca's free plan refuses for SIP data.
    const end = newYorkMidnight(request.end);
    const merger = new BarsMerger(new Set(symbols));
    const { requests } = await this.client.countRequests(() =>
      forEachLimited(chunk(symbols, this.batchSize), this.concurrency, async (batch) => {
        for await (const page of this.pages(batch, start, end, request)) merger.add(page);
      }),
    );
    return { bars: merger.result(), requests };
  }

  /** Follows next_page_token until Alpaca sends none. */
  private async *pages(
    batch: readonly string[],
    start: Date,
    end: Date,
    request: DailyBarsRequest,
  ): AsyncGenerator<BarsPage> {
    const action = `fetching daily bars for ${batch.length} symbols (${batch[0] ?? ''}…)`;
    const tokens = new Set<string>();
    let pageToken: string | undefined;
    do {
      const raw = await callAlpaca(action, this.client.redact, () =>
        this.client.sdk.marketData.stocks.stockBars({
          symbols: batch.join(','),
          timeframe: '1Day',
          start,
          end,
          limit: this.pageLimit,
          adjustment: request.adjustment,
          sort: 'asc',
          ...(request.feed === undefined ? {} : { feed: request.feed }),
          ...(pageToken === undefined ? {} : { pageToken }),
        }),
      );
      const parsed = barsPageSchema.safeParse(raw);
      if (!parsed.success) throw unexpectedResponse(action, parsed.error);
      yield parsed.data;
      pageToken = parsed.data.nextPageToken;
      // The same token twice would loop forever; fail loudly rather than return partial history.
      if (pageToken !== undefined && tokens.has(pageToken)) {
        throw new BrokerError('fatal', `Alpaca sent the same page token twice while ${action}`);
      }
      if (pageToken !== undefined) tokens.add(pageToken);
    } while (pageToken !== undefined);
  }
}
