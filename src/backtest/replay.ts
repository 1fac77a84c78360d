/**
 * One replay of the cron job over history: for every session in [from, to], at the run time, the live pipeline
 * (runPipeline: schedule check, regime, snapshot, scanner, sizing, differ, gates, two-phase executor) runs against
 * the simulated broker and market; after the close the book is marked and its accounting checked.
 */
import pino from 'pino';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { CommandContext } from '../app/compose.js';
import type { ReportRegime } from '../app/report.js';
import { runPipeline, type PipelineSeams } from '../app/run-rebalance.js';
import { currentInputs } from '../app/regime-step.js';
import { sessionsBetween } from '../exchange/calendar/index.js';
import { addDays } from '../time/calendar-date.js';
import type { RunInputs } from '../app/run-inputs.js';
import type { BrokerSession } from '../app/session.js';
import { err, ok, type Regime, type Result } from '../domain/index.js';
import { MeteredMarketData } from '../market-data/metered.js';
import type { RegimeDay } from '../regime/detector.js';
import { Ledger } from './ledger.js';
import { SimulatedBroker, type FillRules, type SimulatedFill } from './sim-broker.js';
import { SimulatedMarket, SimulatedMarketData } from './sim-market.js';
import type { BacktestData } from './backtest-data.js';
import { dividendPerShare } from './dividends.js';
import type { FillRow } from './types.js';

export interface ReplayDay {
  readonly date: string;
  readonly equity: number;
  readonly cash: number;
  readonly invested: number;
  /** The regime a run on this day acts on (the label of the latest completed session). */
  readonly regime: Regime | null;
}

export interface Replay {
  readonly days: readonly ReplayDay[];
  readonly fills: readonly FillRow[];
  readonly costs: number;
  readonly dividends: number;
  /** Σ|traded value| at market prices. */
  readonly traded: number;
  /** Days whose run could not do all it planned (a refused order, a blocked gate), with the reason. */
  readonly shortfalls: readonly { readonly date: string; readonly reason: string }[];
}

export interface ReplaySettings {
  readonly sessions: readonly string[];
  readonly inputs: RunInputs;
  readonly capital: number;
  readonly fills: FillRules;
  readonly runTime: string;
  /** The detector's label by date (computed once: each label uses closes up to its own day only). */
  readonly regimeByDate: ReadonlyMap<string, RegimeDay>;
  readonly vixNote: string;
}

const silentLogger = pino({ level: 'silent' });

/** An audit trail that keeps nothing: a backtest's record is its files, not the live trail. */
const noAudit: AuditTrail = { path: '', record: () => undefined, close: () => undefined };

export async function replay(settings: ReplaySettings, data: BacktestData, context: CommandContext, onDay?: (done: number) => void): Promise<Replay> {
  const market = new SimulatedMarket(data.bars, settings.runTime);
  const ledger = new Ledger(settings.capital);
  let pending: SimulatedFill[] = [];
  const broker = new SimulatedBroker(market, ledger, settings.fills, (fill) => pending.push(fill));
  const marketData = new SimulatedMarketData(market);
  const session: BrokerSession = {
    kind: 'local',
    venue: 'local',
    detail: 'backtest: simulated broker',
    broker,
    marketData,
    dataSourceKey: 'backtest',
    secrets: [],
    close: () => Promise.resolve(),
  };
  const { inputs } = settings;
  const regimeOf = (day: string | undefined): RegimeDay | undefined => (day === undefined ? undefined : settings.regimeByDate.get(day));
  const seams: PipelineSeams = {
    marketData: () => new MeteredMarketData(marketData),
    detectRegime: (_clock, days) => detectedOn(regimeOf(days.lastCompleted), days.lastCompleted, inputs, settings.vixNote),
  };
  // The runs write nothing to the terminal: the backtest's own progress line and table say what happens.
  const { progress: _progress, ...quiet } = context;
  const runContext: CommandContext = { ...quiet, logger: silentLogger, now: () => market.now };
  const days: ReplayDay[] = [];
  const fills: FillRow[] = [];
  const shortfalls: { date: string; reason: string }[] = [];
  for (let i = 0; i < settings.sessions.length; i++) {
    const date = settings.sessions[i] as string;
    market.enter(date);
    for (const symbol of ledger.positions().keys()) ledger.creditDividend(symbol, dividendPerShare(data, symbol, date));
    const regime = inputs.regimeOverride ?? nameOf(regimeOf(settings.sessions[i - 1] ?? previousSession(date)));
    pending = [];
    // The first day starts the strategy, as a person starting the tool would with --force; later days follow the schedule.
    const outcome = await runPipeline(inputs, session, noAudit, `backtest-${date}`, { dryRun: false, force: i === 0 }, runContext, seams);
    if (outcome.kind === 'report') {
      const actions = new Map(outcome.report.orders.map((o) => [`${o.side}:${o.symbol}`, o.action]));
      for (const fill of pending) {
        const { order } = fill;
        fills.push({
          date,
          phase: order.side === 'sell' ? 1 : 2,
          symbol: order.symbol,
          side: order.side,
          qty: order.filledQty,
          price: fill.fillPrice,
          cost: fill.cost,
          reason: actions.get(`${order.side}:${order.symbol}`) ?? 'ADJUST',
          regime: outcome.report.regime.name,
        });
      }
      const execution = outcome.report.execution;
      if (execution !== null && execution.status !== 'complete') shortfalls.push({ date, reason: execution.reason ?? execution.status });
    } else if (outcome.kind === 'unchanged') {
      // A day between rebalances with the book within the band: nothing traded.
    } else if (outcome.outcome !== 'skipped' || outcome.execution?.status === 'blocked') {
      if (outcome.outcome !== 'skipped') throw new Error(`backtest run on ${date} failed (${outcome.outcome}): ${outcome.errors.join('; ')}`);
      shortfalls.push({ date, reason: outcome.errors.join('; ') });
    }
    const marked = ledger.closeDay(date, (symbol) => market.closeOnOrBefore(symbol));
    days.push({ date, ...marked, regime });
    onDay?.(i + 1);
  }
  const totals = ledger.running;
  return { days, fills, costs: totals.costs, dividends: totals.dividends, traded: totals.traded, shortfalls };
}

function nameOf(day: RegimeDay | undefined): Regime | null {
  return day === undefined || day.regime === 'UNKNOWN' ? null : day.regime;
}

/** The session before `date` by the exchange calendar. */
function previousSession(date: string): string | undefined {
  return sessionsBetween(addDays(date, -10), addDays(date, -1)).at(-1)?.date;
}

function detectedOn(day: RegimeDay | undefined, date: string | undefined, inputs: RunInputs, vixNote: string): Result<ReportRegime> {
  if (day === undefined || day.regime === 'UNKNOWN') {
    return err([`regime undeterminable for ${date ?? 'the first session'}: the detector has no label for it (too little index history before it)`]);
  }
  return ok({ name: day.regime, allocation: inputs.config.regimeAllocation[day.regime], source: 'detector', current: currentInputs(day, vixNote) });
}
