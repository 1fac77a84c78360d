import * as z from 'zod';

/**
 * Faults the local exchange injects into its /v2 routes, so clients can be tested against a slow, flaky,
 * rate-limited or connection-dropping Alpaca. Every field defaults to "no fault".
 */
export const faultsSchema = z.strictObject({
  /** Added delay before every /v2 response. */
  latencyMs: z.number().int().nonnegative().default(0),
  /** Share of requests (with a method in `errorMethods`) answered 500; drawn from a PRNG seeded with `seed`. */
  errorRate: z.number().min(0).max(1).default(0),
  /** GET only by default: injecting 500s into order POSTs makes "did my order go through?" ambiguous on purpose. */
  errorMethods: z.array(z.enum(['GET', 'POST', 'PATCH', 'DELETE'])).default(['GET']),
  /** null: never refuse (the 200/min limit is only reported). */
  rateLimitPerMinute: z.number().int().positive().nullable().default(null),
  /** The rate-limit window; a minute like Alpaca's, shorter in tests. */
  rateLimitWindowMs: z.number().int().positive().default(60_000),
  /** Counted from 1: the Nth order POST answered 200 is stored, then its connection is destroyed instead. */
  dropAfterOrderAccepted: z.number().int().positive().nullable().default(null),
  seed: z.number().int().default(1),
});

export type FaultConfig = Readonly<Omit<z.infer<typeof faultsSchema>, 'errorMethods'>> & {
  readonly errorMethods: readonly ('GET' | 'POST' | 'PATCH' | 'DELETE')[];
};

export const NO_FAULTS: FaultConfig = faultsSchema.parse({});
