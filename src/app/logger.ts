import pino, { type Logger } from 'pino';

/** Paths whose values never reach a log line, whatever a stage logs. */
export const REDACTED_PATHS = [
  'keyId',
  'secretKey',
  'secret',
  '*.keyId',
  '*.secretKey',
  '*.secret',
  'headers["apca-api-key-id"]',
  'headers["apca-api-secret-key"]',
  '*.headers["apca-api-key-id"]',
  '*.headers["apca-api-secret-key"]',
];

export interface LoggerOptions {
  readonly level: string;
  /** Human-friendly lines (pino-pretty) when stderr is a terminal; JSON lines otherwise. */
  readonly pretty: boolean;
}

/** Logs always go to stderr, so that stdout carries only the report. */
export function createLogger(options: LoggerOptions): Logger {
  const redact = { paths: REDACTED_PATHS, censor: '[redacted]' };
  if (options.pretty) {
    return pino({
      level: options.level,
      redact,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } },
    });
  }
  return pino({ level: options.level, redact }, pino.destination({ dest: 2, sync: true }));
}
