/**
 * The one place that turns an ECharts option into SVG text: server-side rendering, no DOM and no browser
 * (Apache ECharts' SSR mode), so reports and docs embed charts as plain vector markup with no script.
 */
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  TitleComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, VisualMapComponent } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what our charts draw is registered, so a bundle carries these parts of ECharts and not all of it.
use([LineChart, BarChart, HeatmapChart, GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | TitleComponentOption
  | VisualMapComponentOption
>;

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Renders an option to an SVG string, deterministically: `id` replaces ECharts' per-process instance and class
 * counters in element ids and CSS classes, so the same input gives the same text and several charts can share
 * one HTML page without their ids clashing.
 */
export function renderChartSvg(option: ChartOption, size: ChartSize, id: string): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', ...option });
    return stableIds(chart.renderToSVGString(), id);
  } finally {
    chart.dispose();
  }
}

function stableIds(svg: string, id: string): string {
  const classes = new Map<string, number>();
  return svg
    .replace(/\bzr\d+-cls-(\d+)\b/g, (_, n: string) => {
      if (!classes.has(n)) classes.set(n, classes.size);
      return `${id}-cls-${String(classes.get(n))}`;
    })
    .replace(/\bzr\d+-/g, `${id}-`);
}
