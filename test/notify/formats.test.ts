import { describe, expect, it } from 'vitest';
import { DISCORD_LIMIT, renderNotice, truncate } from '../../src/notify/formats.js';
import type { NoticeOrder, RunNotice } from '../../src/notify/message.js';

const anOrder = (i: number): NoticeOrder => ({ symbol: `SYM${i}`, side: i % 2 === 0 ? 'sell' : 'buy', qty: 10 + i, filledQty: 10 + i, filledAvgPrice: 100.5, status: 'filled' });

function aNotice(overrides: Partial<RunNotice> = {}): RunNotice {
  return {
    command: 'rebalance',
    mode: 'paper',
    kind: 'selection',
    regime: 'TREND_BEAR',
    previousRegime: 'TREND_BULL',
    exitCode: 4,
    outcome: 'incomplete',
    meaning: 'execution incomplete',
    orders: [anOrder(1), { ...anOrder(2), filledQty: 5, status: 'canceled' }],
    fills: 2,
    moneyMoved: 1_000.25,
    attention: ['AAPL: 5 of 12 filled <canceled> & resized'],
    runId: '20260202-abcd1234',
    at: '2026-02-02T15:50:00.000-05:00',
    blocked: false,
    ...overrides,
  };
}

describe('renderNotice', () => {
  it('slack: one mrkdwn text with the summary, the regime change, attention first, then the orders', () => {
    const { text } = JSON.parse(renderNotice(aNotice(), 'slack')) as { text: string };
    expect(text.split('\n')).toEqual([
      '*regime-rebalancer* rebalance, paper, selection: exit 4 (incomplete)',
      'execution incomplete',
      'Regime: TREND_BEAR (changed from TREND_BULL)',
      'Orders: 2 (2 filled); money moved $1,000.25',
      '*Needs attention:*',
      '• AAPL: 5 of 12 filled &lt;canceled&gt; &amp; resized',
      '• buy 11 SYM1: filled 11 @ $100.50',
      '• sell 12 SYM2: filled 5 @ $100.50 (canceled)',
      'Run 20260202-abcd1234 at 2026-02-02T15:50:00.000-05:00',
    ]);
  });

  it('discord: a long run is cut at a line end to at most 2000 characters, saying so', () => {
    const orders = Array.from({ length: 25 }, (_, i) => anOrder(i));
    const attention = Array.from({ length: 40 }, (_, i) => `problem ${i}: ${'x'.repeat(60)}`);
    const { content } = JSON.parse(renderNotice(aNotice({ orders, attention }), 'discord')) as { content: string };
    expect(content.length).toBeLessThanOrEqual(DISCORD_LIMIT);
    expect(content.startsWith('**regime-rebalancer** rebalance, paper, selection: exit 4 (incomplete)\n')).toBe(true);
    expect(content.endsWith('\n… (truncated; the audit trail has every row)')).toBe(true);
    expect(content).toContain('problem 0:');
  });

  it('json: the notice as a document, orders capped for a long backtest', () => {
    const orders = Array.from({ length: 250 }, (_, i) => anOrder(i));
    const document = JSON.parse(renderNotice(aNotice({ command: 'backtest', mode: 'backtest', kind: null, orders }), 'json')) as Record<string, unknown>;
    expect(document).toMatchObject({ tool: 'regime-rebalancer', command: 'backtest', mode: 'backtest', kind: null, regimeChanged: true, ordersOmitted: 50, moneyMoved: 1000.25 });
    expect(document['orders']).toHaveLength(200);
  });

  it('a dry run lists its planned orders as planned', () => {
    const planned = aNotice({ mode: 'dry-run', orders: [{ ...anOrder(1), filledQty: 0, filledAvgPrice: null, status: 'planned' }], fills: 0, moneyMoved: 0, previousRegime: null });
    const { text } = JSON.parse(renderNotice(planned, 'slack')) as { text: string };
    expect(text).toContain('Regime: TREND_BEAR\n');
    expect(text).toContain('Orders: 1 planned, none submitted');
    expect(text).toContain('• buy 11 SYM1: planned');
  });
});

describe('truncate', () => {
  it('leaves a short text alone and hard-cuts a text without line ends', () => {
    expect(truncate('short', 100)).toBe('short');
    expect(truncate('y'.repeat(3000), DISCORD_LIMIT)).toHaveLength(DISCORD_LIMIT);
  });
});
