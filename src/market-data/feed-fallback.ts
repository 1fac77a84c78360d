import { FeedNotPermittedError, type DailyBarsRequest, type DailyBarsResult, type MarketData } from './port.js';

/** Told once, when SIP was refused and IEX is used for the rest of the run. */
export type FeedFallbackListener = (event: { readonly from: 'sip'; readonly to: 'iex'; readonly reason: string }) => void;

/**
 * Asks for SIP and, when the account's plan refuses it, for IEX: once per run, so later requests go to IEX at once
 * rather than being refused again. Every answer says which feed it came from. Put it in front of the bar cache: the
 * cache files are per feed, so bars of the two feeds never mix on disk.
 */
export class FeedFallbackMarketData implements MarketData {
  private refusal: string | undefined;

  constructor(
    private readonly inner: MarketData,
    private readonly onFallback: FeedFallbackListener = () => undefined,
  ) {}

  async getDailyBars(request: DailyBarsRequest): Promise<DailyBarsResult> {
    if (request.feed !== 'sip') return this.inner.getDailyBars(request);
    if (this.refusal !== undefined) return this.fromIex(request, this.refusal);
    try {
      return { ...(await this.inner.getDailyBars(request)), feed: 'sip' };
    } catch (error) {
      if (!(error instanceof FeedNotPermittedError) || error.feed !== 'sip') throw error;
      this.refusal = error.message;
      this.onFallback({ from: 'sip', to: 'iex', reason: error.message });
      return this.fromIex(request, error.message);
    }
  }

  private async fromIex(request: DailyBarsRequest, refusal: string): Promise<DailyBarsResult> {
    const result = await this.inner.getDailyBars({ ...request, feed: 'iex' });
    return { ...result, feed: 'iex', feedFallback: `sip refused, iex used instead: ${refusal}` };
  }
}
