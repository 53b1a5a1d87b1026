/**
 * `npm run import -- <kind> <file.csv> [--min-level community|building|room] [--report PATH]`
 * `npm run import -- --purge-quarantine`
 *
 * Loads a department's CSV (people, entities, events or cases) into its subgraph: addresses are
 * standardized to codes, rows are upserted on the department's record id (running a file twice
 * changes nothing), and rows that cannot be loaded go to quarantine with the reason. Prints a
 * summary to stdout, writes a JSON report, shows a progress bar on stderr when it is a terminal.
 * The run's import_run row is 'running' with counters current after every batch; SIGINT/SIGTERM
 * stop it after the batch being written and mark it 'interrupted'.
 * With --purge-quarantine it only erases the personal data of quarantined rows older than
 * QUARANTINE_RETENTION_DAYS in all four department schemas (every import run does so too).
 *
 * Exit codes: 0 the import ran (even with quarantined rows), 1 unexpected failure (or the embedded
 * database is in use), 2 bad arguments or a bad header (nothing written), 130/143 interrupted by
 * SIGINT/SIGTERM.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openOrExit } from '../lib/cli.ts';
import { env } from '../lib/config.ts';
import { openDatabase, type Database } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { DEPARTMENT_FORMATS, DEPARTMENT_KINDS, type DepartmentKind } from '../importer/formats.ts';
import { formatSummary } from '../importer/report.ts';
import { createImportRepository } from '../importer/repository.ts';
import { checkFile, DEFAULT_BATCH_SIZE, housekeeping, ImportInterruptedError, importFile, MAX_BATCH_SIZE, type ImportProgress } from '../importer/run.ts';
import { ImportInputError, LINK_LEVELS, type LinkLevel } from '../importer/types.ts';

const USAGE = `usage: npm run import -- <kind> <file.csv> [options]
       npm run import -- --purge-quarantine
  kind                  ${DEPARTMENT_KINDS.join(' | ')}
  file.csv              the department's CSV (LF, CRLF or CR line endings): a header row with these
                        columns, in any order:
${DEPARTMENT_KINDS.map((k) => `                          ${k.padEnd(9)} ${DEPARTMENT_FORMATS[k].columns.join(',')}`).join('\n')}
  --min-level LEVEL     community | building | room (default community): the coarsest precision
                        an address may be linked at; coarser rows are quarantined as UNLINKED
  --report PATH         where to write the JSON report (default <file.csv>.report.json)
  --batch-size N        records per batch (default ${DEFAULT_BATCH_SIZE})
  --purge-quarantine    only erase the raw values of quarantined rows last seen more than
                        QUARANTINE_RETENTION_DAYS (now ${env().QUARANTINE_RETENTION_DAYS}) days ago, in every department
  -h, --help            this text
Databases come from DATABASE_URL / <SUBGRAPH>_DATABASE_URL (unset: embedded PGlite in PGLITE_DIR).
Exit codes: 0 imported (quarantined rows included), 1 unexpected failure, 2 bad arguments or header,
130/143 interrupted by SIGINT/SIGTERM (the run is marked interrupted; run the file again to finish).
`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

type Args = { kind: DepartmentKind; file: string; minLevel: LinkLevel; report?: string; batchSize: number } | { purge: true };

function parseArguments(): Args {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'min-level': { type: 'string' },
        report: { type: 'string' },
        'batch-size': { type: 'string' },
        'purge-quarantine': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (values['purge-quarantine']) {
    const extra = [...positionals, ...(['min-level', 'report', 'batch-size'] as const).filter((o) => values[o] !== undefined).map((o) => `--${o}`)];
    if (extra.length) fail(`--purge-quarantine takes no other arguments, got ${extra.join(' ')}\n${USAGE}`, 2);
    return { purge: true };
  }
  if (positionals.length !== 2) {
    fail(`expected a kind and a file, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}\n${USAGE}`, 2);
  }
  const [kind, file] = positionals;
  if (!(DEPARTMENT_KINDS as string[]).includes(kind)) fail(`unknown kind "${kind}": one of ${DEPARTMENT_KINDS.join(', ')}\n${USAGE}`, 2);
  const level = (values['min-level'] ?? 'community').toUpperCase();
  if (!(LINK_LEVELS as readonly string[]).includes(level)) {
    fail(`--min-level must be community, building or room, got "${values['min-level']}"\n${USAGE}`, 2);
  }
  const batchSize = values['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    fail(`--batch-size must be an integer from 1 to ${MAX_BATCH_SIZE}, got "${values['batch-size']}"\n${USAGE}`, 2);
  }
  return { kind: kind as DepartmentKind, file, minLevel: level as LinkLevel, report: values.report, batchSize };
}

/** A byte-based progress bar on stderr, or nothing when stderr is not a terminal. */
function progressBar(): { update(p: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'importing [{bar}] {percentage}% | {rows} rows, {quarantined} quarantined | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      if (!started) {
        bar.start(p.totalBytes, 0, { rows: 0, quarantined: 0 });
        started = true;
      }
      bar.update(p.bytesRead, { rows: p.rowsIn, quarantined: p.quarantined });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** --purge-quarantine: housekeeping in every department schema; returns the exit code. */
async function purgeQuarantine(): Promise<number> {
  const days = env().QUARANTINE_RETENTION_DAYS;
  const purged: string[] = [];
  for (const kind of DEPARTMENT_KINDS) {
    const database = openOrExit(() => openDatabase(kind));
    try {
      await migrateSubgraph(database);
      purged.push(`${kind} ${await housekeeping(createImportRepository(database, kind), days)}`);
    } catch (error) {
      logger.error({ err: error, kind }, 'purging the quarantine failed');
      process.stderr.write(`purging the ${kind} quarantine failed: ${(error as Error).message}\n`);
      return 1;
    } finally {
      await database.close();
    }
  }
  process.stdout.write(`purged quarantined rows last seen more than ${days} days ago: ${purged.join(', ')}\n`);
  return 0;
}

const args = parseArguments();
if ('purge' in args) process.exit(await purgeQuarantine());
// the header is checked before any database is opened: a bad file must leave nothing behind
try {
  await checkFile(args.kind, args.file);
} catch (error) {
  if (error instanceof ImportInputError) fail(error.message, 2);
  fail(`cannot read ${args.file}: ${(error as Error).message}`, 1);
}

// SIGINT/SIGTERM stop after the batch being written (the run is marked interrupted); a second one at once
const stop = new AbortController();
let stoppedBy: NodeJS.Signals | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stoppedBy) process.exit(signal === 'SIGINT' ? 130 : 143);
    stoppedBy = signal;
    process.stderr.write(`${signal}: stopping after the current batch (again to stop at once)${os.EOL}`);
    stop.abort();
  });
}

const databases: Database[] = [];
const bar = progressBar();
let exitCode = 0;
try {
  const buildings = openOrExit(() => openDatabase('buildings'));
  databases.push(buildings);
  const target = openDatabase(args.kind);
  databases.push(target);
  const report = await importFile({
    kind: args.kind,
    file: args.file,
    target,
    buildings,
    minLevel: args.minLevel,
    reportPath: args.report,
    batchSize: args.batchSize,
    onProgress: (p) => bar.update(p),
    signal: stop.signal,
  });
  bar.stop();
  process.stdout.write(formatSummary(report));
} catch (error) {
  bar.stop();
  if (error instanceof ImportInputError) {
    process.stderr.write(`${error.message}\n`);
    exitCode = 2;
  } else if (error instanceof ImportInterruptedError) {
    process.stderr.write(`${error.message}\n`);
    exitCode = stoppedBy === 'SIGTERM' ? 143 : 130;
  } else {
    logger.error({ err: error }, 'import failed');
    process.stderr.write(`import failed: ${(error as Error).message}\n`);
    exitCode = 1;
  }
} finally {
  for (const d of databases) await d.close();
}
process.exit(exitCode);
