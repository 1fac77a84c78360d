/** The x axis every time-series chart uses: trading days evenly spaced (no weekend gaps), labelled by year. */
import type { ChartOption } from './render-svg.js';
import { yearStarts } from './axes.js';

type XAxis = NonNullable<Exclude<ChartOption['xAxis'], unknown[]>>;

export function tradingDayAxis(dates: readonly string[]): XAxis {
  const starts = yearStarts(dates);
  // Explicit year ticks rather than ECharts' automatic interval, which would label arbitrary days.
  const atYearStart = (index: number): boolean => starts.has(index);
  return {
    type: 'category',
    data: [...dates],
    boundaryGap: false,
    axisLabel: { interval: atYearStart, formatter: (value: string) => value.slice(0, 4), color: '#424242' },
    axisTick: { interval: atYearStart, alignWithLabel: true },
    axisLine: { lineStyle: { color: '#424242' } },
  };
}
