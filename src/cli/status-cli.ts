import type { CommandContext } from '../app/compose.js';
import type { Outcome } from '../app/outcome.js';
import { runStatusCommand } from '../app/status-command.js';
import type { Regime } from '../domain/index.js';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT_CODE_MEANINGS, exitCodeOf } from './exit-codes.js';
import { renderStatus } from './render-status.js';
import { scrubSecrets } from './scrub.js';

export interface StatusOptions {
  config?: string;
  scenario?: string;
  auditFile?: string;
  universe?: string;
  topN?: number;
  regime?: Regime;
  cache?: boolean;
  json?: boolean;
  reportHtml?: string;
}

type Out = { readonly stdout: (text: string) => void; readonly stderr: (text: string) => void };

/** `rebalance status` on the command line: the report as text or one JSON document, and its outcome. */
export async function statusCli(options: StatusOptions, context: CommandContext, out: Out): Promise<Outcome> {
  const result = await runStatusCommand(
    {
      ...(options.config !== undefined ? { configFile: options.config } : {}),
      ...(options.scenario !== undefined ? { scenario: options.scenario } : {}),
      ...(options.auditFile !== undefined ? { auditFile: options.auditFile } : {}),
      ...(options.universe !== undefined ? { universe: options.universe } : {}),
      ...(options.topN !== undefined ? { topN: options.topN } : {}),
      ...(options.regime !== undefined ? { regime: options.regime } : {}),
      ...(options.cache === false ? { noCache: true } : {}),
    },
    context,
  );
  const scrub = (text: string): string => scrubSecrets(text, result.secrets);
  if (result.kind === 'error') {
    for (const e of result.errors) out.stderr(scrub(`rebalance status: ${e}\n`));
    if (options.json === true) out.stdout(scrub(`${JSON.stringify({ outcome: result.outcome, exitCode: exitCodeOf(result.outcome), errors: result.errors }, null, 2)}\n`));
    return result.outcome;
  }
  const document = { ...result.report, exitCode: exitCodeOf(result.report.outcome) };
  if (options.reportHtml !== undefined) {
    const { renderStatusHtml } = await import('../report/status-report.js');
    const plan = result.plan === null ? null : { ...result.plan, exitCode: exitCodeOf(result.plan.outcome) };
    writeFileSync(resolve(context.cwd, options.reportHtml), scrub(renderStatusHtml(document, plan, EXIT_CODE_MEANINGS[result.report.outcome])));
  }
  out.stdout(scrub(options.json === true ? `${JSON.stringify(document, null, 2)}\n` : renderStatus(result.report)));
  return result.report.outcome;
}
