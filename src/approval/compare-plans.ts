/** Whether a plan made now is the plan a person approved. Pure: every difference in words, empty when it matches. */
import type { PlanContent } from './plan-file.js';

export function planDifferences(approved: PlanContent, now: PlanContent, qtyTolerance: number): string[] {
  const differences: string[] = [];
  if (approved.tradingDate !== now.tradingDate) differences.push(`trading day: approved ${approved.tradingDate}, now ${now.tradingDate}`);
  if (approved.regime !== now.regime) differences.push(`regime: approved ${approved.regime}, now ${now.regime}`);
  if (approved.configHash !== now.configHash) differences.push('config: the settings changed since the plan was approved');
  if (approved.account.key !== now.account.key) differences.push('account: the plan was approved for another account or venue');
  const key = (o: { side: string; symbol: string }): string => `${o.side} ${o.symbol}`;
  const approvedOrders = new Map(approved.orders.map((o) => [key(o), o]));
  const nowOrders = new Map(now.orders.map((o) => [key(o), o]));
  for (const [k, o] of approvedOrders) {
    const current = nowOrders.get(k);
    if (current === undefined) {
      differences.push(`order ${k} ${o.qty} was approved but is no longer planned`);
      continue;
    }
    const gap = Math.abs(current.qty - o.qty) / Math.max(o.qty, 1e-9);
    if (gap > qtyTolerance + 1e-12) differences.push(`order ${k}: approved ${o.qty}, now ${current.qty} (${(gap * 100).toFixed(1)}% apart; approval.qtyTolerance ${(qtyTolerance * 100).toFixed(1)}%)`);
  }
  for (const [k, o] of nowOrders) if (!approvedOrders.has(k)) differences.push(`order ${k} ${o.qty} is planned now but was not approved`);
  return differences;
}
