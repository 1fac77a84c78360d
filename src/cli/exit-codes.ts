import type { Outcome } from '../app/outcome.js';

/** The process exit code of each outcome, as documented in the README, --help and docs/architecture.md. */
export const EXIT_CODES: Readonly<Record<Outcome, number>> = {
  ok: 0,
  unexpected: 1,
  badInput: 2,
  gateFailed: 3,
  incomplete: 4,
  skipped: 5,
};

export const exitCodeOf = (outcome: Outcome): number => EXIT_CODES[outcome];

/** Each outcome in a few words, for pages and messages a person reads. */
export const OUTCOME_MEANINGS: Readonly<Record<Outcome, string>> = {
  ok: 'done: the plan is valid (dry run) or every order filled and positions equal the targets',
  unexpected: 'an unexpected error (a bug or a broker fault)',
  badInput: 'bad input; nothing submitted',
  gateFailed: 'a validation gate failed; nothing submitted',
  incomplete: 'execution incomplete: see the problems',
  skipped: 'skipped or blocked',
};

export const EXIT_CODES_HELP = `
Exit codes:
  0  plan valid (dry run), or every order filled and positions equal targets
  1  unexpected error (a bug, a broker fault, or a run lock that cannot be taken: see the message)
  2  bad input: usage, config, universe, scenario, dates or credentials (nothing submitted)
  3  a validation gate failed (nothing submitted)
  4  execution incomplete: a partial fill, rejection, expiry, timeout or resize (see the report and the audit trail)
  5  skipped or blocked: market closed, not a rebalance day, another run holds the lock, account blocked,
     or the regime cannot be determined (data missing or rejected)`;
