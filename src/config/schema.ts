import * as z from 'zod';

const fraction = z.number().min(0).max(1);

export const NOTIFY_TRIGGERS = ['failure', 'incomplete', 'trade', 'regime-change', 'always'] as const;

const notifyTargetSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'url must be an http or https URL' }),
  format: z.enum(['slack', 'discord', 'json']),
  on: z.array(z.enum(NOTIFY_TRIGGERS)).min(1),
});

export type NotifyTarget = z.infer<typeof notifyTargetSchema>;
export type NotifyTrigger = (typeof NOTIFY_TRIGGERS)[number];

/** Every key has a default, so a config file may set any subset; unknown keys are errors. */
export const configSchema = z.strictObject({
  topN: z.int().min(1).max(100).default(10),
  universe: z.string().min(1).default('technology'),
  regimeAllocation: z
    .strictObject({
      TREND_BULL: fraction.default(1.0),
      TREND_NEUTRAL: fraction.default(0.7),
      TREND_BEAR: fraction.default(0.3),
      CRASH: fraction.default(0),
    })
    .prefault({}),
  sizing: z
    .strictObject({
      mode: z.enum(['floor', 'fill', 'fractional']).default('fill'),
      cashBuffer: z.number().min(0).lt(1).default(0),
      /**
       * Alpaca checks a market buy's buying power at a limit price above the market: "2.5% to 4% above the current
       * market price" (docs.alpaca.markets/docs/orders-at-alpaca, Buying Power), a collar it also uses to turn market
       * orders into limit orders (alpaca.markets/support, "discrepancy between the notional value requested and the
       * order value"). Sizing leaves that much room so a full allocation's last buy is not refused or shrunk.
       */
      marketBuyCollar: z.number().min(0).lt(1).default(0.04),
      /** An ADJUST worth less than this many dollars is not sent (listed as within band): dust a rerun would send. */
      minOrderValue: z.number().min(0).default(100),
      /** An ADJUST worth less than this fraction of its target's value is not sent (listed as within band). */
      driftBand: z.number().min(0).lt(1).default(0.05),
    })
    .prefault({}),
  scanner: z
    .strictObject({
      lookbackDays: z.int().min(2).max(2520).default(252),
      minHistoryDays: z.int().min(1).max(2520).default(252),
      minMomentum: fraction.default(0.9),
      highSource: z.enum(['close', 'high']).default('close'),
      minPrice: z.number().min(0).default(5),
    })
    .prefault({}),
  gates: z
    .strictObject({
      maxPositionPct: z.number().gt(0).max(1).default(0.15),
      positionSizeFails: z.boolean().default(false),
      maxTotalAllocation: z.number().gt(0).max(4).default(1.0),
    })
    .prefault({}),
  data: z
    .strictObject({
      /**
       * SIP (every US venue) by default; when Alpaca refuses it (a plan without SIP), a run falls back to IEX (a
       * single venue, a few percent of volume) and reports it in `data.feed`.
       */
      feed: z.enum(['iex', 'sip']).default('sip'),
      adjustment: z.enum(['split', 'all']).default('split'),
      /** Cached downloads (VIX, bars); default: $XDG_CACHE_HOME/regime-rebalancer or ~/.cache/regime-rebalancer. */
      cacheDir: z.string().min(1).optional(),
      /** Alpaca's market-data rate limit: 200 on the free plan, 10000 with Algo Trader Plus. */
      requestsPerMinute: z.int().min(1).max(10_000).default(200),
    })
    .prefault({}),
  schedule: z.enum(['semiannual', 'quarterly', 'monthly', 'weekly', 'daily']).default('semiannual'),
  exposure: z
    .strictObject({
      /**
       * "schedule": exposure changes only on rebalance days. "regime": a run on any other trading day scales the held
       * names to the regime's allocation when the book is more than `band` away from it (who is held changes only on
       * rebalance days).
       */
      policy: z.enum(['schedule', 'regime']).default('schedule'),
      /** Allowed gap between the regime's allocation and the invested fraction of equity before a run acts. */
      band: z.number().min(0).max(1).default(0.1),
      /** Trading days an exposure change waits after the tool's last trade; a move to CRASH (0%) never waits. */
      minDaysBetween: z.int().min(0).max(252).default(5),
    })
    .prefault({}),
  execution: z
    .strictObject({
      fillTimeoutSec: z.number().positive().max(3600).default(300),
      pollIntervalSec: z.number().positive().max(60).default(2),
      buyingPowerReserve: z.number().min(0).lt(1).default(0.01),
    })
    .prefault({}),
  audit: z
    .strictObject({
      path: z.string().min(1).default('logs/execution_log.csv'),
      maxBytes: z.int().min(1024).default(10_000_000),
    })
    .prefault({}),
  regime: z
    .strictObject({
      symbol: z.string().min(1).default('SPY'),
      adjustment: z.enum(['split', 'all']).default('all'),
      /** Older closes than the broker has (Alpaca's begin in 2016): date,close / OHLCV / date,adj_close CSV. */
      historyFile: z.string().min(1).optional(),
      /**
       * VIX closes. "auto": CBOE's public file with Alpaca; on the local exchange, VIX.csv in the scenario's data
       * folder when there is one (no network). null turns the VIX triggers off.
       */
      vix: z
        .union([z.literal('auto'), z.strictObject({ url: z.url() }), z.strictObject({ file: z.string().min(1) }), z.null()])
        .default('auto'),
      lambda: z.number().min(0).default(50),
      trainingDays: z.int().min(1000).default(3000),
      vixCrash: z.number().positive().default(40),
      vixSpikeFloor: z.number().positive().default(25),
      vixSpike1d: z.number().positive().default(0.2),
      vixSpike3d: z.number().positive().default(0.5),
      vixCalm: z.number().positive().default(30),
      ddCrash: z.number().positive().default(0.4),
      ddCalm: z.number().positive().default(0.3),
      r5Crash: z.number().lt(0).default(-0.07),
      drawdownCrash: z.number().lt(0).default(-0.1),
      calmDays: z.int().min(1).default(5),
    })
    .prefault({}),
  backtest: z
    .strictObject({
      /** A run at 15:45 New York time on data up to the previous close fills at the day's close; "open" for a morning cron. */
      fillPrice: z.enum(['close', 'open']).default('close'),
      /** Against the trader on every fill, in basis points of the price. */
      slippageBps: z.number().min(0).max(1000).default(5),
      /** Per share and minimum per order, dollars; 0 as at Alpaca. */
      commission: z.strictObject({ perShare: z.number().min(0).default(0), minimum: z.number().min(0).default(0) }).prefault({}),
      /** Annual risk-free rate for Sharpe and Sortino, a fraction. */
      riskFree: z.number().min(-0.1).max(0.5).default(0),
      /** New York time of the simulated daily run, HH:MM (the README's cron runs at 15:45). */
      runTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'runTime must be HH:MM').default('15:45'),
      capital: z.number().positive().default(100_000),
    })
    .prefault({}),
  approval: z
    .strictObject({
      /** `--plan FILE`: how far (relative) a quantity planned now may be from the approved one. */
      qtyTolerance: z.number().min(0).max(1).default(0.05),
    })
    .prefault({}),
  /** Webhooks told after each run (see src/notify/); none by default. */
  notify: z.array(notifyTargetSchema).default([]),
  /** Live trading needs this AND --live: two separate opt-ins. */
  allowLive: z.boolean().default(false),
  ignoreSymbols: z
    .array(z.string().trim().min(1).transform((s) => s.toUpperCase()))
    .default([]),
});

export type Config = z.infer<typeof configSchema>;
