import * as z from 'zod';
import type { Bar } from '../domain/index.js';
import type { FaultConfig } from './faults/config.js';
import { faultsSchema } from './faults/config.js';

/** A scenario file as written by a user (paths relative to the file). */
export const scenarioFileSchema = z.strictObject({
  clock: z.iso.datetime({ offset: true }),
  dataDir: z.string().min(1),
  account: z
    .strictObject({
      cash: z.number().finite(),
      multiplier: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(1),
      buyingPower: z.number().finite().nonnegative().nullable().default(null),
      /** An account Alpaca has blocked from trading: orders are refused with 403. */
      tradingBlocked: z.boolean().default(false),
    })
    .prefault({ cash: 100_000 }),
  positions: z
    .array(
      z.strictObject({
        symbol: z.string().min(1),
        qty: z.number().positive().finite(),
        avgEntryPrice: z.number().positive().finite(),
      }),
    )
    .default([]),
  /**
   * Holdings that are not US stocks (an option contract, a coin): served by GET /v2/positions with their asset
   * class and counted in equity at `currentPrice`, but never traded by the exchange. No bars needed.
   */
  otherPositions: z
    .array(
      z.strictObject({
        symbol: z.string().min(1),
        assetClass: z.enum(['us_option', 'crypto']),
        qty: z.number().positive().finite(),
        avgEntryPrice: z.number().positive().finite(),
        currentPrice: z.number().positive().finite(),
      }),
    )
    .default([]),
  /**
   * Orders the account has that the exchange did not take itself (a multileg options order, a crypto order),
   * written as Alpaca's Order JSON and served verbatim by GET /v2/orders. Never filled, cancelled or streamed.
   */
  otherOrders: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        status: z.string().min(1),
        submitted_at: z.iso.datetime({ offset: true }),
        asset_class: z.string(),
      }),
    )
    .default([]),
  assets: z
    .strictObject({
      notTradable: z.array(z.string()).default([]),
      notFractionable: z.array(z.string()).default([]),
      inactive: z.array(z.string()).default([]),
    })
    .prefault({}),
  keys: z
    .strictObject({
      keyId: z.string().min(1).optional(),
      secretKey: z.string().min(1).optional(),
    })
    .optional(),
  faults: faultsSchema.prefault({}),
  /** How the exchange fills orders; the defaults fill every order in full at the current price. */
  fills: z
    .strictObject({
      delayMs: z.number().int().nonnegative().max(86_400_000).default(50),
      slippageBps: z.number().finite().nonnegative().max(10_000).default(0),
      partial: z.record(z.string(), z.number().min(0).max(1)).default({}),
      reject: z.array(z.string()).default([]),
      neverFill: z.array(z.string()).default([]),
    })
    .prefault({}),
  /** Where the exchange keeps its state between runs (relative to the scenario file); none = memory only. */
  statePath: z.string().min(1).optional(),
  marketData: z
    .strictObject({
      /**
       * Bars requests with feed=sip are refused as Alpaca refuses an account whose plan lacks SIP (HTTP 403, code
       * 42210000): true for every such request, "recent" only when `end` is missing or within the last 15 minutes
       * (the free plan's rule).
       */
      sipForbidden: z.union([z.boolean(), z.literal('recent')]).default(false),
    })
    .prefault({}),
});
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/** A holding that is not a US stock: served and valued, never traded. Options count 100 shares a contract. */
export interface OtherPosition {
  readonly symbol: string;
  readonly assetClass: 'us_option' | 'crypto';
  readonly qty: number;
  readonly avgEntryPrice: number;
  readonly currentPrice: number;
}

/** An order the exchange serves as given (Alpaca's Order JSON): what the account has beyond stock orders. */
export type OtherOrder = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly status: string;
  readonly submitted_at: string;
  readonly asset_class: string;
};

export interface ScenarioPosition {
  readonly symbol: string;
  readonly qty: number;
  readonly avgEntryPrice: number;
}

/** A scenario resolved into memory: what the local exchange serves. */
export interface MarketScenario {
  readonly name: string;
  /** The exchange's current time. */
  readonly clock: Date;
  /** Full daily history per symbol, ascending by date; the exchange hides bars after the clock's date. */
  readonly bars: ReadonlyMap<string, readonly Bar[]>;
  readonly account: {
    readonly cash: number;
    readonly multiplier: 1 | 2 | 4;
    readonly buyingPower: number | null;
    readonly tradingBlocked?: boolean;
  };
  readonly positions: readonly ScenarioPosition[];
  /** Absent: none. */
  readonly otherPositions?: readonly OtherPosition[];
  /** Absent: none. */
  readonly otherOrders?: readonly OtherOrder[];
  readonly assets: {
    readonly notTradable: readonly string[];
    readonly notFractionable: readonly string[];
    readonly inactive: readonly string[];
  };
  readonly keys?: { readonly keyId?: string; readonly secretKey?: string };
  /** Injected latency, errors, rate limiting and dropped connections; absent means none. */
  readonly faults?: FaultConfig;
  /** Absent: every order fills in full, 50 ms after it is routed, at the current price. */
  readonly fills?: FillRules;
  /** Absolute path of the persisted exchange state; absent: in memory only. */
  readonly statePath?: string;
  /** What the account's market-data plan allows; absent: every feed. */
  readonly marketData?: { readonly sipForbidden: boolean | 'recent' };
}

/** How the local exchange executes orders. Symbols are upper case. */
export interface FillRules {
  /** Wall-clock delay between an order being routed ("new") and its execution. */
  readonly delayMs: number;
  /** Buys pay this much more than the current price, sells get this much less (1 bp = 0.01 %). */
  readonly slippageBps: number;
  /** Symbol -> fraction (0..1) of each order that fills; the rest stays open as partially_filled. */
  readonly partial: Readonly<Record<string, number>>;
  /** Orders on these symbols are accepted, then rejected. */
  readonly reject: readonly string[];
  /** Orders on these symbols stay "new" until canceled or expired. */
  readonly neverFill: readonly string[];
}
