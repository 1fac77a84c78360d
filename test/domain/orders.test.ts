import { describe, expect, it } from 'vitest';
import {
  FINAL_ORDER_STATUSES,
  ORDER_STATUSES,
  isFinalOrderStatus,
  isOpenOrderStatus,
  isUnknownOrderStatus,
  toOrderStatus,
} from '../../src/domain/index.js';
import { specSchema } from '../support/openapi.js';

describe('toOrderStatus', () => {
  it("knows every status in Alpaca's Trading API spec, and nothing the spec does not list", () => {
    const inSpec = (specSchema('trading', 'OrderStatus') as { enum: string[] }).enum;
    expect([...ORDER_STATUSES].sort()).toEqual([...inSpec].sort());
  });

  it.each(ORDER_STATUSES.map((status) => [status]))('reads %s as itself', (status) => {
    expect(toOrderStatus(status)).toBe(status);
  });

  it.each([['pending_review'], ['FILLED'], [''], ['new ']])(
    'reads a status it does not know (%o) as unknown:<text>, never as an error nor as another status',
    (text) => {
      const status = toOrderStatus(text);
      expect(status).toBe(`unknown:${text}`);
      expect(isUnknownOrderStatus(status)).toBe(true);
    },
  );
});

describe('order status classes', () => {
  it.each([
    ['filled', true],
    ['canceled', true],
    ['expired', true],
    ['rejected', true],
    ['replaced', true],
    ['done_for_day', true],
    ['calculated', true],
    ['new', false],
    ['accepted', false],
    ['partially_filled', false],
    ['pending_new', false],
    ['pending_cancel', false],
    ['pending_replace', false],
    ['accepted_for_bidding', false],
    ['stopped', false],
    ['suspended', false],
    ['held', false],
    ['unknown:pending_review', false],
  ] as const)('%s is final: %s (and open: the opposite)', (status, final) => {
    expect(isFinalOrderStatus(status)).toBe(final);
    expect(isOpenOrderStatus(status)).toBe(!final);
  });

  it('lists only statuses of the spec as final', () => {
    for (const status of FINAL_ORDER_STATUSES) expect(ORDER_STATUSES).toContain(status);
  });
});
