/**
 * What the command-line scripts share: refusals that deserve one line on stderr, not a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SUBGRAPHS, type SubgraphName } from './config.ts';
import { DatabaseInUseError, openDatabase, type Database } from './db.ts';

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

/** Every subgraph's database (openDatabase), through openOrExit: one line and exit 1 when the embedded one is held. */
export function openSubgraphDatabasesOrExit(): Record<SubgraphName, Database> {
  return openOrExit(() => {
    const opened: Partial<Record<SubgraphName, Database>> = {};
    for (const s of SUBGRAPHS) opened[s] = openDatabase(s);
    return opened as Record<SubgraphName, Database>;
  });
}

/**
 * Parses the command line with `config` (strict: an unknown option is refused): a parse error is
 * its message and `usage` on stderr and exit 2; `--help` (when `config` declares it) is `usage` on
 * stdout and exit 0.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  return parsed;
}
