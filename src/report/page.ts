/**
 * The page every report shares (the backtest's and a run's): one self-contained HTML document, inline CSS and SVG,
 * no script and nothing to fetch (a Content-Security-Policy says so to the browser), in one style.
 */
import { escapeHtml as esc } from '../backtest/report/format.js';

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #212121; margin: 0; background: #fafafa; }
main { max-width: 1060px; margin: 0 auto; padding: 24px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #e0e0e0; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 7px; vertical-align: top; border-bottom: 1px solid #eeeeee; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; } thead th { background: #f5f5f5; white-space: normal; vertical-align: bottom; }
table.metrics { font-size: 13px; } small { color: #616161; }
td.na { color: #757575; text-align: left; font-style: italic; }
.chart svg { display: block; max-width: 100%; height: auto; } .note { color: #616161; }
table.words td:last-child, table.words th:last-child { text-align: left; white-space: normal; }
pre { background: #f5f5f5; padding: 12px; overflow-x: auto; font-size: 12px; }
`;

export function table(headers: readonly string[], rows: readonly string[], className = ''): string {
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  return `<table${className === '' ? '' : ` class="${className}"`}><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export const row = (cells: readonly string[]): string => `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;

export function chart(id: string, heading: string, svg: string): string {
  // The SVG comes from ECharts, which escapes the text it draws; it is trusted markup, not text.
  return `<section><h2>${esc(heading)}</h2><div class="chart" id="chart-${id}">${svg}</div></section>`;
}

/** The whole document around the sections. */
export function page(title: string, body: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Nothing may be fetched: the page is complete as written, and a browser enforces it.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title><style>${STYLE}</style></head>`,
    `<body><main>${body.join('\n')}</main></body></html>`,
    '',
  ].join('\n');
}
