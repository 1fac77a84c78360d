import type { RegimeDay } from '../regime/detector.js';
import { chooseBroker } from './broker-choice.js';
import { cacheDirOf, loadConfigFor, logVenue, withFeedFallback, type CommandContext } from './compose.js';
import { outcomeOfBrokerError, type Outcome } from './outcome.js';
import { currentInputs, detectCurrentRegime } from './regime-step.js';
import type { RegimeInputs } from './report.js';
import { openSession } from './session.js';
import { readTradingDays } from './trading-days.js';
import { BrokerError } from '../broker/port.js';
import { resolve } from 'node:path';
import { isIsoDate } from '../time/calendar-date.js';

export interface RegimeRequest {
  readonly asOf?: string;
  readonly from?: string;
  readonly to?: string;
  readonly scenario?: string;
  readonly configFile?: string;
}

export interface RegimeReport {
  readonly asOf: string;
  readonly symbol: string;
  readonly closes: number;
  readonly current: RegimeInputs;
  readonly history: readonly { readonly date: string; readonly jm: 'bull' | 'bear' | null; readonly regime: string }[];
  readonly summary: { readonly shares: Readonly<Record<string, number>>; readonly switchesPerYear: number } | null;
}

export type RegimeOutcome =
  | { readonly kind: 'report'; readonly report: RegimeReport; readonly secrets: readonly string[] }
  | { readonly kind: 'error'; readonly outcome: Outcome; readonly errors: readonly string[]; readonly secrets: readonly string[] };

/** `rebalance regime`: the regime of a day with the inputs behind it, and optionally its daily history. */
export async function runRegimeCommand(
  request: RegimeRequest,
  context: CommandContext,
): Promise<RegimeOutcome> {
  const bad = (errors: readonly string[]): RegimeOutcome => ({ kind: 'error', outcome: 'badInput', errors, secrets: [] });
  for (const [flag, value] of [['--as-of', request.asOf], ['--from', request.from], ['--to', request.to]] as const) {
    if (value !== undefined && !isIsoDate(value)) return bad([`${flag}: expected a calendar date YYYY-MM-DD, got "${value}"`]);
  }
  if ((request.from === undefined) !== (request.to === undefined)) return bad(['--from and --to go together']);
  if (request.from !== undefined && request.to !== undefined && request.from > request.to) return bad(['--from must not be after --to']);
  const loaded = loadConfigFor(request.configFile, context);
  if (!loaded.ok) return bad(loaded.error);
  const choice = chooseBroker(context.env, request.scenario);
  if (!choice.ok) return bad(choice.error);
  const opened = await openSession(choice.value, context.cwd, context.logger, resolve(context.cwd, loaded.value.audit.path));
  if (!opened.ok) return bad(opened.error);
  const session = opened.value;
  logVenue(context.logger, session, 'read-only');
  try {
    const clock = await session.broker.getClock();
    const tradingDays = await readTradingDays(session.broker, clock, 400);
    const completed = tradingDays.lastCompleted;
    if (completed === undefined) return { kind: 'error', outcome: 'skipped', errors: ['the broker\'s calendar has no completed trading day'], secrets: session.secrets };
    if (request.asOf !== undefined && request.asOf > completed) {
      return { kind: 'error', outcome: 'badInput', errors: [`--as-of ${request.asOf}: that day has not closed yet (latest completed trading day: ${completed})`], secrets: session.secrets };
    }
    const asOf = request.asOf ?? completed;
    const detected = await detectCurrentRegime({
      marketData: withFeedFallback(session.marketData, context.logger),
      clock,
      days: tradingDays,
      config: loaded.value,
      cwd: context.cwd,
      cacheDir: cacheDirOf(loaded.value, context),
      now: context.now(),
      fetchImpl: context.fetchImpl,
      brokerKind: session.kind,
      // History never reaches past the latest completed day: no look-ahead into a session still trading.
      asOf: request.to !== undefined && request.to > asOf ? (request.to < completed ? request.to : completed) : asOf,
    });
    if (!detected.ok) return { kind: 'error', outcome: 'skipped', errors: detected.error, secrets: session.secrets };
    const days = detected.value.history;
    const current = [...days].reverse().find((d) => d.date <= asOf);
    if (current === undefined || current.regime === 'UNKNOWN') {
      return { kind: 'error', outcome: 'skipped', errors: [`regime undeterminable for ${asOf}: the detector has no regime for that day yet`], secrets: session.secrets };
    }
    const span = request.from !== undefined && request.to !== undefined ? days.filter((d) => d.date >= (request.from ?? '') && d.date <= (request.to ?? '')) : [];
    return {
      kind: 'report',
      secrets: session.secrets,
      report: {
        asOf: current.date,
        symbol: loaded.value.regime.symbol,
        closes: detected.value.closes,
        current: currentInputs(current, detected.value.vix.note),
        history: span.map((d) => ({ date: d.date, jm: d.jm, regime: d.regime })),
        summary: span.length > 0 ? summarize(span) : null,
      },
    };
  } catch (error) {
    if (error instanceof BrokerError) {
      return { kind: 'error', outcome: outcomeOfBrokerError(error), errors: [`broker: ${error.message}`], secrets: session.secrets };
    }
    throw error;
  } finally {
    await session.close();
  }
}

/** Share of days per regime and regime switches per year (252 trading days) over a span. */
export function summarize(days: readonly Pick<RegimeDay, 'regime'>[]): { shares: Record<string, number>; switchesPerYear: number } {
  const counts: Record<string, number> = { TREND_BULL: 0, TREND_NEUTRAL: 0, TREND_BEAR: 0, CRASH: 0, UNKNOWN: 0 };
  let switches = 0;
  days.forEach((d, i) => {
    counts[d.regime] = (counts[d.regime] ?? 0) + 1;
    if (i > 0 && days[i - 1]?.regime !== d.regime) switches++;
  });
  const shares = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, days.length > 0 ? v / days.length : 0]));
  return { shares, switchesPerYear: days.length > 1 ? (switches * 252) / (days.length - 1) : 0 };
}
