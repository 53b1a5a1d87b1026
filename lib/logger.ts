import { pino } from 'pino';
import { env } from './config.ts';

/** The process logger: JSON lines on stdout, level from LOG_LEVEL. */
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { pid: process.pid },
  redact: { paths: ['*.idNumber', '*.phone', 'req.headers.authorization'], censor: '[redacted]' },
});
