import type { BrokerError } from '../broker/port.js';

/**
 * How a command ended, in words. Commands return it; src/cli/exit-codes.ts alone turns it into the process's exit
 * code, so the documented codes live in one table.
 */
export type Outcome = 'ok' | 'unexpected' | 'badInput' | 'gateFailed' | 'incomplete' | 'skipped';

/** A broker failure: keys the broker refused are the user's input to fix; anything else was not expected. */
export function outcomeOfBrokerError(error: BrokerError): Outcome {
  return error.kind === 'auth' ? 'badInput' : 'unexpected';
}
