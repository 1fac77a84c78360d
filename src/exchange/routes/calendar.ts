import { sessionsBetween } from '../calendar/index.js';
import { addDays, isIsoDate } from '../../time/calendar-date.js';
import { newYorkDateOf as newYorkDate } from '../../time/new-york.js';
import { badRequest, ok } from '../http/errors.js';
import type { ApiResponse, Route } from '../http/types.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
// Alpaca serves 1970-2029; clamping keeps a typo like start=0001-01-01 from walking millennia.
const FIRST_DATE = '1970-01-01';
const LAST_DATE = '2029-12-31';
// Settlement is T+1; a week covers any run of holidays.
const SETTLEMENT_LOOKAHEAD_DAYS = 10;

export const calendarRoutes: readonly Route[] = [{ method: 'GET', path: '/v2/calendar', handler: (req, ctx) => calendar(req.query, ctx.state.now) }];

function calendar(query: URLSearchParams, now: Date): ApiResponse {
  const today = newYorkDate(now);
  const start = parseCalendarDate(query.get('start'), today);
  const end = parseCalendarDate(query.get('end'), today);
  if (start === undefined) return badRequest(`invalid start: ${query.get('start')} (expected YYYY-MM-DD or RFC 3339)`);
  if (end === undefined) return badRequest(`invalid end: ${query.get('end')} (expected YYYY-MM-DD or RFC 3339)`);
  const dateType = query.get('date_type') || 'TRADING';
  if (dateType !== 'TRADING' && dateType !== 'SETTLEMENT') return badRequest(`invalid date_type: ${dateType}`);
  const from = start < FIRST_DATE ? FIRST_DATE : start;
  const to = end > LAST_DATE ? LAST_DATE : end;
  if (from > to) return ok([]);

  // Fetch a little extra on both sides: settlement dates look ahead, SETTLEMENT queries look back.
  const sessions = sessionsBetween(addDays(from, -SETTLEMENT_LOOKAHEAD_DAYS), addDays(to, SETTLEMENT_LOOKAHEAD_DAYS));
  const days = [];
  for (let i = 0; i < sessions.length - 1; i++) {
    const s = sessions[i];
    const next = sessions[i + 1];
    if (!s || !next) continue;
    const key = dateType === 'TRADING' ? s.date : next.date;
    if (key < from || key > to) continue;
    days.push({ date: s.date, open: s.open, close: s.close, session_open: '0400', session_close: '2000', settlement_date: next.date });
  }
  return ok(days);
}

/** YYYY-MM-DD as is; a date-time by its UTC date (the SDK sends midnight UTC of the wanted day). */
function parseCalendarDate(raw: string | null, fallback: string): string | undefined {
  if (raw === null || raw === '') return fallback;
  if (isIsoDate(raw)) return raw;
  if (!RFC3339.test(raw)) return undefined;
  const instant = new Date(raw);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString().slice(0, 10);
}
