/**
 * A plan a person can approve: what a dry run validated (orders, targets, prices, regime, config, account, trading
 * day), sealed with a content hash. `rebalance --plan FILE` trades only when a plan made now matches it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import { err, ok, type Result } from '../domain/index.js';

const planSchema = z.strictObject({
  version: z.literal(1),
  createdAt: z.string(),
  tradingDate: z.string(),
  venue: z.string(),
  account: z.strictObject({ equity: z.number(), cash: z.number(), key: z.string() }),
  regime: z.string(),
  configHash: z.string(),
  universe: z.string(),
  orders: z.array(z.strictObject({ action: z.string(), side: z.enum(['buy', 'sell']), symbol: z.string(), qty: z.number() })),
  targets: z.array(z.strictObject({ symbol: z.string(), qty: z.number(), price: z.number() })),
  contentHash: z.string(),
});

export type ApprovedPlan = z.infer<typeof planSchema>;
export type PlanContent = Omit<ApprovedPlan, 'contentHash'>;

/** Keys sorted at every level: the same content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const hashOf = (value: unknown): string => createHash('sha256').update(canonical(value)).digest('hex');

export function sealPlan(content: PlanContent): ApprovedPlan {
  return { ...content, contentHash: hashOf(content) };
}

export function writePlanFile(path: string, plan: ApprovedPlan): void {
  writeFileSync(path, `${JSON.stringify(plan, null, 2)}\n`);
}

/** Reads and checks a plan file: its shape, and that nothing changed since it was written (the content hash). */
export function readPlanFile(path: string): Result<ApprovedPlan> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return err([`--plan ${path}: cannot read a plan (${(error as Error).message})`]);
  }
  const plan = planSchema.safeParse(parsed);
  if (!plan.success) return err(plan.error.issues.map((i) => `--plan ${path}: ${i.path.join('.') || 'plan'}: ${i.message}`));
  const { contentHash, ...content } = plan.data;
  if (hashOf(content) !== contentHash) return err([`--plan ${path}: the content hash does not match: the file was changed after it was written`]);
  return ok(plan.data);
}
