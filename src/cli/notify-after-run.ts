/**
 * After a run has finished and printed: tell the config's webhooks (`notify`) whose triggers the run fired. A failed
 * notification is logged and written to the audit trail (`notify_failed`, the run's id) and changes nothing else:
 * not the exit code, not the run.
 */
import { openAuditTrail } from '../audit/audit-trail.js';
import { previousRegimeIn, readTrailTail } from '../audit/previous-regime.js';
import type { BacktestCommandResult } from '../app/backtest-command.js';
import { loadConfigFor, type CommandContext } from '../app/compose.js';
import type { RunOutcome } from '../app/run-rebalance.js';
import { auditPathOf, type RebalanceRequest } from '../app/run-inputs.js';
import type { NotifyTarget } from '../config/schema.js';
import { renderNotice } from '../notify/formats.js';
import { backtestNotice, rebalanceNotice, regimeChanged, scrubNotice, type RunNotice } from '../notify/message.js';
import { DEFAULT_SEND_SETTINGS, postWebhook, type SendSettings } from '../notify/send.js';
import { matchingTargets } from '../notify/triggers.js';
import { newYorkIso } from '../time/new-york.js';
import { EXIT_CODE_MEANINGS, exitCodeOf } from './exit-codes.js';
import { envSecrets } from './scrub.js';

/** One target's result: its host (a webhook's path holds its token, so never the whole URL), and the outcome. */
export interface NotifyDelivery {
  readonly host: string;
  readonly format: NotifyTarget['format'];
  readonly ok: boolean;
  readonly attempts: number;
  readonly error?: string;
}

/** After `rebalance`: one message per matching target. Never throws. */
export async function notifyAfterRun(
  run: RunOutcome,
  request: RebalanceRequest,
  context: CommandContext,
  settings: SendSettings = DEFAULT_SEND_SETTINGS,
): Promise<readonly NotifyDelivery[]> {
  return neverThrowing(context, async () => {
    const config = loadConfigFor(request.configFile, context);
    if (!config.ok || config.value.notify.length === 0) return [];
    const outcome = run.kind === 'report' ? run.report.outcome : run.kind === 'error' ? run.outcome : 'ok';
    const runId = run.kind === 'report' ? run.report.runId : (run.runId ?? null);
    const auditPath = auditPathOf(request, config.value, context.cwd);
    const notice = rebalanceNotice(run, {
      exitCode: exitCodeOf(outcome),
      meaning: EXIT_CODE_MEANINGS[outcome],
      at: newYorkIso(context.now(), 'always'),
      previousRegime: previousRegimeIn(readTrailTail(auditPath), runId),
      dryRun: request.dryRun,
    });
    const deliveries = await deliver(notice, config.value.notify, [...envSecrets(context.env), ...run.secrets], context, settings);
    const failed = deliveries.filter((d) => !d.ok);
    const mode = run.kind === 'report' ? run.report.mode : run.mode;
    // Rows belong to a run: one that never opened its trail (bad input, lock held) has only the log lines.
    if (failed.length > 0 && runId !== null && mode !== undefined) {
      const audit = openAuditTrail({ path: auditPath, maxBytes: config.value.audit.maxBytes, runId, mode, now: context.now });
      try {
        for (const d of failed) audit.record({ event: 'notify_failed', status: d.format, reason: `${d.host}: ${d.error ?? 'failed'} after ${d.attempts} attempt(s)`, ...(notice.regime !== null ? { regime: notice.regime } : {}) });
      } finally {
        audit.close();
      }
    }
    return deliveries;
  });
}

/** After `rebalance backtest --notify`: as a dry run, only targets listening to "always"; failures are logged. */
export async function notifyAfterBacktest(
  result: BacktestCommandResult,
  configFile: string | undefined,
  context: CommandContext,
  settings: SendSettings = DEFAULT_SEND_SETTINGS,
): Promise<readonly NotifyDelivery[]> {
  return neverThrowing(context, async () => {
    const config = loadConfigFor(configFile, context);
    if (!config.ok) return [];
    const outcome = result.kind === 'error' ? result.outcome : 'ok';
    const notice = backtestNotice(result, { exitCode: exitCodeOf(outcome), meaning: EXIT_CODE_MEANINGS[outcome], at: newYorkIso(context.now(), 'always') });
    return deliver(notice, config.value.notify, envSecrets(context.env), context, settings);
  });
}

/** A notification is never worth a run's exit code: whatever goes wrong here is logged and swallowed. */
async function neverThrowing(context: CommandContext, notify: () => Promise<readonly NotifyDelivery[]>): Promise<readonly NotifyDelivery[]> {
  try {
    return await notify();
  } catch (error) {
    context.logger.child({ stage: 'notify' }).warn({ error: (error as Error).message }, `notify: could not notify: ${(error as Error).message}`);
    return [];
  }
}

async function deliver(
  raw: RunNotice,
  targets: readonly NotifyTarget[],
  secrets: readonly string[],
  context: CommandContext,
  settings: SendSettings,
): Promise<readonly NotifyDelivery[]> {
  const log = context.logger.child({ stage: 'notify' });
  const notice = scrubNotice(raw, secrets);
  const chosen = matchingTargets(targets, {
    exitCode: notice.exitCode,
    blocked: notice.blocked,
    fills: notice.fills,
    regimeChanged: regimeChanged(notice),
    simulated: notice.mode === 'dry-run' || notice.mode === 'backtest',
  });
  if (chosen.length === 0) {
    log.debug({ targets: targets.length }, 'notify: no target listens to what this run did');
    return [];
  }
  // Every target at once: the whole step ends within one deadline, however many there are.
  return Promise.all(
    chosen.map(async (target): Promise<NotifyDelivery> => {
      const host = new URL(target.url).host;
      const sent = await postWebhook(target.url, renderNotice(notice, target.format), settings, context.fetchImpl);
      if (sent.ok) {
        log.info({ host, format: target.format, attempts: sent.attempts }, `notify: ${target.format} message delivered to ${host}`);
        return { host, format: target.format, ok: true, attempts: sent.attempts };
      }
      log.warn({ host, format: target.format, attempts: sent.attempts, error: sent.error }, `notify: ${target.format} message to ${host} failed: ${sent.error}`);
      return { host, format: target.format, ok: false, attempts: sent.attempts, error: sent.error };
    }),
  );
}
