export const CBOE_VIX_URL = 'https://cdn.cboe.com/api/global/us_indices/daily_prices/VIX_History.csv';

/** Where VIX closes come from: a URL downloaded at most once a day, or a local file. */
export type VixSource = { readonly url: string } | { readonly file: string };
