/** How the report writes numbers: one place, so the page, its tests and the terminal table agree on a figure's text. */

/** A fraction as a percentage with two decimals (0.1234 → "12.34%"); "—" where the figure is undefined. */
export const percent = (n: number | null): string => (n === null ? '—' : `${(n * 100).toFixed(2)}%`);

/** A ratio such as Sharpe with two decimals; "—" where undefined. */
export const ratio = (n: number | null): string => (n === null ? '—' : n.toFixed(2));

/** Whole dollars with thousands separators. */
export const dollars = (n: number): string => `$${Math.round(n).toLocaleString('en-US')}`;

/** Text made safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
