import { isTradingDay } from '../calendar/index.js';
import { addDays } from '../../time/calendar-date.js';
import { newYorkDateOf as newYorkDate } from '../../time/new-york.js';
import { ok } from '../http/errors.js';
import type { Route } from '../http/types.js';
import { accountJson } from '../json/account-json.js';
import { valueAccount, valuePositions } from '../valuation.js';

export const accountRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v2/account',
    handler: (_req, ctx) => {
      const valuation = valueAccount(ctx, valuePositions(ctx));
      return ok(accountJson(valuation, previousTradingDay(newYorkDate(ctx.state.now)), ctx.scenario.account.tradingBlocked === true));
    },
  },
];

/** The `last_*` figures are as of the previous session's close. */
function previousTradingDay(date: string): string {
  let day = addDays(date, -1);
  // Exchanges never close for more than a few days in a row; the bound only guards a broken calendar.
  for (let i = 0; i < 14 && !isTradingDay(day); i++) day = addDays(day, -1);
  return day;
}
