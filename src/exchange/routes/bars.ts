import { selectBarsPage } from '../bars-page.js';
import { parseBarsQuery } from '../bars-query.js';
import { badRequest, ok } from '../http/errors.js';
import type { Route } from '../http/types.js';
import { barJson } from '../json/bar-json.js';

export const barRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v2/stocks/bars',
    handler: (req, ctx) => {
      const query = parseBarsQuery(req.query, req.query.get('symbols'), ctx.state.now);
      if (!query.ok) return badRequest(query.error);
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
      const page = selectBarsPage(ctx.scenario.bars, query.value);
      return ok({ bars: (page.bars.get(symbol) ?? []).map(barJson), symbol, next_page_token: page.nextPageToken });
    },
  },
];
