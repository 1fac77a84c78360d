import { selectBarsPage } from '../bars-page.js';
import { parseBarsQuery } from '../bars-query.js';
import { apiError, badRequest, ok } from '../http/errors.js';
import type { ApiResponse, Route } from '../http/types.js';
import { barJson } from '../json/bar-json.js';
import type { ExchangeContext } from '../context.js';

/** How recent SIP data is for Alpaca's free plan: anything up to 15 minutes old. */
const RECENT_MS = 15 * 60_000;

/**
 * Alpaca's refusal of SIP data the account's plan does not include: HTTP 403 with this body (Market Data FAQ,
 * https://docs.alpaca.markets/docs/market-data-faq).
 */
const sipNotPermitted = (): ApiResponse => apiError(403, 42210000, 'subscription does not permit querying recent SIP data');

/** The refusal when the scenario's plan lacks SIP and this request asks for it; undefined when it may be served. */
function refusedFeed(query: URLSearchParams, ctx: ExchangeContext): ApiResponse | undefined {
  const rule = ctx.scenario.marketData?.sipForbidden ?? false;
  if (rule === false || query.get('feed') !== 'sip') return undefined;
  if (rule === true) return sipNotPermitted();
  // A missing end means "now"; a day or an instant counts from its start (the earliest instant it can mean).
  const endText = query.get('end');
  const end = endText === null || endText === '' ? ctx.state.now : new Date(endText);
  return end.getTime() > ctx.state.now.getTime() - RECENT_MS ? sipNotPermitted() : undefined;
}

export const barRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v2/stocks/bars',
    handler: (req, ctx) => {
      const query = parseBarsQuery(req.query, req.query.get('symbols'), ctx.state.now);
      if (!query.ok) return badRequest(query.error);
      const refused = refusedFeed(req.query, ctx);
      if (refused !== undefined) return refused;
      const page = selectBarsPage(ctx.scenario.bars, query.value);
      const bars: Record<string, unknown[]> = {};
      for (const [symbol, list] of page.bars) bars[symbol] = list.map(barJson);
      return ok({ bars, next_page_token: page.nextPageToken, currency: 'USD' });
    },
  },
  {
    method: 'GET',
    path: '/v2/stocks/:symbol/bars',
    handler: (req, ctx) => {
      const symbol = (req.params['symbol'] ?? '').toUpperCase();
      // A comma would turn the path symbol into a list.
      if (symbol.includes(',')) return badRequest(`invalid symbol: ${symbol}`);
      const query = parseBarsQuery(req.query, symbol, ctx.state.now);
      if (!query.ok) return badRequest(query.error);
      const refused = refusedFeed(req.query, ctx);
      if (refused !== undefined) return refused;
      const page = selectBarsPage(ctx.scenario.bars, query.value);
      return ok({ bars: (page.bars.get(symbol) ?? []).map(barJson), symbol, next_page_token: page.nextPageToken });
    },
  },
];
