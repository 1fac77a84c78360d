export * from './regime.js';
export * from './market.js';
export * from './account.js';
export * from './plan.js';
export * from './result.js';
export * from './orders.js';
export * from './venue.js';
export * from './quantity.js';
