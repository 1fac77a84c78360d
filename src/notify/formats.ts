/** A run's notice as each webhook wants it: Slack's { text }, Discord's { content }, or the notice as JSON. Pure. */
import { qtyText } from '../domain/quantity.js';
import { usd } from '../validate/plan-math.js';
import { regimeChanged, type NoticeOrder, type RunNotice } from './message.js';

export type NotifyFormat = 'slack' | 'discord' | 'json';

/** Discord refuses a message longer than this. */
export const DISCORD_LIMIT = 2000;
/** Order lines in a text message; the rest are counted (the JSON document lists them). */
const MAX_ORDER_LINES = 25;
/** Orders in the JSON document: a long backtest's thousands of fills are in its orders.csv. */
const MAX_JSON_ORDERS = 200;

/** The request body for a target of this format. */
export function renderNotice(notice: RunNotice, format: NotifyFormat): string {
  if (format === 'slack') return JSON.stringify({ text: textMessage(notice, { bold: (t) => `*${t}*`, escape: slackEscape }) });
  if (format === 'discord') {
    return JSON.stringify({ content: truncate(textMessage(notice, { bold: (t) => `**${t}**`, escape: (t) => t }), DISCORD_LIMIT) });
  }
  return JSON.stringify(jsonDocument(notice));
}

export function jsonDocument(notice: RunNotice): Record<string, unknown> {
  return {
    tool: 'regime-rebalancer',
    command: notice.command,
    mode: notice.mode,
    kind: notice.kind,
    regime: notice.regime,
    previousRegime: notice.previousRegime,
    regimeChanged: regimeChanged(notice),
    exitCode: notice.exitCode,
    outcome: notice.outcome,
    meaning: notice.meaning,
    orders: notice.orders.slice(0, MAX_JSON_ORDERS),
    ordersOmitted: Math.max(0, notice.orders.length - MAX_JSON_ORDERS),
    fills: notice.fills,
    moneyMoved: Math.round(notice.moneyMoved * 100) / 100,
    attention: notice.attention,
    runId: notice.runId,
    at: notice.at,
  };
}

interface Markup {
  readonly bold: (text: string) => string;
  readonly escape: (text: string) => string;
}

/** Summary first, then what needs attention, then the order lines: a truncated message loses the details only. */
export function textMessage(notice: RunNotice, markup: Markup): string {
  const e = markup.escape;
  const what = [notice.command, notice.mode, notice.kind].filter((part): part is string => part !== null).join(', ');
  const lines = [
    `${markup.bold('regime-rebalancer')} ${e(what)}: exit ${notice.exitCode} (${notice.outcome})`,
    e(notice.meaning),
  ];
  if (notice.regime !== null) lines.push(`Regime: ${notice.regime}${regimeNote(notice)}`);
  const planned = notice.orders.every((o) => o.status === 'planned');
  lines.push(
    notice.orders.length === 0
      ? 'Orders: none'
      : `Orders: ${notice.orders.length} ${planned ? 'planned, none submitted' : `(${notice.fills} filled)`}; money moved ${usd(notice.moneyMoved)}`,
  );
  if (notice.attention.length > 0) lines.push(markup.bold('Needs attention:'), ...notice.attention.map((a) => `• ${e(a)}`));
  lines.push(...notice.orders.slice(0, MAX_ORDER_LINES).map((o) => `• ${e(orderLine(o))}`));
  if (notice.orders.length > MAX_ORDER_LINES) lines.push(`• and ${notice.orders.length - MAX_ORDER_LINES} more order(s)`);
  lines.push(`${notice.runId !== null ? `Run ${notice.runId} at ` : ''}${notice.at}`);
  return lines.join('\n');
}

function regimeNote(notice: RunNotice): string {
  if (notice.previousRegime === null) return '';
  return regimeChanged(notice) ? ` (changed from ${notice.previousRegime})` : ' (unchanged)';
}

function orderLine(o: NoticeOrder): string {
  const head = `${o.date !== undefined ? `${o.date} ` : ''}${o.side} ${qtyText(o.qty)} ${o.symbol}`;
  if (o.status === 'planned') return `${head}: planned`;
  const fill = o.filledQty > 0 ? `filled ${qtyText(o.filledQty)}${o.filledAvgPrice !== null ? ` @ ${usd(o.filledAvgPrice)}` : ''}` : 'not filled';
  return `${head}: ${fill}${o.status === 'filled' ? '' : ` (${o.status})`}`;
}

/** Slack's mrkdwn treats &, < and > as control characters. */
const slackEscape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const TRUNCATED = '\n… (truncated; the audit trail has every row)';

/** At most `limit` characters, cut at a line end when one is near, saying that it was cut. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = limit - TRUNCATED.length;
  const lineEnd = text.lastIndexOf('\n', room);
  return `${text.slice(0, lineEnd > room / 2 ? lineEnd : room)}${TRUNCATED}`;
}
