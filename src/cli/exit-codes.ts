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

export const EXIT_CODES_HELP = `
Exit codes:
  0  plan valid (dry run), or every order filled and positions equal targets
  1  unexpected error (a bug, a broker fault, or a run lock that cannot be taken: see the message)
  2  bad input: usage, config, universe, scenario, dates or credentials (nothing submitted)
  3  a validation gate failed (nothing submitted)
  4  execution incomplete: a partial fill, rejection, expiry, timeout or resize (see the report and the audit trail)
  5  skipped or blocked: market closed, not a rebalance day, another run holds the lock, account blocked,
     or the regime cannot be determined (data missing or rejected)`;

/** Each exit code's meaning in a few words, for what is read away from the terminal (notifications, report pages). */
export const EXIT_CODE_MEANINGS: Readonly<Record<Outcome, string>> = {
  ok: 'plan valid (dry run), or every order filled and positions equal the targets',
  unexpected: 'unexpected error (a bug, a broker fault, or a run lock that cannot be taken)',
  badInput: 'bad input: usage, config, universe, scenario, dates or credentials; nothing submitted',
  gateFailed: 'a validation gate failed; nothing submitted',
  incomplete: 'execution incomplete: a partial fill, rejection, expiry, timeout or resize',
  skipped: 'skipped or blocked: market closed, not a rebalance day, lock held, account blocked, or no regime',
};
