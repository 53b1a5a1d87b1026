import { pino } from 'pino';
import { env } from './config.ts';

/** The process logger: JSON lines on stdout, level from LOG_LEVEL. */
export const logger = pino(
  {
    level: env().LOG_LEVEL,
    base: { pid: process.pid },
    redact: { paths: ['*.idNumber', '*.phone', 'req.headers.authorization'], censor: '[redacted]' },
  },
  // synchronous, so log lines and the start-up banner on stdout appear in the order they happen
  pino.destination({ dest: 1, sync: true }),
);
