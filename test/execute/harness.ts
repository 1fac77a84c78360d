/** What the executor's in-process tests share: an audit trail in memory, a silent logger and plan builders. */
import pino from 'pino';
import type { AuditRow, AuditTrail } from '../../src/audit/audit-trail.js';
import type { OrderIntent } from '../../src/domain/index.js';
import type { ExecutionSettings } from '../../src/execute/two-phase-executor.js';

export interface MemoryAudit extends AuditTrail {
  readonly rows: AuditRow[];
}

export function memoryAudit(): MemoryAudit {
  const rows: AuditRow[] = [];
  return { path: 'memory', rows, record: (row) => void rows.push(row), close: () => undefined };
}

export const silentLogger = pino({ level: 'silent' });

/** An order intent moving `symbol` from `fromQty` to `toQty`. */
export function anIntent(symbol: string, fromQty: number, toQty: number): OrderIntent {
  const side = toQty > fromQty ? 'buy' : 'sell';
  return {
    action: fromQty === 0 ? 'OPEN' : toQty === 0 ? 'CLOSE' : 'ADJUST',
    side,
    symbol,
    qty: Math.abs(toQty - fromQty),
    fromQty,
    toQty,
    phase: side === 'sell' ? 1 : 2,
    type: 'market',
    timeInForce: 'day',
    reason: 'test',
  };
}

export function settings(overrides: Partial<ExecutionSettings> = {}): ExecutionSettings {
  return { fillTimeoutMs: 300, pollIntervalMs: 10, buyingPowerReserve: 0, marketClosed: false, isFractional: () => false, ...overrides };
}
