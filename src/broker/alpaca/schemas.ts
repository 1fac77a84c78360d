import { newYorkIso } from '../../time/new-york.js';
import * as z from 'zod';
import { toOrderStatus, type Account, type Asset, type BrokerOrder, type MarketClock, type OpenOrder, type Position, type TradingDay } from '../../domain/index.js';

/** Alpaca sends money and quantities as decimal strings; a number is accepted too, NaN and Infinity never. */
export const decimal = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const n = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `expected a decimal number, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return n;
});

// The SDK's models are camelCase (it maps the wire's snake_case); unknown keys are dropped.
export const accountSchema = z
  .object({
    equity: decimal,
    cash: decimal,
    buyingPower: decimal,
    status: z.string().min(1),
    tradingBlocked: z.boolean(),
    accountBlocked: z.boolean(),
  })
  .transform((a): Account => a);

export const positionSchema = z
  .object({
    symbol: z.string().min(1),
    qty: decimal,
    side: z.enum(['long', 'short']),
    avgEntryPrice: decimal,
    currentPrice: decimal,
    marketValue: decimal,
  })
  .transform(
    (p): Position => ({
      symbol: p.symbol,
      // Shorts are negative whatever sign the broker used, so a sum over positions stays a net exposure.
      qty: p.side === 'short' ? -Math.abs(p.qty) : Math.abs(p.qty),
      avgEntryPrice: p.avgEntryPrice,
      currentPrice: p.currentPrice,
      marketValue: p.marketValue,
    }),
  );

/** Exchange times read best in the exchange's zone, with its offset: 2025-11-20T10:15:00-05:00. */
const newYorkTime = (d: Date): string => newYorkIso(d);

export const clockSchema = z
  .object({ timestamp: z.date(), isOpen: z.boolean(), nextOpen: z.date(), nextClose: z.date() })
  .transform(
    (c): MarketClock => ({
      timestamp: newYorkTime(c.timestamp),
      isOpen: c.isOpen,
      nextOpen: newYorkTime(c.nextOpen),
      nextClose: newYorkTime(c.nextClose),
    }),
  );

export const assetSchema = z
  .object({
    symbol: z.string().min(1),
    status: z.enum(['active', 'inactive']),
    tradable: z.boolean(),
    fractionable: z.boolean(),
  })
  .transform((a): Asset => a);

/** The fields every order carries; qty is absent on notional (dollar-amount) orders until they fill. */
const orderCore = {
  id: z.string().min(1),
  clientOrderId: z.string(),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  qty: decimal.optional(),
  // Parsed here, once: a status this version does not know becomes `unknown:<text>`, not a failed read.
  status: z.string().transform(toOrderStatus),
};

export const openOrderSchema = z
  .object(orderCore)
  .transform(
    (o): OpenOrder => ({
      id: o.id,
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      qty: o.qty ?? 0,
      status: o.status,
    }),
  );

export const brokerOrderSchema = z
  .object({
    ...orderCore,
    // Null-valued fields come through as undefined.
    filledQty: decimal.optional(),
    filledAvgPrice: decimal.optional(),
    submittedAt: z.date().optional(),
    createdAt: z.date().optional(),
  })
  .transform((o, ctx): BrokerOrder => {
    // Some statuses (pending_new) may lack submitted_at; the creation time is the closest truth.
    const submittedAt = o.submittedAt ?? o.createdAt;
    if (submittedAt === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected submitted_at or created_at' });
      return z.NEVER;
    }
    return {
      id: o.id,
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      qty: o.qty ?? 0,
      status: o.status,
      filledQty: o.filledQty ?? 0,
      filledAvgPrice: o.filledAvgPrice ?? null,
      submittedAt: submittedAt.toISOString(),
    };
  });

const HOURS_MINUTES = /^\d{2}:\d{2}$/;

/** The SDK turns the calendar's `date` (YYYY-MM-DD) into a Date at midnight UTC; its UTC date is the day. */
export const tradingDaySchema = z
  .object({ date: z.date(), open: z.string().regex(HOURS_MINUTES), close: z.string().regex(HOURS_MINUTES) })
  .transform((d): TradingDay => ({ date: d.date.toISOString().slice(0, 10), open: d.open, close: d.close }));
