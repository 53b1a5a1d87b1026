/**
 * What the command-line scripts share: refusals that deserve one line on stderr, not a stack trace.
 */
import { DatabaseInUseError } from './db.ts';

/**
 * Runs `open` (which opens the embedded database); when another process holds the database,
 * prints the one-line DatabaseInUseError message and exits 1 having touched nothing.
 */
export function openOrExit<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
