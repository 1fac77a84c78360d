export { attachTradeStream, STREAM_PATH } from './trade-stream.js';
export type { TradeStream, TradeStreamOptions } from './trade-stream.js';
