import type { RegimeLabel } from '../types.js';

export interface ChartDay {
  readonly date: string;
  readonly close: number;
  readonly regime: RegimeLabel;
}

export interface ChartOptions {
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
}

/** Shading per regime: green to red as exposure falls; grey while the detector warms up. */
export const REGIME_COLOURS: Readonly<Record<RegimeLabel, string>> = {
  TREND_BULL: '#4caf50',
  TREND_NEUTRAL: '#fdd835',
  TREND_BEAR: '#fb8c00',
  CRASH: '#e53935',
  UNKNOWN: '#bdbdbd',
};

const MARGIN = { left: 56, right: 16, top: 44, bottom: 28 } as const;

/**
 * A plain SVG line chart of the closes on a log scale, the background shaded by each day's regime. Trading days
 * are evenly spaced (no weekend gaps). Deterministic text, so regenerating an unchanged evaluation changes nothing.
 */
export function regimeChartSvg(days: readonly ChartDay[], options: ChartOptions): string {
  const width = options.width ?? 960;
  const height = options.height ?? 400;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const n = days.length;
  const closes = days.map((d) => d.close);
  const lo = Math.log(Math.min(...closes));
  const hi = Math.log(Math.max(...closes));
  const pad = (hi - lo) * 0.03 || 0.1;
  const [logMin, logMax] = [lo - pad, hi + pad];
  const x = (i: number): number => MARGIN.left + (n > 1 ? (i / (n - 1)) * plotW : plotW / 2);
  const y = (v: number): number => MARGIN.top + ((logMax - Math.log(v)) / (logMax - logMin)) * plotH;
  // A day's band reaches halfway to its neighbours, so adjacent bands tile the plot without gaps.
  const edge = (i: number): number => (i <= 0 ? MARGIN.left : i >= n ? MARGIN.left + plotW : (x(i - 1) + x(i)) / 2);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
      ' font-family="sans-serif" font-size="11">',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="16" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  for (const run of regimeRuns(days)) {
    const left = edge(run.start);
    const width = fmt(edge(run.end + 1) - left);
    parts.push(
      `<rect data-regime="${run.regime}" x="${fmt(left)}" y="${MARGIN.top}" width="${width}" height="${plotH}"` +
        ` fill="${REGIME_COLOURS[run.regime]}" fill-opacity="0.35"/>`,
    );
  }
  for (const value of priceTicks(Math.exp(logMin), Math.exp(logMax))) {
    const ty = fmt(y(value));
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${ty}" y2="${ty}" stroke="#9e9e9e" stroke-width="0.5"/>`);
    parts.push(`<text x="${MARGIN.left - 4}" y="${ty}" text-anchor="end" dominant-baseline="middle">${value}</text>`);
  }
  for (const tick of yearTicks(days)) {
    const tx = fmt(x(tick.index));
    parts.push(`<line x1="${tx}" x2="${tx}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}" stroke="#424242"/>`);
    parts.push(`<text x="${tx}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${tick.year}</text>`);
  }
  const points = days.map((d, i) => `${fmt(x(i))},${fmt(y(d.close))}`).join(' ');
  parts.push(`<polyline points="${points}" fill="none" stroke="#212121" stroke-width="1"/>`);
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#424242"/>`);
  parts.push(...legend(days, MARGIN.left, 34));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** Consecutive days with the same regime, as inclusive index ranges. */
export function regimeRuns(
  days: readonly { readonly regime: RegimeLabel }[],
): { readonly regime: RegimeLabel; readonly start: number; readonly end: number }[] {
  const runs: { regime: RegimeLabel; start: number; end: number }[] = [];
  days.forEach((d, i) => {
    const last = runs[runs.length - 1];
    if (last && last.regime === d.regime) last.end = i;
    else runs.push({ regime: d.regime, start: i, end: i });
  });
  return runs;
}

/** Round price levels (1, 2, 5 × 10^k) inside [min, max]; on a log axis these are roughly evenly spaced. */
export function priceTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let exp = Math.floor(Math.log10(min)); exp <= Math.ceil(Math.log10(max)); exp++) {
    for (const m of [1, 2, 5]) {
      const value = m * 10 ** exp;
      if (value >= min && value <= max) ticks.push(Number(value.toPrecision(12)));
    }
  }
  return ticks;
}

/** The first trading day of each year, thinned so at most about 12 labels show. */
function yearTicks(days: readonly ChartDay[]): { readonly index: number; readonly year: string }[] {
  const firsts: { index: number; year: string }[] = [];
  days.forEach((d, i) => {
    const year = d.date.slice(0, 4);
    if (i > 0 && year !== days[i - 1]?.date.slice(0, 4)) firsts.push({ index: i, year });
  });
  const step = [1, 2, 5, 10].find((s) => firsts.length / s <= 12) ?? 20;
  return firsts.filter((t) => Number(t.year) % step === 0);
}

function legend(days: readonly ChartDay[], left: number, baseline: number): string[] {
  const parts: string[] = [];
  let cursor = left;
  for (const regime of Object.keys(REGIME_COLOURS) as RegimeLabel[]) {
    const count = days.filter((d) => d.regime === regime).length;
    if (count === 0) continue;
    const label = `${regime} ${((100 * count) / days.length).toFixed(1)}%`;
    parts.push(`<rect x="${cursor}" y="${baseline - 9}" width="10" height="10" fill="${REGIME_COLOURS[regime]}"/>`);
    parts.push(`<text x="${cursor + 14}" y="${baseline}">${label}</text>`);
    cursor += 14 + label.length * 6.5 + 12;
  }
  return parts;
}

const fmt = (v: number): string => String(Math.round(v * 10) / 10);

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
