/**
 * `rebalance status --report-html FILE`: the status on one page in the run report's style: the verdict and why, the
 * last run from the trail with its orders, the lock and open orders, then the plan a run would make now.
 */
import type { StatusReport } from '../app/status-command.js';
import type { RunReport } from '../app/report.js';
import { escapeHtml as esc, percent } from '../backtest/report/format.js';
import { page, row, table } from './page.js';
import { runReportSections } from './run-report.js';

export function renderStatusHtml(status: StatusReport & { readonly exitCode: number }, plan: (RunReport & { readonly exitCode: number }) | null, meaning: string): string {
  const title = `Rebalance status: ${status.exitCode === 0 ? 'all right' : 'needs attention'} (exit ${status.exitCode})`;
  const last = status.lastRun;
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="note">${esc(meaning)}</p>`,
    ...(status.reasons.length > 0 ? [`<ul>${status.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`] : []),
    '<section><h2>Last run</h2>',
    last === null
      ? '<p>No run recorded yet.</p>'
      : [
          table(
            ['', ''],
            [
              row(['run', last.runId]),
              row(['started', last.startedAt]),
              row(['mode, kind', `${last.mode}, ${last.kind ?? 'unknown'}`]),
              row(['status', `${last.status}${last.reason === null ? '' : `: ${last.reason}`}`]),
              row(['regime', last.regime ?? 'unknown']),
            ],
            'words',
          ),
          table(['side', 'symbol', 'qty', 'status', 'filled', 'avg price'], last.orders.map((o) => row([o.side, o.symbol, String(o.qty ?? ''), o.status, String(o.filledQty), o.filledAvgPrice === null ? '' : o.filledAvgPrice.toFixed(2)]))),
        ].join(''),
    '</section>',
    '<section><h2>Now</h2>',
    table(
      ['', ''],
      [
        row(['regime today', `${status.regime.today ?? 'unknown'}${status.regime.changed === true ? ` (changed since the last run: ${status.regime.lastRun})` : status.regime.changed === false ? ' (unchanged since the last run)' : ''}`]),
        row(['drift', status.drift === null ? 'unknown' : `${percent(status.drift.total)} of equity; band ${percent(status.drift.band)}: ${status.drift.withinBand ? 'within' : 'beyond'}`]),
        row(['next rebalance day', status.schedule?.next ?? 'unknown']),
        row(['run lock', status.lock.state === 'free' ? 'free' : `${status.lock.state}${status.lock.holder === null ? '' : ` by pid ${status.lock.holder.pid} since ${status.lock.holder.since}`}`]),
        row(['open orders of the tool', status.openOrders.length === 0 ? 'none' : status.openOrders.map((o) => `${o.side ?? ''} ${o.qty} ${o.symbol} (${o.status})`).join(', ')]),
      ],
      'words',
    ),
    '</section>',
    ...(plan === null ? [`<p>${esc(status.planError ?? 'No plan could be made now.')}</p>`] : ['<h2>The plan a run would make now (nothing submitted)</h2>', ...runReportSections(plan, 'a dry run: nothing was submitted')]),
  ];
  return page(title, body);
}
