import { describe, expect, it } from 'vitest';
import { expectConformsToSpec } from '../../support/openapi.js';
import { anExchange, get } from '../helpers.js';

type Day = { date: string; open: string; close: string; session_open: string; session_close: string; settlement_date: string };

async function calendar(query: string): Promise<{ status: number; body: unknown }> {
  const reply = await get(await anExchange(), `/v2/calendar${query}`);
  if (reply.status === 200) expectConformsToSpec('trading', 'GET', '/v2/calendar', 200, reply.body);
  return reply;
}

describe('GET /v2/calendar', () => {
  it('lists sessions with Thanksgiving closed, the early close after it and T+1 settlement', async () => {
    const { status, body } = await calendar('?start=2025-11-25&end=2025-12-01');
    expect(status).toBe(200);
    expect(body).toEqual([
      { date: '2025-11-25', open: '09:30', close: '16:00', session_open: '0400', session_close: '2000', settlement_date: '2025-11-26' },
      { date: '2025-11-26', open: '09:30', close: '16:00', session_open: '0400', session_close: '2000', settlement_date: '2025-11-28' },
      { date: '2025-11-28', open: '09:30', close: '13:00', session_open: '0400', session_close: '2000', settlement_date: '2025-12-01' },
      { date: '2025-12-01', open: '09:30', close: '16:00', session_open: '0400', session_close: '2000', settlement_date: '2025-12-02' },
    ]);
  });

  it('takes the UTC date of full ISO date-times, as the SDK sends them', async () => {
    const { body } = await calendar('?start=2025-11-24T00:00:00.000Z&end=2025-11-25T00:00:00.000Z');
    expect((body as Day[]).map((d) => d.date)).toEqual(['2025-11-24', '2025-11-25']);
  });

  it('defaults start and end to the clock date', async () => {
    const { body } = await calendar('');
    expect((body as Day[]).map((d) => d.date)).toEqual(['2025-11-20']);
  });

  it('selects by settlement date when date_type is SETTLEMENT', async () => {
    const { body } = await calendar('?start=2025-11-28&end=2025-11-28&date_type=SETTLEMENT');
    expect((body as Day[]).map((d) => [d.date, d.settlement_date])).toEqual([['2025-11-26', '2025-11-28']]);
  });

  it('answers an empty list when start is after end', async () => {
    expect((await calendar('?start=2025-12-01&end=2025-11-01')).body).toEqual([]);
  });

  it.each(['?start=yesterday', '?end=2025-13-01', '?date_type=WEEKLY'])('rejects %s with 400', async (query) => {
    const { status, body } = await calendar(query);
    expect(status).toBe(400);
    expectConformsToSpec('trading', 'GET', '/v2/calendar', 400, body);
    expect(body).toMatchObject({ code: 40010001, message: expect.stringMatching(/invalid/) });
  });
});
