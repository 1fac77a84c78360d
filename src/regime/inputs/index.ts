export type { DailyClose } from '../types.js';
export { parseCloseHistory, readCloseHistory } from './close-history.js';
export { mergeCloses, overlapGap } from './merge-closes.js';
export { parseVixCsv } from './vix-csv.js';
export { CBOE_VIX_URL } from './vix-source.js';
export type { VixSource } from './vix-source.js';
export { loadVix } from './load-vix.js';
export type { VixLoad, VixLoadOptions, VixOrigin } from './load-vix.js';
