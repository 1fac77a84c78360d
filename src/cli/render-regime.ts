import type { RegimeReport } from '../app/regime-command.js';

const num = (n: number | null, digits = 4): string => (n === null ? '-' : n.toFixed(digits));

/** The human-readable `rebalance regime` report. */
export function renderRegime(report: RegimeReport): string {
  const c = report.current;
  const lines = [
    `Regime ${c.regime} on ${report.asOf}  (${report.symbol}, ${report.closes} closes)`,
    '',
    `Jump model   ${c.jm ?? '-'} (evidence ${num(c.evidence, 2)}; > 0 favours bull; lambda ${c.lambda}; model refit ${c.refitDate ?? '-'})`,
    `Features     DD10 ${num(c.features?.dd10 ?? null, 5)}  Sortino20 ${num(c.features?.sortino20 ?? null)}  Sortino60 ${num(c.features?.sortino60 ?? null)}`,
    `Trend        SMA50 ${num(c.sma50, 2)}  SMA200 ${num(c.sma200, 2)}  trend up: ${c.trendUp === null ? '-' : c.trendUp ? 'yes' : 'no'}`,
    `Crash        annualized DD ${num(c.ddAnnualized)}  VIX ${num(c.vix, 2)}  triggers: ${c.triggers.length > 0 ? c.triggers.join(', ') : 'none'}`,
    `             in crash: ${c.inCrash ? 'yes' : 'no'}; calm days ${c.calmDays}`,
    `VIX          ${c.vixSource}`,
  ];
  if (report.summary !== null && report.history.length > 0) {
    const first = report.history[0]?.date ?? '';
    const last = report.history[report.history.length - 1]?.date ?? '';
    lines.push('', `History ${first} .. ${last} (${report.history.length} days): ${report.summary.switchesPerYear.toFixed(2)} switches a year`);
    for (const [regime, share] of Object.entries(report.summary.shares)) {
      if (share > 0) lines.push(`  ${regime.padEnd(14)} ${(share * 100).toFixed(1)}%`);
    }
    lines.push('', '  switches:');
    report.history.forEach((d, i) => {
      const previous = report.history[i - 1];
      if (i === 0 || previous?.regime !== d.regime) lines.push(`  ${d.date}  ${d.regime}`);
    });
  }
  return `${lines.join('\n')}\n`;
}
