export { faultsSchema, NO_FAULTS } from './config.js';
export type { FaultConfig } from './config.js';
export { createFaultLayer } from './fault-layer.js';
export type { FaultLayer, FaultOutcome, FaultRequest } from './fault-layer.js';
