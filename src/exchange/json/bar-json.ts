import type { Bar } from '../../domain/index.js';
import { dailyBarTimestamp } from '../dates.js';

/** Alpaca's stock bar. The data has no trade counts or VWAP: n is 0, vw the typical price. */
export function barJson(bar: Bar): Record<string, unknown> {
  return {
    t: dailyBarTimestamp(bar.date),
    o: bar.open,
    h: bar.high,
    l: bar.low,
    c: bar.close,
    v: bar.volume,
    n: 0,
    vw: (bar.high + bar.low + bar.close) / 3,
  };
}
